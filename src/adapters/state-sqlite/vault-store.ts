// The content vault's ciphertexts and wrapped data keys in state.db. secure_delete overwrites what an
// erasure deletes, and the WAL is checkpointed and truncated afterwards, so a destroyed key's bytes do
// not linger in free pages or the log.
import type { DatabaseSync } from 'node:sqlite'
import { SluiceError } from '../../app/errors.ts'
import { vaultEntryOf, vaultKeyOf } from '../../app/vault/vault-rows.ts'
import type { VaultEntryRecord, VaultStore } from '../../app/vault/vault-store-port.ts'
import { closedError, inTransaction, openStateDb } from './directive-sqlite-db.ts'

const schema = `
CREATE TABLE IF NOT EXISTS vault_keys (
  id TEXT PRIMARY KEY,
  recipient TEXT NOT NULL,
  day TEXT NOT NULL,
  wrapped BLOB NOT NULL,
  UNIQUE (recipient, day)
) STRICT;
CREATE TABLE IF NOT EXISTS vault_entries (
  ref TEXT NOT NULL,
  recipient TEXT NOT NULL,
  seq INTEGER,
  time TEXT NOT NULL,
  day TEXT NOT NULL,
  key_id TEXT NOT NULL REFERENCES vault_keys (id),
  sealed BLOB NOT NULL,
  PRIMARY KEY (ref, recipient)
) STRICT;
CREATE INDEX IF NOT EXISTS vault_entries_recipient_time ON vault_entries (recipient, time);
CREATE INDEX IF NOT EXISTS vault_entries_key ON vault_entries (key_id);
CREATE INDEX IF NOT EXISTS vault_entries_day ON vault_entries (day);
`

/** Opens the vault store in the SQLite file `file` (state.db), creating its tables if needed. */
export async function openSqliteVaultStore(file: string): Promise<VaultStore> {
  const db = await openStateDb(file, schema)
  db.exec('PRAGMA secure_delete = ON')
  return sqliteVaultStore(db)
}

const entryColumns = 'ref, recipient, seq, time, day, key_id, sealed'

