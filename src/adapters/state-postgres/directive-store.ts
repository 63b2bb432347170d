// Directives in PostgreSQL (table sluice_directives). A one-row counter is raised in the same
// transaction as every change, so each gateway process notices a new directive by reading one integer.
import type { DirectiveStore } from '../../app/directives/directive-store-port.ts'
import {
  checkedDirective,
  parseStoredDirective as parseStored,
  revokedCopy,
} from '../../app/directives/stored-directive.ts'
import { SluiceError } from '../../app/errors.ts'
import { ensurePgSchema, inPgTransaction, type PgPool } from './directive-pg-db.ts'

const schema = `
CREATE TABLE IF NOT EXISTS sluice_directives (
  id TEXT PRIMARY KEY,
  issued_at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sluice_directive_revision (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  n BIGINT NOT NULL
);
INSERT INTO sluice_directive_revision (one, n) VALUES (1, 0) ON CONFLICT (one) DO NOTHING;
`

/**
 * The directive store over `pool` (tables created if missing). Closing it does not end the pool:
 * the composition root that made the pool ends it.
 */
export async function openPostgresDirectiveStore(pool: PgPool): Promise<DirectiveStore> {
  await ensurePgSchema(pool, 'sluice_directives', schema)
  let closed = false
  const live = () => {
    if (closed) throw new SluiceError('INTERNAL', 'the directive store is closed')
  }
  const bump = 'UPDATE sluice_directive_revision SET n = n + 1 WHERE one = 1'
  return {
    async put(directive) {
      live()
      const checked = checkedDirective(directive)
      await inPgTransaction(pool, async (client) => {
        const inserted = await client.query(
          'INSERT INTO sluice_directives (id, issued_at, body) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING',
          [checked.id, checked.issuedAt, JSON.stringify(checked)],
        )
        if (inserted.rowCount !== 1) {
          throw new SluiceError('INVALID_INPUT', `a directive with id '${checked.id}' already exists`)
        }
        await client.query(bump)
      })
    },
    async get(id) {
      live()
      const { rows } = await pool.query('SELECT body FROM sluice_directives WHERE id = $1', [id])
      return rows[0] === undefined ? undefined : parseStored(String(rows[0].body))
    },
    async list() {
      live()
      const { rows } = await pool.query(
        'SELECT body FROM sluice_directives ORDER BY issued_at COLLATE "C", id COLLATE "C"',
      )
      return rows.map((row) => parseStored(String(row.body)))
    },
    async revoke(id, at, by) {
      live()
      return inPgTransaction(pool, async (client) => {
        const { rows } = await client.query('SELECT body FROM sluice_directives WHERE id = $1 FOR UPDATE', [
          id,
        ])
        const current = rows[0] === undefined ? undefined : parseStored(String(rows[0].body))
        const revoked = revokedCopy(current, id, at, by)
        await client.query('UPDATE sluice_directives SET body = $1 WHERE id = $2', [
          JSON.stringify(revoked),
          id,
        ])
        await client.query(bump)
        return revoked
      })
    },
    async remove(id) {
      live()
      return inPgTransaction(pool, async (client) => {
        const removed = await client.query('DELETE FROM sluice_directives WHERE id = $1', [id])
        if (removed.rowCount === 0) return false
        await client.query(bump)
        return true
      })
    },
    async revision() {
      live()
      const { rows } = await pool.query('SELECT n FROM sluice_directive_revision WHERE one = 1')
      return Number(rows[0]?.n ?? 0)
    },
    async close() {
      closed = true
    },
  }
}
