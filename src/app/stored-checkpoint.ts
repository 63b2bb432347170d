// Checks a checkpoint on its way into a store and back out of one; every ledger adapter uses both, so a
// damaged row reads the same whichever database holds it.
import { checkpointProblem } from '../core/ledger/checkpoint.ts'
import type { StoredCheckpoint } from './checkpoint-port.ts'
import { SluiceError } from './errors.ts'

const hexHash = /^[0-9a-f]{64}$/

/** Refuses (INVALID_INPUT) a checkpoint that is malformed or whose frontier is not a list of hex hashes. */
export function checkStoredCheckpoint(checkpoint: StoredCheckpoint): void {
  const { frontier, ...signed } = checkpoint
  const problem = checkpointProblem(signed)
  if (problem !== undefined) throw new SluiceError('INVALID_INPUT', `checkpoint ${problem}`)
  if (!Array.isArray(frontier) || !frontier.every((h) => typeof h === 'string' && hexHash.test(h))) {
    throw new SluiceError('INVALID_INPUT', 'checkpoint frontier must be a list of hex hashes')
  }
}

/**
 * A checkpoint from a stored row (columns tree_size, root_hash, time, signature, frontier as JSON text).
 * A damaged row is INTERNAL, naming `where` (the ledger file or table).
 */
export function checkpointFromRow(row: Readonly<Record<string, unknown>>, where: string): StoredCheckpoint {
  let frontier: unknown
  try {
    frontier = JSON.parse(String(row.frontier))
  } catch {
    frontier = undefined
  }
  const checkpoint = {
    treeSize: Number(row.tree_size),
    rootHash: String(row.root_hash),
    time: String(row.time),
    signature: String(row.signature),
  }
  const problem = checkpointProblem(checkpoint)
  if (problem !== undefined || !Array.isArray(frontier) || !frontier.every((h) => typeof h === 'string')) {
    throw new SluiceError(
      'INTERNAL',
      `the checkpoint of ${checkpoint.treeSize} records in ${where} is damaged (${problem ?? 'frontier'})`,
    )
  }
  return { ...checkpoint, frontier }
}