function sqliteVaultStore(db: DatabaseSync): VaultStore {
  const sql = {
    keyFor: db.prepare('SELECT id, recipient, day, wrapped FROM vault_keys WHERE recipient = ? AND day = ?'),
    keyById: db.prepare('SELECT id, recipient, day, wrapped FROM vault_keys WHERE id = ?'),
    addKey: db.prepare('INSERT OR IGNORE INTO vault_keys (id, recipient, day, wrapped) VALUES (?, ?, ?, ?)'),
    putEntry: db.prepare(`INSERT INTO vault_entries (${entryColumns}) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    entry: db.prepare(`SELECT ${entryColumns} FROM vault_entries WHERE ref = ? AND recipient = ?`),
    entriesOf: db.prepare(`SELECT ${entryColumns} FROM vault_entries WHERE ref = ? ORDER BY recipient`),
    entriesIn: db.prepare(
      `SELECT ${entryColumns} FROM vault_entries WHERE recipient = ? AND time >= ? AND time < ? ORDER BY time, ref`,
    ),
    entriesUnder: db.prepare(`SELECT ${entryColumns} FROM vault_entries WHERE key_id = ? ORDER BY time, ref`),
    deleteEntry: db.prepare('DELETE FROM vault_entries WHERE ref = ? AND recipient = ?'),
    deleteKey: db.prepare('DELETE FROM vault_keys WHERE id = ?'),
    insertKey: db.prepare('INSERT INTO vault_keys (id, recipient, day, wrapped) VALUES (?, ?, ?, ?)'),
    rekeyEntry: db.prepare(
      'UPDATE vault_entries SET key_id = ?, sealed = ? WHERE ref = ? AND recipient = ? AND key_id = ?',
    ),
    purgeEntries: db.prepare('DELETE FROM vault_entries WHERE day < ?'),
    purgeKeys: db.prepare('DELETE FROM vault_keys WHERE day < ?'),
  }
  let closed = false
  const live = () => {
    if (closed) throw closedError('vault')
  }
  const shred = () => db.exec('PRAGMA wal_checkpoint(TRUNCATE)')

  return {
    async keyFor(recipient, day) {
      live()
      return vaultKeyOf(sql.keyFor.get(recipient, day))
    },
    async keyById(id) {
      live()
      return vaultKeyOf(sql.keyById.get(id))
    },
    async addKey(key) {
      live()
      return inTransaction(db, () => {
        sql.addKey.run(key.id, key.recipient, key.day, key.wrapped)
        const stored = vaultKeyOf(sql.keyFor.get(key.recipient, key.day))
        if (stored === undefined) throw new SluiceError('INTERNAL', 'a vault key vanished while being added')
        return stored
      })
    },
    async putEntry(entry) {
      live()
      inTransaction(db, () => {
        if (sql.keyById.get(entry.keyId) === undefined) {
          throw new SluiceError('NOT_FOUND', `vault key ${entry.keyId} no longer exists`)
        }
        if (sql.entry.get(entry.ref, entry.recipient) !== undefined) {
          throw new SluiceError(
            'INVALID_INPUT',
            `the vault already holds ${entry.ref} for ${entry.recipient}`,
          )
        }
        sql.putEntry.run(
          entry.ref,
          entry.recipient,
          entry.seq ?? null,
          entry.time,
          entry.day,
          entry.keyId,
          entry.sealed,
        )
      })
    },
    async entry(ref, recipient) {
      live()
      return vaultEntryOf(sql.entry.get(ref, recipient))
    },
    async entriesOf(ref) {
      live()
      return sql.entriesOf.all(ref).map((row) => vaultEntryOf(row) as VaultEntryRecord)
    },
    async entriesIn(recipient, from, to) {
      live()
      return sql.entriesIn.all(recipient, from, to).map((row) => vaultEntryOf(row) as VaultEntryRecord)
    },
    async entriesUnder(keyId) {
      live()
      return sql.entriesUnder.all(keyId).map((row) => vaultEntryOf(row) as VaultEntryRecord)
    },
    async erase(plan) {
      live()
      const removed = inTransaction(db, () => {
        // A replaced key's day keeps its (recipient, day) slot: the old key goes before the new one
        // comes, so the entries point at no key for a moment; the check runs at commit instead.
        db.exec('PRAGMA defer_foreign_keys = ON')
        let entries = 0
        for (const e of plan.deleteEntries) entries += Number(sql.deleteEntry.run(e.ref, e.recipient).changes)
        let keysReplaced = 0
        for (const { oldKeyId, key, entries: resealed } of plan.replaceKeys) {
          keysReplaced += Number(sql.deleteKey.run(oldKeyId).changes)
          sql.insertKey.run(key.id, key.recipient, key.day, key.wrapped)
          for (const e of resealed) {
            if (e.keyId !== key.id)
              throw new SluiceError(
                'INVALID_INPUT',
                `re-sealed entry ${e.ref} names key ${e.keyId}, not ${key.id}`,
              )
            if (Number(sql.rekeyEntry.run(key.id, e.sealed, e.ref, e.recipient, oldKeyId).changes) !== 1) {
              throw new SluiceError(
                'INVALID_INPUT',
                `entry ${e.ref} for ${e.recipient} is not under key ${oldKeyId}`,
              )
            }
          }
        }
        let keysDestroyed = 0
        for (const id of plan.destroyKeys) keysDestroyed += Number(sql.deleteKey.run(id).changes)
        // An entry the plan left under a destroyed or replaced key fails the foreign key at COMMIT.
        return { entries, keysDestroyed, keysReplaced }
      })
      shred()
      return removed
    },
    async purgeBefore(day) {
      live()
      const removed = inTransaction(db, () => ({
        entries: Number(sql.purgeEntries.run(day).changes),
        keysDestroyed: Number(sql.purgeKeys.run(day).changes),
        keysReplaced: 0,
      }))
      shred()
      return removed
    },
    async close() {
      if (closed) return
      closed = true
      db.close()
    },
  }
}
