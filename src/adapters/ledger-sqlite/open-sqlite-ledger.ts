// The embedded ledger store: one SQLite file (node:sqlite) under the data directory.
// WAL with synchronous=NORMAL: a commit is durable against a process crash and costs no fsync; a
// power loss can lose the last commits but never corrupts the file or the chain.
import { access, mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { DatabaseSync, type StatementSync } from 'node:sqlite'
import { SluiceError } from '../../app/errors.ts'
import type { LedgerStore } from '../../app/ledger-port.ts'
import { type ChainHead, emptyHead, hashCanonicalRecord } from '../../core/ledger/chain-hash.ts'
import { decodeEntry, encodeEntry } from '../../core/ledger/entry-codec.ts'
import type { LedgerEntry, LedgerRecord, StoredRecord } from '../../core/ledger/ledger-record.ts'

/** The ledger file's name inside the data directory. */
export const ledgerFileName = 'ledger.db'

/** Path of the ledger file in `dataDir`. */
export function ledgerFileIn(dataDir: string): string {
  return join(dataDir, ledgerFileName)
}

const schemaVersion = 1

// Columns beside the entry text copy fields the console and exports filter on (records to a service,
// a tenant, an action, in a time range), so those queries need not parse every entry.
const createSchema = `
CREATE TABLE ledger (
  seq INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  kind TEXT NOT NULL,
  tenant TEXT,
  service TEXT,
  action TEXT,
  entry TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX ledger_time ON ledger (time);
CREATE INDEX ledger_tenant_time ON ledger (tenant, time);
CREATE INDEX ledger_service_time ON ledger (service, time);
CREATE INDEX ledger_action_time ON ledger (action, time);
PRAGMA user_version = ${schemaVersion};
`

/** Options of {@link openSqliteLedger}. */
export interface SqliteLedgerOptions {
  /** How long a write waits for another connection's transaction before failing (default 5,000 ms). */
  readonly busyTimeoutMs?: number
  /**
   * Create the file (and its directory) when missing (default true). Readers such as
   * `sluice ledger verify` pass false, so a mistyped data directory is an error, not an empty ledger.
   */
  readonly create?: boolean
}

/**
 * Opens (creating it and its directory if missing) the SQLite ledger at `file`. Appends run in
 * BEGIN IMMEDIATE transactions that read the head inside, so several processes may share the file
 * without forking the chain; a writer waits up to `busyTimeoutMs` for another's transaction.
 */
export async function openSqliteLedger(
  file: string,
  options: SqliteLedgerOptions = {},
): Promise<LedgerStore> {
  if (options.create === false) {
    try {
      await access(file)
    } catch {
      throw new SluiceError('NOT_FOUND', `no ledger at ${file} (check the data directory)`)
    }
  } else await mkdir(dirname(file), { recursive: true, mode: 0o700 })
  let db: DatabaseSync | undefined
  try {
    db = new DatabaseSync(file, { timeout: options.busyTimeoutMs ?? 5000 })
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;')
    migrate(db, file)
  } catch (error) {
    if (db?.isOpen) db.close()
    if (error instanceof SluiceError) throw error
    throw new SluiceError('CONFIG_INVALID', `cannot open the ledger ${file}: ${messageOf(error)}`, {
      cause: error,
    })
  }
  return sqliteLedger(db, file)
}

function migrate(db: DatabaseSync, file: string): void {
  db.exec('BEGIN IMMEDIATE')
  try {
    const version = Number(db.prepare('PRAGMA user_version').get()?.user_version ?? 0)
    if (version === 0) db.exec(createSchema)
    else if (version !== schemaVersion) {
      throw new SluiceError(
        'CONFIG_INVALID',
        `the ledger ${file} has schema version ${version}; this Sluice reads version ${schemaVersion}`,
      )
    }
    db.exec('COMMIT')
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK')
    throw error
  }
}

interface Statements {
  readonly begin: StatementSync
  readonly commit: StatementSync
  readonly rollback: StatementSync
  readonly head: StatementSync
  readonly insert: StatementSync
  readonly read: StatementSync
  readonly count: StatementSync
}

function sqliteLedger(db: DatabaseSync, file: string): LedgerStore {
  const sql: Statements = {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    head: db.prepare('SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1'),
    insert: db.prepare(
      'INSERT INTO ledger (seq, time, kind, tenant, service, action, entry, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    read: db.prepare('SELECT seq, entry, prev_hash, hash FROM ledger WHERE seq >= ? ORDER BY seq LIMIT ?'),
    count: db.prepare('SELECT count(*) AS n FROM ledger'),
  }

  // Rows as arrays: verifying a million records spends much of its time materialising rows. The table
  // is STRICT, so the column types the cast below states are enforced by SQLite on every write.
  sql.read.setReturnArrays(true)

  const currentHead = (): ChainHead => {
    const row = sql.head.get()
    return row === undefined ? emptyHead : { seq: Number(row.seq), hash: String(row.hash) }
  }

  const readStored = (fromSeq: number, limit: number): StoredRecord[] => {
    checkRange(fromSeq, limit)
    if (limit === 0) return []
    const rows = sql.read.all(fromSeq, limit) as unknown as [number, string, string, string][]
    return rows.map(([seq, entryJson, prevHash, hash]) => ({ seq, prevHash, hash, entryJson }))
  }

  const append = (entries: readonly LedgerEntry[]): LedgerRecord[] => {
    // Encode (and so validate) everything before the transaction: a bad entry writes nothing.
    const texts = entries.map((entry, i) => {
      const encoded = encodeEntry(entry)
      if (!encoded.ok) throw new SluiceError('INVALID_INPUT', `ledger entry ${i}: ${encoded.error}`)
      return encoded.value
    })
    if (entries.length === 0) return []
    const records: LedgerRecord[] = []
    try {
      sql.begin.run()
    } catch (error) {
      throw new SluiceError('INTERNAL', `cannot write the ledger ${file}: ${messageOf(error)}`, {
        cause: error,
      })
    }
    try {
      // Read inside the write transaction: no other writer can move the head until COMMIT.
      let { seq, hash } = currentHead()
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i] as LedgerEntry
        const entryJson = texts[i] as string
        const prevHash = hash
        seq += 1
        hash = hashCanonicalRecord(prevHash, seq, entryJson)
        sql.insert.run(
          seq,
          entry.time,
          entry.kind,
          entry.kind === 'erasure' ? null : (entry.tenant ?? null),
          entry.kind === 'erasure' ? null : (entry.service ?? null),
          entry.kind === 'erasure' ? null : entry.action,
          entryJson,
          prevHash,
          hash,
        )
        records.push({ seq, prevHash, hash, entry })
      }
      sql.commit.run()
    } catch (error) {
      if (db.isTransaction) sql.rollback.run()
      throw new SluiceError('INTERNAL', `cannot write the ledger ${file}: ${messageOf(error)}`, {
        cause: error,
      })
    }
    return records
  }

  return {
    async append(entries) {
      return append(entries)
    },
    async head() {
      return currentHead()
    },
    async read(fromSeq, limit) {
      return readStored(fromSeq, limit).map((row) => {
        const decoded = decodeEntry(row.entryJson)
        if (!decoded.ok) {
          throw new SluiceError(
            'INTERNAL',
            `ledger record #${row.seq} in ${file} is damaged (${decoded.error}); run 'sluice ledger verify'`,
          )
        }
        return { seq: row.seq, prevHash: row.prevHash, hash: row.hash, entry: decoded.value }
      })
    },
    async readStored(fromSeq, limit) {
      return readStored(fromSeq, limit)
    },
    async count() {
      return Number(sql.count.get()?.n ?? 0)
    },
    async close() {
      if (db.isOpen) db.close()
    },
  }
}

function checkRange(fromSeq: number, limit: number): void {
  if (!Number.isSafeInteger(fromSeq) || fromSeq < 1) {
    throw new SluiceError('INVALID_INPUT', `fromSeq must be an integer of at least 1, got ${fromSeq}`)
  }
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new SluiceError('INVALID_INPUT', `limit must be a non-negative integer, got ${limit}`)
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
