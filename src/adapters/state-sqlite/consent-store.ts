// Consent records in the data directory's state.db (node:sqlite, WAL). The record is kept as JSON with
// the columns queries need beside it; the withdrawal time is a column of its own, the one field that
// ever changes after a record is written.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { ConsentStore } from '../../app/consent/consent-store-port.ts'
import { SluiceError } from '../../app/errors.ts'
import type { ConsentRecord } from '../../core/transfers/consent.ts'

/** The state database's file name inside the data directory (shared by the state stores). */
export const stateFileName = 'state.db'

const createTable = `
CREATE TABLE IF NOT EXISTS consents (
  id TEXT PRIMARY KEY,
  tenant TEXT NOT NULL,
  subject TEXT NOT NULL,
  given_ms INTEGER NOT NULL,
  withdrawn_at TEXT,
  record TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS consents_subject ON consents (tenant, subject, given_ms);
`

/** Opens (creating when needed) the consent store in `dataDir`/state.db. */
export async function openSqliteConsentStore(dataDir: string): Promise<ConsentStore> {
  await mkdir(dataDir, { recursive: true })
  const db = new DatabaseSync(join(dataDir, stateFileName))
  // Other state stores open the same file from their own connections: wait for their writes, do not fail.
  db.exec('PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;')
  db.exec(createTable)
  const insert = db.prepare(
    'INSERT INTO consents (id, tenant, subject, given_ms, withdrawn_at, record) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const exists = db.prepare('SELECT 1 AS found FROM consents WHERE id = ?')
  const bySubject = db.prepare(
    'SELECT record, withdrawn_at FROM consents WHERE tenant = ? AND subject = ? ORDER BY given_ms, id',
  )
  const byId = db.prepare('SELECT record, withdrawn_at FROM consents WHERE tenant = ? AND id = ?')
  const withdraw = db.prepare(
    'UPDATE consents SET withdrawn_at = ? WHERE tenant = ? AND id = ? AND withdrawn_at IS NULL',
  )
  let open = true
  const live = (): void => {
    if (!open) throw new SluiceError('INTERNAL', 'the consent store is closed')
  }
  const decode = (row: Record<string, unknown>): ConsentRecord => {
    const record = JSON.parse(String(row.record)) as ConsentRecord
    const withdrawnAt = typeof row.withdrawn_at === 'string' ? row.withdrawn_at : null
    return { ...record, withdrawnAt }
  }
  const getOne = (tenant: string, id: string): ConsentRecord | undefined => {
    const row = byId.get(tenant, id)
    return row === undefined ? undefined : decode(row)
  }
  return {
    async add(records) {
      live()
      if (records.length === 0) return
      duplicateInBatch(records)
      db.exec('BEGIN IMMEDIATE')
      try {
        for (const r of records) {
          if (exists.get(r.id) !== undefined) {
            throw new SluiceError('INVALID_INPUT', `consent ${r.id} is already stored`)
          }
          const { withdrawnAt, ...rest } = r
          insert.run(r.id, r.tenant, r.subject, Date.parse(r.givenAt), withdrawnAt, JSON.stringify(rest))
        }
        db.exec('COMMIT')
      } catch (error) {
        db.exec('ROLLBACK')
        throw error
      }
    },
    async forSubject(tenant, subject) {
      live()
      return bySubject.all(tenant, subject).map(decode)
    },
    async get(tenant, id) {
      live()
      return getOne(tenant, id)
    },
    async withdraw(tenant, id, at) {
      live()
      withdraw.run(at, tenant, id)
      return getOne(tenant, id)
    },
    async close() {
      if (!open) return
      open = false
      db.close()
    },
  }
}

/** Throws INVALID_INPUT when the batch repeats an id. */
export function duplicateInBatch(records: readonly ConsentRecord[]): void {
  const seen = new Set<string>()
  for (const r of records) {
    if (seen.has(r.id)) throw new SluiceError('INVALID_INPUT', `consent ${r.id} appears twice in one batch`)
    seen.add(r.id)
  }
}
