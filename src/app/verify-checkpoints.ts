// `sluice ledger verify` with checkpoints: the chain check of verify-ledger.ts, plus the Merkle tree
// followed along the way and compared with every stored checkpoint. A chain alone cannot show that
// records were cut off its end; a signed checkpoint of treeSize records can, and it also catches a
// prefix rewritten and re-chained by someone without the signing key.
import type { ChainVerdict } from '../core/ledger/chain-hash.ts'
import { checkpointSignatureValid } from '../core/ledger/checkpoint.ts'
import { createFrontier } from '../core/ledger/merkle.ts'
import type { CheckpointStore, StoredCheckpoint } from './checkpoint-port.ts'
import type { LedgerStore } from './ledger-port.ts'
import { verifyLedger } from './verify-ledger.ts'

/** What the checkpoints say about the ledger. */
export type CheckpointVerdict =
  | { readonly status: 'none' }
  | { readonly status: 'ok'; readonly checked: number; readonly latest: StoredCheckpoint }
  | {
      readonly status: 'bad-signature' | 'truncated' | 'root-mismatch' | 'no-public-key'
      readonly treeSize: number
      readonly detail: string
    }

/** Both verdicts of {@link verifyLedgerAndCheckpoints}. */
export interface LedgerVerification {
  readonly chain: ChainVerdict
  readonly checkpoints: CheckpointVerdict
}

/** Most checkpoints compared in one verification (a checkpoint per 1,000 records covers 100M records). */
const maxCheckpoints = 100_000

/**
 * Verifies the chain of `store` and every stored checkpoint: its signature under `publicKeyPem`, that
 * the chain still holds its treeSize records, and that their Merkle root is its rootHash. The first
 * failing checkpoint (by tree size) is reported. Without a public key, stored checkpoints are a
 * 'no-public-key' failure: they cannot be trusted, and a missing key file must not pass silently.
 */
export async function verifyLedgerAndCheckpoints(
  store: LedgerStore,
  checkpoints: CheckpointStore,
  publicKeyPem: string | undefined,
  options: { readonly batch?: number } = {},
): Promise<LedgerVerification> {
  const stored = await checkpoints.listCheckpoints({ limit: maxCheckpoints })
  const wanted = new Map<number, StoredCheckpoint>()
  for (const cp of stored) wanted.set(cp.treeSize, cp)
  const rootAt = new Map<number, string>()
  const frontier = createFrontier()
  const chain = await verifyLedger(store, {
    ...(options.batch === undefined ? {} : { batch: options.batch }),
    onRecord: (row) => {
      frontier.push(row.hash)
      if (wanted.has(frontier.size)) rootAt.set(frontier.size, frontier.root())
    },
  })
  if (stored.length === 0) return { chain, checkpoints: { status: 'none' } }
  let latest = stored[0] as StoredCheckpoint
  for (const cp of stored) {
    if (cp.treeSize > latest.treeSize) latest = cp
    if (publicKeyPem === undefined) {
      return {
        chain,
        checkpoints: {
          status: 'no-public-key',
          treeSize: cp.treeSize,
          detail: 'checkpoints are stored but there is no public key to check them with (ledger-signing.pub)',
        },
      }
    }
    const { frontier: _, ...signed } = cp
    if (!checkpointSignatureValid(signed, publicKeyPem)) {
      return {
        chain,
        checkpoints: {
          status: 'bad-signature',
          treeSize: cp.treeSize,
          detail: `the checkpoint of ${cp.treeSize} records made ${cp.time} is not signed by the ledger key`,
        },
      }
    }
    const root = cp.treeSize === 0 ? createFrontier().root() : rootAt.get(cp.treeSize)
    if (root === undefined) {
      return {
        chain,
        checkpoints: {
          status: 'truncated',
          treeSize: cp.treeSize,
          detail: `the checkpoint made ${cp.time} covers ${cp.treeSize} records but the intact chain has ${chain.count}: records were removed from the end or the chain is broken`,
        },
      }
    }
    if (root !== cp.rootHash) {
      return {
        chain,
        checkpoints: {
          status: 'root-mismatch',
          treeSize: cp.treeSize,
          detail: `the first ${cp.treeSize} records no longer have the Merkle root signed ${cp.time}: they were rewritten`,
        },
      }
    }
  }
  return { chain, checkpoints: { status: 'ok', checked: stored.length, latest } }
}
