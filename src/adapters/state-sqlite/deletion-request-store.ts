// Deletion requests and the recipients' confirmations (kept as bytes) in state.db.
import type { DeletionRequestStore } from '../../app/directives/deletion-request-port.ts'
import {
  checkedDeletionRequest,
  confirmedCopy,
  parseStoredDeletionRequest,
} from '../../app/directives/stored-deletion-request.ts'
import { SluiceError } from '../../app/errors.ts'
import { closedError, inTransaction, openStateDb } from './directive-sqlite-db.ts'

const schema = `
CREATE TABLE IF NOT EXISTS deletion_requests (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  body TEXT NOT NULL,
  attachment BLOB
) STRICT;
`

/** Opens the deletion-request store in the SQLite file `file` (state.db). */
export async function openSqliteDeletionRequestStore(file: string): Promise<DeletionRequestStore> {
  const db = await openStateDb(file, schema)
  const sql = {
    insert: db.prepare('INSERT INTO deletion_requests (id, created_at, body) VALUES (?, ?, ?)'),
    get: db.prepare('SELECT body FROM deletion_requests WHERE id = ?'),
    list: db.prepare('SELECT body FROM deletion_requests ORDER BY created_at, id'),
    confirm: db.prepare('UPDATE deletion_requests SET body = ?, attachment = ? WHERE id = ?'),
    attachment: db.prepare('SELECT attachment FROM deletion_requests WHERE id = ?'),
  }
  let closed = false
  const live = () => {
    if (closed) throw closedError('deletion request')
  }
  const read = (id: string) => {
    const row = sql.get.get(id)
    return row === undefined ? undefined : parseStoredDeletionRequest(String(row.body))
  }
  return {
    async create(request) {
      live()
      const checked = checkedDeletionRequest(request)
      if (checked.status !== 'sent')
        throw new SluiceError('INVALID_INPUT', 'a new deletion request has status sent')
      inTransaction(db, () => {
        if (sql.get.get(checked.id) !== undefined) {
          throw new SluiceError('INVALID_INPUT', `a deletion request with id '${checked.id}' already exists`)
        }
        sql.insert.run(checked.id, checked.createdAt, JSON.stringify(checked))
      })
    },
    async get(id) {
      live()
      return read(id)
    },
    async list() {
      live()
      return sql.list.all().map((row) => parseStoredDeletionRequest(String(row.body)))
    },
    async confirm(id, confirmation, attachment) {
      live()
      return inTransaction(db, () => {
        const confirmed = confirmedCopy(read(id), id, confirmation, attachment)
        sql.confirm.run(JSON.stringify(confirmed), attachment, id)
        return confirmed
      })
    },
    async attachment(id) {
      live()
      const value = sql.attachment.get(id)?.attachment
      return value === null || value === undefined ? undefined : new Uint8Array(value as Uint8Array)
    },
    async close() {
      if (closed) return
      closed = true
      db.close()
    },
  }
}
