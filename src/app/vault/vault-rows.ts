// Both vault adapters keep the same columns; a row becomes a record here, once, for either database.
import type { VaultEntryRecord, VaultKeyRecord } from './vault-store-port.ts'

/** A `vault_keys` row (id, recipient, day, wrapped) as a record. */
export function vaultKeyOf(row: Readonly<Record<string, unknown>> | undefined): VaultKeyRecord | undefined {
  if (row === undefined) return undefined
  return {
    id: String(row.id),
    recipient: String(row.recipient),
    day: String(row.day),
    wrapped: new Uint8Array(row.wrapped as Uint8Array),
  }
}

/** A `vault_entries` row (ref, recipient, seq, time, day, key_id, sealed) as a record. */
export function vaultEntryOf(
  row: Readonly<Record<string, unknown>> | undefined,
): VaultEntryRecord | undefined {
  if (row === undefined) return undefined
  return {
    ref: String(row.ref),
    recipient: String(row.recipient),
    ...(row.seq === null || row.seq === undefined ? {} : { seq: Number(row.seq) }),
    time: String(row.time),
    day: String(row.day),
    keyId: String(row.key_id),
    sealed: new Uint8Array(row.sealed as Uint8Array),
  }
}
