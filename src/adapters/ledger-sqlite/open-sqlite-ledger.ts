// The embedded ledger store: one SQLite file (node:sqlite) under the data directory.
// WAL with synchronous=NORMAL: a commit is durable against a process crash and costs no fsync; a
// power loss can lose the last commits but never corrupts the file or the chain.

import { access, mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { DatabaseSync, type StatementSync } from 'node:sqlite'
import type { LedgerDatabase, StoredCheckpoint } from '../../app/checkpoint-port.ts'
import { SluiceError } from '../../app/errors.ts'
import { checkpointFromRow, checkStoredCheckpoint } from '../../app/stored-checkpoint.ts'
import { type ChainHead, emptyHead, hashCanonicalRecord } from '../../core/ledger/chain-hash.ts'
import { decodeEntry, encodeEntry } from '../../core/ledger/entry-codec.ts'
import {
  indexedFieldsOf,
  type LedgerQuery,
  normaliseQuery,
  type QueryPage,
} from '../../core/ledger/ledger-query.ts'
import type { LedgerEntry, LedgerRecord, StoredRecord } from '../../core/ledger/ledger-record.ts'

/** The ledger file's name inside the data directory. */
export const ledgerFileName = 'ledger.db'

/** Path of the ledger file in `dataDir`. */
export function ledgerFileIn(dataDir: string): string {
  return join(dataDir, ledgerFileName)
}

const schemaVersion = 2

// Columns beside the entry text copy the fields queries filter on (records to a service, a tenant, a
// subject, an action, in a time range); recipients, countries and categories, several per record, go
// to a side table of tags. So no query parses entries. `at_ms` is the time in epoch ms: entry times may
// carry any zone offset, so their text does not sort by instant.
const createTables = `
CREATE TABLE ledger (
  seq INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  kind TEXT NOT NULL,
  tenant TEXT,
  subject TEXT,
  service TEXT,
  action TEXT,
  entry TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
`
const createIndexes = `
CREATE TABLE ledger_tags (
  tag TEXT NOT NULL,
  value TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (tag, value, seq)
) STRICT, WITHOUT ROWID;
CREATE TABLE checkpoints (
  tree_size INTEGER PRIMARY KEY,
  root_hash TEXT NOT NULL,
  time TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  signature TEXT NOT NULL,
  frontier TEXT NOT NULL
) STRICT;
CREATE INDEX checkpoints_at ON checkpoints (at_ms);
CREATE INDEX ledger_at ON ledger (at_ms);
CREATE INDEX ledger_tenant_at ON ledger (tenant, at_ms);
CREATE TABLE ledger_subjects (
  subject TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (subject, seq)
) STRICT, WITHOUT ROWID;
CREATE TABLE ledger_index_state (
  name TEXT PRIMARY KEY,
  upto INTEGER NOT NULL
) STRICT;
INSERT INTO ledger_index_state (name, upto) VALUES ('side-tables', 0);
CREATE INDEX ledger_service_at ON ledger (service, at_ms);
CREATE INDEX ledger_action_at ON ledger (action, at_ms);
`
// The side tables: subjects are many (one per user) and arrive in no order, and each record has
// several tags, so indexing them on every append dirtied many pages per commit and cut the append
// rate by a third or more. They are filled instead in bulk, sorted, from the stored entries, right
// before a query that needs them (records above `ledger_index_state.upto`): appends stay fast and an
// access request still reads an index. A record's tags come from its entry text, as queries mean them.
const sideTableState = `(SELECT upto FROM ledger_index_state WHERE name = 'side-tables')`
// Each fills the records above the state up to the bound parameter (a chunk, see indexSideTables).
const fillSideTableSql = [
  `INSERT OR IGNORE INTO ledger_subjects (subject, seq)
   SELECT subject, seq FROM ledger WHERE seq > ${sideTableState} AND seq <= ? AND subject IS NOT NULL
   ORDER BY subject, seq`,
  `INSERT OR IGNORE INTO ledger_tags (tag, value, seq)
   SELECT 'recipient', json_extract(r.value, '$.name'), ledger.seq FROM ledger, json_each(ledger.entry, '$.recipients') AS r
   WHERE ledger.seq > ${sideTableState} AND ledger.seq <= ? AND json_valid(ledger.entry) AND json_type(r.value, '$.name') = 'text'
   ORDER BY 2, 3`,
  // Directives and erasures name one recipient and country (core/ledger/ledger-query.ts does the same).
  `INSERT OR IGNORE INTO ledger_tags (tag, value, seq)
   SELECT 'recipient', json_extract(entry, '$.recipient'), seq FROM ledger
   WHERE seq > ${sideTableState} AND seq <= ? AND json_valid(entry) AND json_type(entry, '$.recipient') = 'text'
   ORDER BY 2, 3`,
  `INSERT OR IGNORE INTO ledger_tags (tag, value, seq)
   SELECT 'country', json_extract(entry, '$.country'), seq FROM ledger
   WHERE seq > ${sideTableState} AND seq <= ? AND json_valid(entry) AND json_type(entry, '$.country') = 'text'
   ORDER BY 2, 3`,
  `INSERT OR IGNORE INTO ledger_tags (tag, value, seq)
   SELECT 'country', c.value, ledger.seq FROM ledger, json_each(ledger.entry, '$.countries') AS c
   WHERE ledger.seq > ${sideTableState} AND ledger.seq <= ? AND json_valid(ledger.entry) AND c.type = 'text'
   ORDER BY 2, 3`,
  `INSERT OR IGNORE INTO ledger_tags (tag, value, seq)
   SELECT 'category', c.value, ledger.seq FROM ledger, json_each(ledger.entry, '$.categories') AS c
   WHERE ledger.seq > ${sideTableState} AND ledger.seq <= ? AND json_valid(ledger.entry) AND c.type = 'text'
   ORDER BY 2, 3`,
  `UPDATE ledger_index_state SET upto = ? WHERE name = 'side-tables'`,
]
// Records filled per write transaction: a first query over a large ledger holds the write lock for a
// few hundred ms at a time, so appends from the gateway interleave instead of waiting seconds.
const sideTableChunk = 20_000

// Version 1 had no at_ms, subject, tags or checkpoints, and indexed the time text.
const migrateFrom1 = `
DROP INDEX ledger_time;
DROP INDEX ledger_tenant_time;
DROP INDEX ledger_service_time;
DROP INDEX ledger_action_time;
ALTER TABLE ledger ADD COLUMN at_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ledger ADD COLUMN subject TEXT;
UPDATE ledger SET at_ms = sluice_iso_ms(time), subject = json_extract(entry, '$.subject') WHERE json_valid(entry);
${createIndexes}
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
): Promise<LedgerDatabase> {
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
    if (version === 0) db.exec(`${createTables}${createIndexes}PRAGMA user_version = ${schemaVersion};`)
    else if (version === 1) {
      db.function('sluice_iso_ms', { deterministic: true }, (time) => {
        const ms = typeof time === 'string' ? Date.parse(time) : Number.NaN
        return Number.isNaN(ms) ? 0 : ms
      })
      db.exec(`${migrateFrom1}PRAGMA user_version = ${schemaVersion};`)
    } else if (version !== schemaVersion) {
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
  readonly putCheckpoint: StatementSync
  readonly checkpointAt: StatementSync
  readonly latestCheckpoint: StatementSync
}

function sqliteLedger(db: DatabaseSync, file: string): LedgerDatabase {
  const sql: Statements = {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    head: db.prepare('SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1'),
    insert: db.prepare(
      'INSERT INTO ledger (seq, time, at_ms, kind, tenant, subject, service, action, entry, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    putCheckpoint: db.prepare(
      'INSERT OR IGNORE INTO checkpoints (tree_size, root_hash, time, at_ms, signature, frontier) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    checkpointAt: db.prepare(`SELECT ${checkpointColumns} FROM checkpoints WHERE tree_size = ?`),
    latestCheckpoint: db.prepare(
      `SELECT ${checkpointColumns} FROM checkpoints ORDER BY tree_size DESC LIMIT 1`,
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
        // Read by name (ledger-query.ts), so every entry kind, whatever fields it has, is indexed;
        // its recipients, countries and categories go to ledger_tags later, in bulk (see there).
        const fields = indexedFieldsOf(entry)
        sql.insert.run(
          seq,
          fields.time,
          fields.atMs,
          fields.kind,
          fields.tenant ?? null,
          fields.subject ?? null,
          fields.service ?? null,
          fields.action ?? null,
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

  // Query statements by their SQL text: a filter's shape (which fields are given) picks one.
  const queries = new Map<string, StatementSync>()
  const fillStatements = fillSideTableSql.map((text) => db.prepare(text))
  const sideTablesUpto = db.prepare(`SELECT ${sideTableState} AS upto, (SELECT max(seq) FROM ledger) AS top`)
  const indexSideTables = (): void => {
    // Bounded: each turn moves the state up by a chunk (or to the top) until it reaches the top.
    for (;;) {
      sql.begin.run()
      try {
        const row = sideTablesUpto.get()
        const upto = Number(row?.upto ?? 0)
        const top = Number(row?.top ?? 0)
        if (upto >= top) {
          sql.commit.run()
          return
        }
        const end = Math.min(top, upto + sideTableChunk)
        for (const statement of fillStatements) statement.run(end)
        sql.commit.run()
      } catch (error) {
        if (db.isTransaction) sql.rollback.run()
        throw new SluiceError('INTERNAL', `cannot index the ledger ${file}: ${messageOf(error)}`, {
          cause: error,
        })
      }
    }
  }

  const queryStored = (filter: LedgerQuery, page: QueryPage): StoredRecord[] => {
    const { where, params, limit } = queryClauses(filter, page)
    if (limit === 0) return []
    const f = filter as LedgerQuery
    if ([f.subject, f.recipient, f.country, f.category].some((v) => v !== undefined)) indexSideTables()
    const text = `SELECT seq, entry, prev_hash, hash FROM ledger WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`
    let statement = queries.get(text)
    if (statement === undefined) {
      statement = db.prepare(text)
      statement.setReturnArrays(true)
      queries.set(text, statement)
    }
    const rows = statement.all(...params, limit) as unknown as [number, string, string, string][]
    return rows.map(([seq, entryJson, prevHash, hash]) => ({ seq, prevHash, hash, entryJson }))
  }

  const parse = (row: StoredRecord): LedgerRecord => {
    const decoded = decodeEntry(row.entryJson)
    if (!decoded.ok) {
      throw new SluiceError(
        'INTERNAL',
        `ledger record #${row.seq} in ${file} is damaged (${decoded.error}); run 'sluice ledger verify'`,
      )
    }
    return { seq: row.seq, prevHash: row.prevHash, hash: row.hash, entry: decoded.value }
  }

  const checkpointOf = (row: Record<string, unknown> | undefined): StoredCheckpoint | undefined =>
    row === undefined ? undefined : checkpointFromRow(row, file)

  return {
    async append(entries) {
      return append(entries)
    },
    async query(filter, page) {
      return queryStored(filter, page).map(parse)
    },
    async queryStored(filter, page) {
      return queryStored(filter, page)
    },
    async putCheckpoint(checkpoint) {
      checkStoredCheckpoint(checkpoint)
      const { treeSize, rootHash, time, signature, frontier } = checkpoint
      sql.putCheckpoint.run(treeSize, rootHash, time, Date.parse(time), signature, JSON.stringify(frontier))
      const kept = checkpointOf(sql.checkpointAt.get(treeSize))
      if (kept === undefined || kept.rootHash !== rootHash) {
        throw new SluiceError(
          'INTERNAL',
          `the ledger ${file} already has a checkpoint of ${treeSize} records with another root: the chain forked`,
        )
      }
      return kept
    },
    async latestCheckpoint() {
      return checkpointOf(sql.latestCheckpoint.get())
    },
    async checkpointAt(treeSize) {
      if (!Number.isSafeInteger(treeSize) || treeSize < 0) {
        throw new SluiceError('INVALID_INPUT', `treeSize must be a non-negative integer, got ${treeSize}`)
      }
      return checkpointOf(sql.checkpointAt.get(treeSize))
    },
    async listCheckpoints(range) {
      const { where, params, limit } = checkpointRange(range)
      if (limit === 0) return []
      const rows = db
        .prepare(`SELECT ${checkpointColumns} FROM checkpoints WHERE ${where} ORDER BY tree_size LIMIT ?`)
        .all(...params, limit)
      return rows.map((row) => checkpointFromRow(row, file))
    },
    async head() {
      return currentHead()
    },
    async read(fromSeq, limit) {
      return readStored(fromSeq, limit).map(parse)
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

const checkpointColumns = 'tree_size, root_hash, time, signature, frontier'

function checkpointRange(range: { readonly from?: string; readonly to?: string; readonly limit: number }): {
  where: string
  params: number[]
  limit: number
} {
  const clauses = ['1 = 1']
  const params: number[] = []
  for (const [key, op] of [
    ['from', '>='],
    ['to', '<'],
  ] as const) {
    const value = range[key]
    if (value === undefined) continue
    const ms = Date.parse(value)
    if (Number.isNaN(ms))
      throw new SluiceError('INVALID_INPUT', `${key} must be an ISO 8601 time, got '${value}'`)
    clauses.push(`at_ms ${op} ?`)
    params.push(ms)
  }
  if (!Number.isSafeInteger(range.limit) || range.limit < 0) {
    throw new SluiceError('INVALID_INPUT', `limit must be a non-negative integer, got ${range.limit}`)
  }
  return { where: clauses.join(' AND '), params, limit: range.limit }
}

// The WHERE clauses of a query, its parameters and the checked limit.
function queryClauses(
  filter: LedgerQuery,
  page: QueryPage,
): { where: string[]; params: (string | number)[]; limit: number } {
  const query = normaliseQuery(filter)
  if (typeof query === 'string') throw new SluiceError('INVALID_INPUT', `ledger query: ${query}`)
  const afterSeq = page.afterSeq ?? 0
  if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) {
    throw new SluiceError('INVALID_INPUT', `afterSeq must be a non-negative integer, got ${afterSeq}`)
  }
  if (!Number.isSafeInteger(page.limit) || page.limit < 0) {
    throw new SluiceError('INVALID_INPUT', `limit must be a non-negative integer, got ${page.limit}`)
  }
  const where = ['seq > ?']
  const params: (string | number)[] = [afterSeq]
  const ranged = query.fromMs !== undefined || query.toMs !== undefined
  for (const [column, value] of Object.entries(query.columns)) {
    where.push(`${column} = ?`)
    params.push(value)
    // The subject column has no B-tree index; its side table answers (see ledger_subjects).
    if (column === 'subject') {
      where.push(
        ranged
          ? 'EXISTS (SELECT 1 FROM ledger_subjects s WHERE s.subject = ? AND s.seq = ledger.seq)'
          : 'seq IN (SELECT seq FROM ledger_subjects WHERE subject = ?)',
      )
      params.push(value)
    }
  }
  // With a time range the time index narrows the rows and each is probed in the side table; without
  // one, the side table lists the (few) matching seqs.
  for (const [tag, value] of query.tags) {
    where.push(
      ranged
        ? 'EXISTS (SELECT 1 FROM ledger_tags t WHERE t.tag = ? AND t.value = ? AND t.seq = ledger.seq)'
        : 'seq IN (SELECT seq FROM ledger_tags WHERE tag = ? AND value = ?)',
    )
    params.push(tag, value)
  }
  if (query.fromMs !== undefined) {
    where.push('at_ms >= ?')
    params.push(query.fromMs)
  }
  if (query.toMs !== undefined) {
    where.push('at_ms < ?')
    params.push(query.toMs)
  }
  return { where, params, limit: page.limit }
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
