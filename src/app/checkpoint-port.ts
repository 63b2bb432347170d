// Where signed checkpoints are kept: in the ledger's own database (a `checkpoints` table beside the
// records), so a backup of the ledger carries them. Each ledger adapter implements this port as well
// and runs checkpoint-store.contract.ts.
import type { Checkpoint, CheckpointBody } from '../core/ledger/checkpoint.ts'
import type { LedgerStore } from './ledger-port.ts'

/** A checkpoint as kept, with the Merkle frontier that lets a checkpointer resume after it. */
export interface StoredCheckpoint extends Checkpoint {
  /** The perfect subtree roots of the tree at treeSize (merkle.ts `MerkleFrontier.save`). */
  readonly frontier: readonly string[]
}

/** Signed checkpoints, one per tree size. */
export interface CheckpointStore {
  /**
   * Keeps `checkpoint`. A second checkpoint of the same tree size with the same root is ignored (two
   * gateway instances may both checkpoint one head); one with another root means the ledger forked
   * and rejects with INTERNAL. Resolves with the checkpoint now kept for that size.
   */
  putCheckpoint(checkpoint: StoredCheckpoint): Promise<StoredCheckpoint>
  /** The checkpoint with the largest tree size, or undefined when there is none. */
  latestCheckpoint(): Promise<StoredCheckpoint | undefined>
  /** The checkpoint of exactly `treeSize`, or undefined. */
  checkpointAt(treeSize: number): Promise<StoredCheckpoint | undefined>
  /**
   * Checkpoints whose time lies in [from, to) (ISO 8601; either may be absent), by tree size,
   * at most `limit`. Rejects with INVALID_INPUT for a bad time or limit.
   */
  listCheckpoints(range: {
    readonly from?: string
    readonly to?: string
    readonly limit: number
  }): Promise<readonly StoredCheckpoint[]>
}

/** A ledger database: the records and their checkpoints, opened and closed together. */
export type LedgerDatabase = LedgerStore & CheckpointStore

/** Signs checkpoints with the ledger's key; the private key never leaves the adapter. */
export interface CheckpointSigner {
  sign(body: CheckpointBody): Checkpoint
  /** The Ed25519 public key (SPKI PEM) that verifies what `sign` produces. */
  readonly publicKeyPem: string
}
