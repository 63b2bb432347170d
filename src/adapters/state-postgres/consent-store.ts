// Consent records in PostgreSQL (table sluice_consents). Same behaviour as the SQLite store: the
// record as JSON text beside the columns queries need; only the withdrawal time ever changes.
import pg from 'pg'
import type { ConsentStore } from '../../app/consent/consent-store-port.ts'
import { SluiceError } from '../../app/errors.ts'
import type { ConsentRecord } from '../../core/transfers/consent.ts'

const createTable = `
CREATE TABLE IF NOT EXISTS sluice_consents (
  id TEXT PRIMARY KEY,
  tenant TEXT NOT NULL,
  subject TEXT NOT NULL,
  given_ms BIGINT NOT NULL,
  withdrawn_at TEXT,
  record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sluice_consents_subject ON sluice_consents (tenant, subject, given_ms);
`

/** Where the PostgreSQL consent store lives. */
export interface PostgresConsentOptions {
  /** e.g. postgres://postgres@127.0.0.1:5432/test */
  readonly url: string
  /** Schema holding the table (default: the server's search_path, normally public). */
  readonly schema?: string
}

const uniqueViolation = '23505'

/** Connects and creates the table when needed. */
export async function openPostgresConsentStore(options: PostgresConsentOptions): Promise<ConsentStore> {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
    throw new SluiceError('CONFIG_INVALID', `invalid PostgreSQL schema name '${options.schema}'`)
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: 4,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  })
  try {
    await pool.query(createTable)
  } catch (error) {
    await pool.end()
    throw new SluiceError(
      'CONFIG_INVALID',
      `cannot prepare the consent table in PostgreSQL: ${String(error)}`,
      {
        cause: error,
      },
    )
  }
  let open = true
  const live = (): void => {
    if (!open) throw new SluiceError('INTERNAL', 'the consent store is closed')
  }
  const decode = (row: { record: string; withdrawn_at: string | null }): ConsentRecord => ({
    ...(JSON.parse(row.record) as ConsentRecord),
    withdrawnAt: row.withdrawn_at,
  })
  const getOne = async (tenant: string, id: string): Promise<ConsentRecord | undefined> => {
    const result = await pool.query<{ record: string; withdrawn_at: string | null }>(
      'SELECT record, withdrawn_at FROM sluice_consents WHERE tenant = $1 AND id = $2',
      [tenant, id],
    )
    const row = result.rows[0]
    return row === undefined ? undefined : decode(row)
  }
  return {
    async add(records) {
      live()
      if (records.length === 0) return
      const seen = new Set<string>()
      for (const r of records) {
        if (seen.has(r.id))
          throw new SluiceError('INVALID_INPUT', `consent ${r.id} appears twice in one batch`)
        seen.add(r.id)
      }
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        for (const r of records) {
          const { withdrawnAt, ...rest } = r
          await client.query(
            'INSERT INTO sluice_consents (id, tenant, subject, given_ms, withdrawn_at, record) VALUES ($1, $2, $3, $4, $5, $6)',
            [r.id, r.tenant, r.subject, Date.parse(r.givenAt), withdrawnAt, JSON.stringify(rest)],
          )
        }
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        if ((error as { code?: string }).code === uniqueViolation) {
          throw new SluiceError('INVALID_INPUT', `consent ${describeKey(error)} is already stored`, {
            cause: error,
          })
        }
        throw error
      } finally {
        client.release()
      }
    },
    async forSubject(tenant, subject) {
      live()
      const result = await pool.query<{ record: string; withdrawn_at: string | null }>(
        'SELECT record, withdrawn_at FROM sluice_consents WHERE tenant = $1 AND subject = $2 ORDER BY given_ms, id',
        [tenant, subject],
      )
      return result.rows.map(decode)
    },
    async get(tenant, id) {
      live()
      return getOne(tenant, id)
    },
    async withdraw(tenant, id, at) {
      live()
      await pool.query(
        'UPDATE sluice_consents SET withdrawn_at = $1 WHERE tenant = $2 AND id = $3 AND withdrawn_at IS NULL',
        [at, tenant, id],
      )
      return getOne(tenant, id)
    },
    async close() {
      if (!open) return
      open = false
      await pool.end()
    },
  }
}

// PostgreSQL's detail reads "Key (id)=(cns_0001) already exists."; the id is what the caller needs.
function describeKey(error: unknown): string {
  const detail = (error as { detail?: string }).detail ?? ''
  return /\(id\)=\(([^)]*)\)/.exec(detail)?.[1] ?? '(id)'
}
