// Register patches in PostgreSQL (table sluice_recipient_patches), append-only.
import pg from 'pg'
import type { RecipientPatchStore } from '../../app/consent/recipient-patch-store-port.ts'
import { SluiceError } from '../../app/errors.ts'
import type { RecipientPatch } from '../../core/transfers/transfers-config.ts'
import type { PostgresConsentOptions } from './consent-store.ts'

const createTable = `
CREATE TABLE IF NOT EXISTS sluice_recipient_patches (
  seq BIGSERIAL PRIMARY KEY,
  at TEXT NOT NULL,
  by_whom TEXT NOT NULL,
  patch TEXT NOT NULL
);
`

/** Connects and creates the table when needed (same options as the consent store). */
export async function openPostgresRecipientPatchStore(
  options: PostgresConsentOptions,
): Promise<RecipientPatchStore> {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
    throw new SluiceError('CONFIG_INVALID', `invalid PostgreSQL schema name '${options.schema}'`)
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: 2,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  })
  try {
    await pool.query(createTable)
  } catch (error) {
    await pool.end()
    throw new SluiceError(
      'CONFIG_INVALID',
      `cannot prepare the recipient patch table in PostgreSQL: ${String(error)}`,
      {
        cause: error,
      },
    )
  }
  let open = true
  const live = (): void => {
    if (!open) throw new SluiceError('INTERNAL', 'the recipient patch store is closed')
  }
  return {
    async add(patch: RecipientPatch, at: string, by: string) {
      live()
      const result = await pool.query<{ seq: string }>(
        'INSERT INTO sluice_recipient_patches (at, by_whom, patch) VALUES ($1, $2, $3) RETURNING seq',
        [at, by, JSON.stringify(patch)],
      )
      return { seq: Number(result.rows[0]?.seq), patch, at, by }
    },
    async list() {
      live()
      const result = await pool.query<{ seq: string; at: string; by_whom: string; patch: string }>(
        'SELECT seq, at, by_whom, patch FROM sluice_recipient_patches ORDER BY seq',
      )
      return result.rows.map((row) => ({
        seq: Number(row.seq),
        at: row.at,
        by: row.by_whom,
        patch: JSON.parse(row.patch) as RecipientPatch,
      }))
    },
    async close() {
      if (!open) return
      open = false
      await pool.end()
    },
  }
}
