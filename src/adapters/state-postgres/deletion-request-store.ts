// Deletion requests and the recipients' confirmations (kept as bytes) in PostgreSQL
// (sluice_deletion_requests).
import type { DeletionRequestStore } from '../../app/directives/deletion-request-port.ts'
import {
  checkedDeletionRequest,
  confirmedCopy,
  parseStoredDeletionRequest,
} from '../../app/directives/stored-deletion-request.ts'
import { SluiceError } from '../../app/errors.ts'
import { ensurePgSchema, inPgTransaction, type PgPool } from './directive-pg-db.ts'

const schema = `
CREATE TABLE IF NOT EXISTS sluice_deletion_requests (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  body TEXT NOT NULL,
  attachment BYTEA
);
`

/** The deletion-request store over `pool` (table created if missing). Closing it does not end the pool. */
export async function openPostgresDeletionRequestStore(pool: PgPool): Promise<DeletionRequestStore> {
  await ensurePgSchema(pool, 'sluice_deletion_requests', schema)
  let closed = false
  const live = () => {
    if (closed) throw new SluiceError('INTERNAL', 'the deletion request store is closed')
  }
  return {
    async create(request) {
      live()
      const checked = checkedDeletionRequest(request)
      if (checked.status !== 'sent')
        throw new SluiceError('INVALID_INPUT', 'a new deletion request has status sent')
      const inserted = await pool.query(
        'INSERT INTO sluice_deletion_requests (id, created_at, body) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING',
        [checked.id, checked.createdAt, JSON.stringify(checked)],
      )
      if (inserted.rowCount !== 1) {
        throw new SluiceError('INVALID_INPUT', `a deletion request with id '${checked.id}' already exists`)
      }
    },
    async get(id) {
      live()
      const { rows } = await pool.query('SELECT body FROM sluice_deletion_requests WHERE id = $1', [id])
      return rows[0] === undefined ? undefined : parseStoredDeletionRequest(String(rows[0].body))
    },
    async list() {
      live()
      const { rows } = await pool.query(
        'SELECT body FROM sluice_deletion_requests ORDER BY created_at COLLATE "C", id COLLATE "C"',
      )
      return rows.map((row) => parseStoredDeletionRequest(String(row.body)))
    },
    async confirm(id, confirmation, attachment) {
      live()
      return inPgTransaction(pool, async (client) => {
        const { rows } = await client.query(
          'SELECT body FROM sluice_deletion_requests WHERE id = $1 FOR UPDATE',
          [id],
        )
        const current = rows[0] === undefined ? undefined : parseStoredDeletionRequest(String(rows[0].body))
        const confirmed = confirmedCopy(current, id, confirmation, attachment)
        await client.query('UPDATE sluice_deletion_requests SET body = $1, attachment = $2 WHERE id = $3', [
          JSON.stringify(confirmed),
          Buffer.from(attachment),
          id,
        ])
        return confirmed
      })
    },
    async attachment(id) {
      live()
      const { rows } = await pool.query('SELECT attachment FROM sluice_deletion_requests WHERE id = $1', [id])
      const value = rows[0]?.attachment
      return value === null || value === undefined ? undefined : new Uint8Array(value as Buffer)
    },
    async close() {
      closed = true
    },
  }
}
