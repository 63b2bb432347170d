// The scale-out ledger store: PostgreSQL (package pg), for several gateway instances sharing one
// ledger. An append locks the ledger table against other appenders (SHARE ROW EXCLUSIVE conflicts with
// itself, not with readers) and reads the head inside that transaction, so instances queue instead of
// forking the chain; each batch goes in with one multi-row INSERT (unnest over arrays).

import pg from 'pg'
import type { LedgerDatabase } from '../../app/checkpoint-port.ts'
import { SluiceError } from '../../app/errors.ts'
import { checkpointFromRow, checkStoredCheckpoint } from '../../app/stored-checkpoint.ts'
import { type ChainHead, emptyHead, hashCanonicalRecord } from '../../core/ledger/chain-hash.ts'
import { decodeEntry, encodeEntry } from '../../core/ledger/entry-codec.ts'
import {
  indexedFieldsOf,
  indexTagsOf,
  type LedgerQuery,
  normaliseQuery,
  type QueryPage,
} from '../../core/ledger/ledger-query.ts'
import type { LedgerEntry, LedgerRecord, StoredRecord } from '../../core/ledger/ledger-record.ts'

/** Options of {@link openPostgresLedger}. */
export interface PostgresLedgerOptions {
  /** Schema holding the tables (default: the connection's search_path, normally `public`). */
  readonly schema?: string
  /** Most connections in the pool (default 4). */
  readonly maxConnections?: number
}

const schemaName = /^[a-z_][a-z0-9_]{0,62}$/

// Same columns as the SQLite store (see there); `sluice_` prefixed as every Sluice table in PostgreSQL.
const createSchema = `
CREATE TABLE IF NOT EXISTS sluice_ledger (
  seq bigint PRIMARY KEY,
  time text NOT NULL,
  at_ms bigint NOT NULL,
  kind text NOT NULL,
  tenant text,
  subject text,
  service text,
  action text,
  entry text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX IF NOT EXISTS sluice_ledger_at ON sluice_ledger (at_ms);
CREATE INDEX IF NOT EXISTS sluice_ledger_tenant_at ON sluice_ledger (tenant, at_ms);
CREATE INDEX IF NOT EXISTS sluice_ledger_subject_at ON sluice_ledger (subject, at_ms);
CREATE INDEX IF NOT EXISTS sluice_ledger_service_at ON sluice_ledger (service, at_ms);
CREATE INDEX IF NOT EXISTS sluice_ledger_action_at ON sluice_ledger (action, at_ms);
CREATE TABLE IF NOT EXISTS sluice_ledger_tags (
  tag text NOT NULL,
  value text NOT NULL,
  seq bigint NOT NULL,
  PRIMARY KEY (tag, value, seq)
);
CREATE TABLE IF NOT EXISTS sluice_checkpoints (
  tree_size bigint PRIMARY KEY,
  root_hash text NOT NULL,
  time text NOT NULL,
  at_ms bigint NOT NULL,
  signature text NOT NULL,
  frontier text NOT NULL
);
CREATE INDEX IF NOT EXISTS sluice_checkpoints_at ON sluice_checkpoints (at_ms);
`
// Any constant, the same in every instance: makes concurrent first starts create the tables one at a time.
const schemaLockKey = 0x51_1ce_1ed

/**
 * Opens the PostgreSQL ledger at `url` (postgres://…), creating its tables when missing. Fails with
 * CONFIG_INVALID when the server cannot be reached or the schema name is not a plain identifier.
 */
export async function openPostgresLedger(
  url: string,
  options: PostgresLedgerOptions = {},
): Promise<LedgerDatabase> {
  const schema = options.schema
  if (schema !== undefined && !schemaName.test(schema)) {
    throw new SluiceError('CONFIG_INVALID', `schema '${schema}' must be a lower-case SQL identifier`)
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 4,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  })
  // An idle client's error (the server restarting) must not crash the process; the next query fails.
  pool.on('error', () => {})
  try {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      await client.query('SELECT pg_advisory_xact_lock($1)', [schemaLockKey])
      await client.query(createSchema)
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    } finally {
      client.release()
    }
  } catch (error) {
    await pool.end().catch(() => {})
    throw new SluiceError('CONFIG_INVALID', `cannot open the PostgreSQL ledger: ${messageOf(error)}`, {
      cause: error,
    })
  }
  return postgresLedger(pool)
}

type Row = Record<string, unknown>

