// Directives in state.db. A one-row counter is raised in the same transaction as every change, so
// each gateway process notices a directive issued anywhere by reading one integer.
import type { DatabaseSync } from 'node:sqlite'
import type { DirectiveStore } from '../../app/directives/directive-store-port.ts'
import {
  checkedDirective,
  parseStoredDirective as parseStored,
  revokedCopy,
} from '../../app/directives/stored-directive.ts'
import { SluiceError } from '../../app/errors.ts'
import type { Directive } from '../../core/directives/directive.ts'
import { closedError, inTransaction, openStateDb } from './directive-sqlite-db.ts'

const schema = `
CREATE TABLE IF NOT EXISTS directives (
  id TEXT PRIMARY KEY,
  issued_at TEXT NOT NULL,
  body TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS directive_revision (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  n INTEGER NOT NULL
) STRICT;
INSERT OR IGNORE INTO directive_revision (one, n) VALUES (1, 0);
`

/** Opens the directive store in the SQLite file `file` (state.db), creating its tables if needed. */
export async function openSqliteDirectiveStore(file: string): Promise<DirectiveStore> {
  const db = await openStateDb(file, schema)
  return sqliteDirectiveStore(db)
}

function sqliteDirectiveStore(db: DatabaseSync): DirectiveStore {
  const sql = {
    insert: db.prepare('INSERT INTO directives (id, issued_at, body) VALUES (?, ?, ?)'),
    exists: db.prepare('SELECT 1 AS one FROM directives WHERE id = ?'),
    get: db.prepare('SELECT body FROM directives WHERE id = ?'),
    list: db.prepare('SELECT body FROM directives ORDER BY issued_at, id'),
    update: db.prepare('UPDATE directives SET body = ? WHERE id = ?'),
    remove: db.prepare('DELETE FROM directives WHERE id = ?'),
    bump: db.prepare('UPDATE directive_revision SET n = n + 1 WHERE one = 1'),
    revision: db.prepare('SELECT n FROM directive_revision WHERE one = 1'),
  }
  let closed = false
  const live = () => {
    if (closed) throw closedError('directive')
  }
  const decode = (row: Record<string, unknown> | undefined): Directive | undefined =>
    row === undefined ? undefined : parseStored(String(row.body))

  return {
    async put(directive) {
      live()
      const checked = checkedDirective(directive)
      inTransaction(db, () => {
        if (sql.exists.get(checked.id) !== undefined) {
          throw new SluiceError('INVALID_INPUT', `a directive with id '${checked.id}' already exists`)
        }
        sql.insert.run(checked.id, checked.issuedAt, JSON.stringify(checked))
        sql.bump.run()
      })
    },
    async get(id) {
      live()
      return decode(sql.get.get(id))
    },
    async list() {
      live()
      return sql.list.all().map((row) => parseStored(String(row.body)))
    },
    async revoke(id, at, by) {
      live()
      return inTransaction(db, () => {
        const current = decode(sql.get.get(id))
        const revoked = revokedCopy(current, id, at, by)
        sql.update.run(JSON.stringify(revoked), id)
        sql.bump.run()
        return revoked
      })
    },
    async remove(id) {
      live()
      return inTransaction(db, () => {
        const removed = Number(sql.remove.run(id).changes) > 0
        if (removed) sql.bump.run()
        return removed
      })
    },
    async revision() {
      live()
      return Number(sql.revision.get()?.n ?? 0)
    },
    async close() {
      if (closed) return
      closed = true
      db.close()
    },
  }
}
