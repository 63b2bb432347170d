// Where the content vault keeps its ciphertexts and wrapped data keys. The store never sees a key or
// a plaintext: data keys arrive wrapped under the master key, contents sealed under a data key.

/** A data key for one (recipient, UTC day), wrapped (encrypted) under the master key. */
export interface VaultKeyRecord {
  readonly id: string
  /** The recipient's normalised name (content-vault.ts `recipientKey`). */
  readonly recipient: string
  /** UTC day, `YYYY-MM-DD`. */
  readonly day: string
  /** IV, ciphertext and tag of the data key under the master key. */
  readonly wrapped: Uint8Array
}

/** One request's content as sent to one recipient, sealed under that recipient's key of the day. */
export interface VaultEntryRecord {
  /** The request id (the ledger record's requestId). */
  readonly ref: string
  readonly recipient: string
  /** The ledger record's seq, when known. */
  readonly seq?: number
  /** When it was sent, UTC ISO 8601 (`toISOString` form, so times compare as text). */
  readonly time: string
  readonly day: string
  readonly keyId: string
  /** IV, ciphertext and tag. */
  readonly sealed: Uint8Array
}

/** What an erasure does, computed by the vault and carried out by the store in one transaction. */
export interface VaultErasurePlan {
  /** Entries to delete, by (ref, recipient). */
  readonly deleteEntries: readonly { readonly ref: string; readonly recipient: string }[]
  /** Keys to destroy: none of their entries remain. */
  readonly destroyKeys: readonly string[]
  /**
   * Keys whose day also holds entries outside the erasure: the old key is destroyed and those entries
   * are replaced by copies re-sealed under the new key, so no key that ever sealed erased content
   * survives.
   */
  readonly replaceKeys: readonly {
    readonly oldKeyId: string
    readonly key: VaultKeyRecord
    readonly entries: readonly VaultEntryRecord[]
  }[]
}

/** Counts of what an erasure or a purge removed. */
export interface VaultRemoval {
  readonly entries: number
  readonly keysDestroyed: number
  readonly keysReplaced: number
}

/** Storage of the content vault. */
export interface VaultStore {
  /** The key of (recipient, day), or undefined. */
  keyFor(recipient: string, day: string): Promise<VaultKeyRecord | undefined>
  /** The key with `id`, or undefined (destroyed keys are gone). */
  keyById(id: string): Promise<VaultKeyRecord | undefined>
  /**
   * Stores `key` unless (recipient, day) already has one, and resolves with the key now stored for
   * that pair (another process may have won the race: every writer then uses the same key).
   */
  addKey(key: VaultKeyRecord): Promise<VaultKeyRecord>
  /**
   * Stores an entry. Rejects with NOT_FOUND when its key no longer exists (destroyed meanwhile: the
   * caller gets a fresh key and retries) and INVALID_INPUT when (ref, recipient) is already stored.
   */
  putEntry(entry: VaultEntryRecord): Promise<void>
  /** The entry (ref, recipient), or undefined. */
  entry(ref: string, recipient: string): Promise<VaultEntryRecord | undefined>
  /** Every entry of `ref`, one per recipient, by recipient. */
  entriesOf(ref: string): Promise<readonly VaultEntryRecord[]>
  /** Entries of `recipient` with `from <= time < to`, by time then ref. */
  entriesIn(recipient: string, from: string, to: string): Promise<readonly VaultEntryRecord[]>
  /** Entries sealed under key `keyId`. */
  entriesUnder(keyId: string): Promise<readonly VaultEntryRecord[]>
  /** Carries out `plan` atomically (all of it or nothing) and counts what it removed. */
  erase(plan: VaultErasurePlan): Promise<VaultRemoval>
  /** Deletes every entry and key of a day before `day` (retention), counting them. */
  purgeBefore(day: string): Promise<VaultRemoval>
  /** Releases the store. */
  close(): Promise<void>
}
