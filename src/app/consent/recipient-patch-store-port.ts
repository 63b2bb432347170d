// Register overrides kept in the state store (set at run time, e.g. by an administrator through the API):
// applied after the configuration's `transfers.recipients`, in the order they were stored.
import type { RecipientPatch } from '../../core/transfers/transfers-config.ts'

/** A stored register patch: the patch, when and by whom. */
export interface StoredRecipientPatch {
  readonly seq: number
  readonly patch: RecipientPatch
  readonly at: string
  readonly by: string
}

/** Append-only list of register patches. */
export interface RecipientPatchStore {
  /** Stores a patch (validated by the caller) and returns it numbered. */
  add(patch: RecipientPatch, at: string, by: string): Promise<StoredRecipientPatch>
  /** Every stored patch, oldest first. */
  list(): Promise<readonly StoredRecipientPatch[]>
  close(): Promise<void>
}
