// The content vault's ciphertexts and wrapped data keys in PostgreSQL (sluice_vault_keys,
// sluice_vault_entries). After an erasure the key table is rewritten (VACUUM FULL) so destroyed
// wrapped keys do not linger as dead tuples in its data file.
import { SluiceError } from '../../app/errors.ts'
import { vaultEntryOf, vaultKeyOf } from '../../app/vault/vault-rows.ts'
import type { VaultEntryRecord, VaultStore } from '../../app/vault/vault-store-port.ts'
import { ensurePgSchema, inPgTransaction, type PgPool } from './directive-pg-db.ts'

const schema = `
CREATE TABLE IF NOT EXISTS sluice_vault_keys (
  id TEXT PRIMARY KEY,
  recipient TEXT NOT NULL,
  day TEXT NOT NULL,
  wrapped BYTEA NOT NULL,
  UNIQUE (recipient, day)
);
CREATE TABLE IF NOT EXISTS sluice_vault_entries (
  ref TEXT NOT NULL,
  recipient TEXT NOT NULL,
  seq BIGINT,
  time TEXT NOT NULL,
  day TEXT NOT NULL,
  key_id TEXT NOT NULL REFERENCES sluice_vault_keys (id) DEFERRABLE INITIALLY IMMEDIATE,
  sealed BYTEA NOT NULL,
  PRIMARY KEY (ref, recipient)
);
CREATE INDEX IF NOT EXISTS sluice_vault_entries_recipient_time ON sluice_vault_entries (recipient, time COLLATE "C");
CREATE INDEX IF NOT EXISTS sluice_vault_entries_key ON sluice_vault_entries (key_id);
CREATE INDEX IF NOT EXISTS sluice_vault_entries_day ON sluice_vault_entries (day COLLATE "C");
`

const entryColumns = 'ref, recipient, seq, time, day, key_id, sealed'

