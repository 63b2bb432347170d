// Register patches in the data directory's state.db (node:sqlite, WAL), append-only.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type {
  RecipientPatchStore,
  StoredRecipientPatch,
} from '../../app/consent/recipient-patch-store-port.ts'
import { SluiceError } from '../../app/errors.ts'
import type { RecipientPatch } from '../../core/transfers/transfers-config.ts'
import { stateFileName } from './consent-store.ts'

const createTable = `
CREATE TABLE IF NOT EXISTS recipient_patches (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  by TEXT NOT NULL,
  patch TEXT NOT NULL
) STRICT;
`

/** Opens (creating when needed) the register patch store in `dataDir`/state.db. */
export async function openSqliteRecipientPatchStore(dataDir: string): Promise<RecipientPatchStore> {
  await mkdir(dataDir, { recursive: true })
  const db = new DatabaseSync(join(dataDir, stateFileName))
  db.exec('PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;')
  db.exec(createTable)
  const insert = db.prepare('INSERT INTO recipient_patches (at, by, patch) VALUES (?, ?, ?) RETURNING seq')
  const all = db.prepare('SELECT seq, at, by, patch FROM recipient_patches ORDER BY seq')
  let open = true
  const live = (): void => {
    if (!open) throw new SluiceError('INTERNAL', 'the recipient patch store is closed')
  }
  return {
    async add(patch: RecipientPatch, at: string, by: string): Promise<StoredRecipientPatch> {
      live()
      const row = insert.get(at, by, JSON.stringify(patch))
      return { seq: Number(row?.seq), patch, at, by }
    },
    async list() {
      live()
      return all.all().map((row) => ({
        seq: Number(row.seq),
        at: String(row.at),
        by: String(row.by),
        patch: JSON.parse(String(row.patch)) as RecipientPatch,
      }))
    },
    async close() {
      if (!open) return
      open = false
      db.close()
    },
  }
}
