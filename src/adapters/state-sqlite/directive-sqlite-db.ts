// Opens state.db (the data directory's SQLite file for everything but the ledger) for the directive,
// vault and deletion-request stores. Each store creates only its own tables, so stores written by
// different parts of Sluice share the file without a shared schema version.
import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { SluiceError } from '../../app/errors.ts'

/** Path of state.db in `dataDir`. */
export function stateFileIn(dataDir: string): string {
  return join(dataDir, 'state.db')
}

/**
 * Opens `file` (creating it and its directory, mode 0700, when missing) in WAL mode with a busy
 * timeout, and runs `schema` (CREATE … IF NOT EXISTS statements) in one immediate transaction.
 */
export async function openStateDb(file: string, schema: string): Promise<DatabaseSync> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 })
  let db: DatabaseSync | undefined
  try {
    db = new DatabaseSync(file, { timeout: 5000 })
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;')
    inTransaction(db, () => db?.exec(schema))
    return db
  } catch (error) {
    if (db?.isOpen) db.close()
    throw new SluiceError('CONFIG_INVALID', `cannot open the state database ${file}: ${messageOf(error)}`, {
      cause: error,
    })
  }
}

/** Runs `work` in BEGIN IMMEDIATE … COMMIT, rolling back when it throws. */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE')
  try {
    const result = work()
    db.exec('COMMIT')
    return result
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK')
    throw error
  }
}

/** A SluiceError for a store used after close. */
export function closedError(what: string): SluiceError {
  return new SluiceError('INTERNAL', `the ${what} store is closed`)
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