function postgresLedger(pool: pg.Pool): LedgerDatabase {
  let closed = false
  const run = async (text: string, params: unknown[] = []): Promise<Row[]> => {
    if (closed) throw new SluiceError('INTERNAL', 'the PostgreSQL ledger is closed')
    try {
      return (await pool.query(text, params)).rows as Row[]
    } catch (error) {
      throw new SluiceError('INTERNAL', `PostgreSQL ledger: ${messageOf(error)}`, { cause: error })
    }
  }

  const toStored = (row: Row): StoredRecord => ({
    seq: Number(row.seq),
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
    entryJson: String(row.entry),
  })

  const parse = (row: StoredRecord): LedgerRecord => {
    const decoded = decodeEntry(row.entryJson)
    if (!decoded.ok) {
      throw new SluiceError(
        'INTERNAL',
        `ledger record #${row.seq} is damaged (${decoded.error}); run 'sluice ledger verify'`,
      )
    }
    return { seq: row.seq, prevHash: row.prevHash, hash: row.hash, entry: decoded.value }
  }

  const readStored = async (fromSeq: number, limit: number): Promise<StoredRecord[]> => {
    checkRange(fromSeq, limit)
    if (limit === 0) return []
    const rows = await run(
      'SELECT seq, entry, prev_hash, hash FROM sluice_ledger WHERE seq >= $1 ORDER BY seq LIMIT $2',
      [fromSeq, limit],
    )
    return rows.map(toStored)
  }

  const queryStored = async (filter: LedgerQuery, page: QueryPage): Promise<StoredRecord[]> => {
    const { where, params, limit } = queryClauses(filter, page)
    if (limit === 0) return []
    params.push(limit)
    const rows = await run(
      `SELECT seq, entry, prev_hash, hash FROM sluice_ledger WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $${params.length}`,
      params,
    )
    return rows.map(toStored)
  }

  const append = async (entries: readonly LedgerEntry[]): Promise<LedgerRecord[]> => {
    const texts = entries.map((entry, i) => {
      const encoded = encodeEntry(entry)
      if (!encoded.ok) throw new SluiceError('INVALID_INPUT', `ledger entry ${i}: ${encoded.error}`)
      return encoded.value
    })
    if (entries.length === 0) return []
    if (closed) throw new SluiceError('INTERNAL', 'the PostgreSQL ledger is closed')
    let client: pg.PoolClient
    try {
      client = await pool.connect()
    } catch (error) {
      throw new SluiceError('INTERNAL', `cannot write the PostgreSQL ledger: ${messageOf(error)}`, {
        cause: error,
      })
    }
    try {
      await client.query('BEGIN')
      // Conflicts with itself only: other appenders wait here, readers do not.
      await client.query('LOCK TABLE sluice_ledger IN SHARE ROW EXCLUSIVE MODE')
      const headRows = await client.query('SELECT seq, hash FROM sluice_ledger ORDER BY seq DESC LIMIT 1')
      const top = headRows.rows[0] as Row | undefined
      let seq = top === undefined ? 0 : Number(top.seq)
      let hash = top === undefined ? emptyHead.hash : String(top.hash)
      const columns = {
        seq: [] as number[],
        time: [] as string[],
        atMs: [] as number[],
        kind: [] as string[],
        tenant: [] as (string | null)[],
        subject: [] as (string | null)[],
        service: [] as (string | null)[],
        action: [] as (string | null)[],
        entry: [] as string[],
        prevHash: [] as string[],
        hash: [] as string[],
      }
      const tags = { tag: [] as string[], value: [] as string[], seq: [] as number[] }
      const records: LedgerRecord[] = []
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i] as LedgerEntry
        const entryJson = texts[i] as string
        const prevHash = hash
        seq += 1
        hash = hashCanonicalRecord(prevHash, seq, entryJson)
        const fields = indexedFieldsOf(entry)
        columns.seq.push(seq)
        columns.time.push(fields.time)
        columns.atMs.push(fields.atMs)
        columns.kind.push(fields.kind)
        columns.tenant.push(fields.tenant ?? null)
        columns.subject.push(fields.subject ?? null)
        columns.service.push(fields.service ?? null)
        columns.action.push(fields.action ?? null)
        columns.entry.push(entryJson)
        columns.prevHash.push(prevHash)
        columns.hash.push(hash)
        for (const [tag, value] of indexTagsOf(fields)) {
          tags.tag.push(tag)
          tags.value.push(value)
          tags.seq.push(seq)
        }
        records.push({ seq, prevHash, hash, entry })
      }
      await client.query(
        `INSERT INTO sluice_ledger (seq, time, at_ms, kind, tenant, subject, service, action, entry, prev_hash, hash)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[],
                              $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])`,
        [
          columns.seq,
          columns.time,
          columns.atMs,
          columns.kind,
          columns.tenant,
          columns.subject,
          columns.service,
          columns.action,
          columns.entry,
          columns.prevHash,
          columns.hash,
        ],
      )
      if (tags.seq.length > 0) {
        await client.query(
          `INSERT INTO sluice_ledger_tags (tag, value, seq)
           SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[]) ON CONFLICT DO NOTHING`,
          [tags.tag, tags.value, tags.seq],
        )
      }
      await client.query('COMMIT')
      return records
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw new SluiceError('INTERNAL', `cannot write the PostgreSQL ledger: ${messageOf(error)}`, {
        cause: error,
      })
    } finally {
      client.release()
    }
  }

  const checkpointColumns = 'tree_size, root_hash, time, signature, frontier'

  return {
    append,
    async head(): Promise<ChainHead> {
      const rows = await run('SELECT seq, hash FROM sluice_ledger ORDER BY seq DESC LIMIT 1')
      const top = rows[0]
      return top === undefined ? emptyHead : { seq: Number(top.seq), hash: String(top.hash) }
    },
    async read(fromSeq, limit) {
      return (await readStored(fromSeq, limit)).map(parse)
    },
    readStored,
    async query(filter, page) {
      return (await queryStored(filter, page)).map(parse)
    },
    queryStored,
    async count() {
      const rows = await run('SELECT count(*) AS n FROM sluice_ledger')
      return Number(rows[0]?.n ?? 0)
    },
    async putCheckpoint(checkpoint) {
      checkStoredCheckpoint(checkpoint)
      const { treeSize, rootHash, time, signature, frontier } = checkpoint
      await run(
        `INSERT INTO sluice_checkpoints (tree_size, root_hash, time, at_ms, signature, frontier)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tree_size) DO NOTHING`,
        [treeSize, rootHash, time, Date.parse(time), signature, JSON.stringify(frontier)],
      )
      const rows = await run(`SELECT ${checkpointColumns} FROM sluice_checkpoints WHERE tree_size = $1`, [
        treeSize,
      ])
      const kept = rows[0] === undefined ? undefined : checkpointFromRow(rows[0], 'the PostgreSQL ledger')
      if (kept === undefined || kept.rootHash !== rootHash) {
        throw new SluiceError(
          'INTERNAL',
          `the ledger already has a checkpoint of ${treeSize} records with another root: the chain forked`,
        )
      }
      return kept
    },
    async latestCheckpoint() {
      const rows = await run(
        `SELECT ${checkpointColumns} FROM sluice_checkpoints ORDER BY tree_size DESC LIMIT 1`,
      )
      return rows[0] === undefined ? undefined : checkpointFromRow(rows[0], 'the PostgreSQL ledger')
    },
    async checkpointAt(treeSize) {
      if (!Number.isSafeInteger(treeSize) || treeSize < 0) {
        throw new SluiceError('INVALID_INPUT', `treeSize must be a non-negative integer, got ${treeSize}`)
      }
      const rows = await run(`SELECT ${checkpointColumns} FROM sluice_checkpoints WHERE tree_size = $1`, [
        treeSize,
      ])
      return rows[0] === undefined ? undefined : checkpointFromRow(rows[0], 'the PostgreSQL ledger')
    },
    async listCheckpoints(range) {
      const clauses = ['TRUE']
      const params: number[] = []
      for (const [key, op] of [
        ['from', '>='],
        ['to', '<'],
      ] as const) {
        const value = range[key]
        if (value === undefined) continue
        const ms = Date.parse(value)
        if (Number.isNaN(ms)) {
          throw new SluiceError('INVALID_INPUT', `${key} must be an ISO 8601 time, got '${value}'`)
        }
        params.push(ms)
        clauses.push(`at_ms ${op} $${params.length}`)
      }
      if (!Number.isSafeInteger(range.limit) || range.limit < 0) {
        throw new SluiceError('INVALID_INPUT', `limit must be a non-negative integer, got ${range.limit}`)
      }
      if (range.limit === 0) return []
      params.push(range.limit)
      const rows = await run(
        `SELECT ${checkpointColumns} FROM sluice_checkpoints WHERE ${clauses.join(' AND ')} ORDER BY tree_size LIMIT $${params.length}`,
        params,
      )
      return rows.map((row) => checkpointFromRow(row, 'the PostgreSQL ledger'))
    },
    async close() {
      if (closed) return
      closed = true
      await pool.end()
    },
  }
}

// The WHERE clauses of a query with $n placeholders, its parameters and the checked limit.
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
  const params: (string | number)[] = [afterSeq]
  const where = ['seq > $1']
  const param = (value: string | number): string => {
    params.push(value)
    return `$${params.length}`
  }
  // Column names come from normaliseQuery's fixed set, never from the caller's text.
  for (const [column, value] of Object.entries(query.columns)) where.push(`${column} = ${param(value)}`)
  for (const [tag, value] of query.tags) {
    where.push(
      `seq IN (SELECT seq FROM sluice_ledger_tags WHERE tag = ${param(tag)} AND value = ${param(value)})`,
    )
  }
  if (query.fromMs !== undefined) where.push(`at_ms >= ${param(query.fromMs)}`)
  if (query.toMs !== undefined) where.push(`at_ms < ${param(query.toMs)}`)
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