/** The vault store over `pool` (tables created if missing). Closing it does not end the pool. */
export async function openPostgresVaultStore(pool: PgPool): Promise<VaultStore> {
  await ensurePgSchema(pool, 'sluice_vault', schema)
  let closed = false
  const live = () => {
    if (closed) throw new SluiceError('INTERNAL', 'the vault store is closed')
  }
  const entries = async (where: string, params: unknown[], order: string) => {
    const { rows } = await pool.query(
      `SELECT ${entryColumns} FROM sluice_vault_entries WHERE ${where} ORDER BY ${order}`,
      params,
    )
    return rows.map((row) => vaultEntryOf(row) as VaultEntryRecord)
  }
  const shred = () => pool.query('VACUUM (FULL) sluice_vault_keys').catch(() => undefined)

  return {
    async keyFor(recipient, day) {
      live()
      const { rows } = await pool.query(
        'SELECT id, recipient, day, wrapped FROM sluice_vault_keys WHERE recipient = $1 AND day = $2',
        [recipient, day],
      )
      return vaultKeyOf(rows[0])
    },
    async keyById(id) {
      live()
      const { rows } = await pool.query(
        'SELECT id, recipient, day, wrapped FROM sluice_vault_keys WHERE id = $1',
        [id],
      )
      return vaultKeyOf(rows[0])
    },
    async addKey(key) {
      live()
      await pool.query(
        'INSERT INTO sluice_vault_keys (id, recipient, day, wrapped) VALUES ($1, $2, $3, $4) ON CONFLICT (recipient, day) DO NOTHING',
        [key.id, key.recipient, key.day, Buffer.from(key.wrapped)],
      )
      const { rows } = await pool.query(
        'SELECT id, recipient, day, wrapped FROM sluice_vault_keys WHERE recipient = $1 AND day = $2',
        [key.recipient, key.day],
      )
      const stored = vaultKeyOf(rows[0])
      if (stored === undefined) throw new SluiceError('INTERNAL', 'a vault key vanished while being added')
      return stored
    },
    async putEntry(entry) {
      live()
      await inPgTransaction(pool, async (client) => {
        // FOR SHARE holds the key against a concurrent erasure until this entry is in.
        const key = await client.query('SELECT 1 FROM sluice_vault_keys WHERE id = $1 FOR SHARE', [
          entry.keyId,
        ])
        if (key.rowCount === 0)
          throw new SluiceError('NOT_FOUND', `vault key ${entry.keyId} no longer exists`)
        const inserted = await client.query(
          `INSERT INTO sluice_vault_entries (${entryColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (ref, recipient) DO NOTHING`,
          [
            entry.ref,
            entry.recipient,
            entry.seq ?? null,
            entry.time,
            entry.day,
            entry.keyId,
            Buffer.from(entry.sealed),
          ],
        )
        if (inserted.rowCount !== 1) {
          throw new SluiceError(
            'INVALID_INPUT',
            `the vault already holds ${entry.ref} for ${entry.recipient}`,
          )
        }
      })
    },
    async entry(ref, recipient) {
      live()
      return (await entries('ref = $1 AND recipient = $2', [ref, recipient], 'ref'))[0]
    },
    async entriesOf(ref) {
      live()
      return entries('ref = $1', [ref], 'recipient COLLATE "C"')
    },
    async entriesIn(recipient, from, to) {
      live()
      return entries(
        'recipient = $1 AND time COLLATE "C" >= $2 AND time COLLATE "C" < $3',
        [recipient, from, to],
        'time COLLATE "C", ref COLLATE "C"',
      )
    },
    async entriesUnder(keyId) {
      live()
      return entries('key_id = $1', [keyId], 'time COLLATE "C", ref COLLATE "C"')
    },
    async erase(plan) {
      live()
      const removed = await inPgTransaction(pool, async (client) => {
        // A replaced key's day keeps its (recipient, day) slot: the old key goes before the new one
        // comes, so entries point at no key for a moment; the check runs at commit instead. An entry
        // the plan left under a destroyed or replaced key fails it there, and nothing changes.
        await client.query('SET CONSTRAINTS ALL DEFERRED')
        let count = 0
        for (const e of plan.deleteEntries) {
          count +=
            (
              await client.query('DELETE FROM sluice_vault_entries WHERE ref = $1 AND recipient = $2', [
                e.ref,
                e.recipient,
              ])
            ).rowCount ?? 0
        }
        let keysReplaced = 0
        for (const { oldKeyId, key, entries: resealed } of plan.replaceKeys) {
          keysReplaced +=
            (await client.query('DELETE FROM sluice_vault_keys WHERE id = $1', [oldKeyId])).rowCount ?? 0
          await client.query(
            'INSERT INTO sluice_vault_keys (id, recipient, day, wrapped) VALUES ($1, $2, $3, $4)',
            [key.id, key.recipient, key.day, Buffer.from(key.wrapped)],
          )
          for (const e of resealed) {
            if (e.keyId !== key.id)
              throw new SluiceError(
                'INVALID_INPUT',
                `re-sealed entry ${e.ref} names key ${e.keyId}, not ${key.id}`,
              )
            const updated = await client.query(
              'UPDATE sluice_vault_entries SET key_id = $1, sealed = $2 WHERE ref = $3 AND recipient = $4 AND key_id = $5',
              [key.id, Buffer.from(e.sealed), e.ref, e.recipient, oldKeyId],
            )
            if (updated.rowCount !== 1) {
              throw new SluiceError(
                'INVALID_INPUT',
                `entry ${e.ref} for ${e.recipient} is not under key ${oldKeyId}`,
              )
            }
          }
        }
        let keysDestroyed = 0
        for (const id of plan.destroyKeys) {
          keysDestroyed +=
            (await client.query('DELETE FROM sluice_vault_keys WHERE id = $1', [id])).rowCount ?? 0
        }
        return { entries: count, keysDestroyed, keysReplaced }
      })
      await shred()
      return removed
    },
    async purgeBefore(day) {
      live()
      const removed = await inPgTransaction(pool, async (client) => ({
        entries:
          (await client.query('DELETE FROM sluice_vault_entries WHERE day COLLATE "C" < $1', [day]))
            .rowCount ?? 0,
        keysDestroyed:
          (await client.query('DELETE FROM sluice_vault_keys WHERE day COLLATE "C" < $1', [day])).rowCount ??
          0,
        keysReplaced: 0,
      }))
      await shred()
      return removed
    },
    async close() {
      closed = true
    },
  }
}
