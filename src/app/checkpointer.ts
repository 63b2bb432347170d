// Writes signed checkpoints as the ledger grows: after every N new records or every T ms (whichever
// comes first, and only when there is something new). It follows the ledger with a Merkle frontier
// (O(log n) memory) saved with each checkpoint, so a restart resumes after the last checkpoint
// instead of re-reading the whole ledger. The records it adds are chain-checked first: a checkpoint
// never signs a broken chain.
import { createChainVerifier } from '../core/ledger/chain-hash.ts'
import { createFrontier, type MerkleFrontier, resumeFrontier } from '../core/ledger/merkle.ts'
import type { CheckpointSigner, CheckpointStore, StoredCheckpoint } from './checkpoint-port.ts'
import { SluiceError } from './errors.ts'
import type { LedgerStore } from './ledger-port.ts'

/** Options of {@link createCheckpointer}. */
export interface CheckpointerOptions {
  /** Checkpoint once this many records are not yet covered (default 10,000). */
  readonly everyRecords?: number
  /** Checkpoint when the last one is this old and records came since (default 60,000 ms). */
  readonly everyMs?: number
  /** The clock (default: the system clock). */
  readonly now?: () => Date
  /** Records read per batch while catching up (default 10,000). */
  readonly batch?: number
  /** Where a failed background checkpoint is reported (default: ignored; the next tick retries). */
  readonly onError?: (error: unknown) => void
}

/** A running checkpointer; see {@link createCheckpointer}. */
export interface Checkpointer {
  /**
   * Covers every record appended so far with a new signed checkpoint and resolves with it (or with the
   * latest one when nothing is new; undefined for an empty ledger). Calls are serialised. Rejects with
   * INTERNAL when a record after the last checkpoint breaks the chain or the stored frontier does not
   * give the stored root.
   */
  checkpointNow(): Promise<StoredCheckpoint | undefined>
  /** Checks for due checkpoints every min(everyMs, 1 s) from now on; the timer does not hold the process. */
  start(): void
  /** Stops the timer and waits for a checkpoint being written. */
  stop(): Promise<void>
}

interface FollowState {
  frontier: MerkleFrontier
  /** Hash of record #frontier.size (the chain link of the next record). */
  lastHash: string
  lastTimeMs: number
}

/** A checkpointer over `store`, keeping checkpoints in `checkpoints`, signing with `signer`. */
export function createCheckpointer(
  store: LedgerStore,
  checkpoints: CheckpointStore,
  signer: CheckpointSigner,
  options: CheckpointerOptions = {},
): Checkpointer {
  const everyRecords = options.everyRecords ?? 10_000
  const everyMs = options.everyMs ?? 60_000
  const batch = options.batch ?? 10_000
  for (const [name, n] of Object.entries({ everyRecords, everyMs, batch })) {
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new SluiceError('INVALID_INPUT', `${name} must be a positive integer, got ${n}`)
    }
  }
  const now = options.now ?? (() => new Date())
  let state: FollowState | undefined
  let running: Promise<StoredCheckpoint | undefined> | undefined
  let timer: ReturnType<typeof setInterval> | undefined

  async function load(): Promise<FollowState> {
    const latest = await checkpoints.latestCheckpoint()
    if (latest === undefined) return { frontier: createFrontier(), lastHash: '', lastTimeMs: now().getTime() }
    let frontier: MerkleFrontier
    try {
      frontier = resumeFrontier(latest.treeSize, latest.frontier)
    } catch (error) {
      throw new SluiceError('INTERNAL', `the checkpoint of ${latest.treeSize} records is damaged`, {
        cause: error,
      })
    }
    if (frontier.root() !== latest.rootHash) {
      throw new SluiceError(
        'INTERNAL',
        `the checkpoint of ${latest.treeSize} records does not match its own frontier`,
      )
    }
    const [last] = latest.treeSize === 0 ? [] : await store.readStored(latest.treeSize, 1)
    if (latest.treeSize > 0 && last?.seq !== latest.treeSize) {
      throw new SluiceError(
        'INTERNAL',
        `the ledger lacks record #${latest.treeSize}, which the last checkpoint covers: records were removed`,
      )
    }
    return { frontier, lastHash: last?.hash ?? '', lastTimeMs: Date.parse(latest.time) }
  }

  async function write(): Promise<StoredCheckpoint | undefined> {
    state ??= await load()
    const s = state
    const head = await store.head()
    if (head.seq < s.frontier.size) {
      throw new SluiceError(
        'INTERNAL',
        `the ledger has ${head.seq} records but ${s.frontier.size} are checkpointed: records were removed`,
      )
    }
    if (head.seq === s.frontier.size) return checkpoints.latestCheckpoint()
    const verifier = createChainVerifier(
      s.frontier.size === 0 ? undefined : { seq: s.frontier.size, hash: s.lastHash },
    )
    // Work on a copy so a broken record leaves the followed state as it was.
    const frontier = resumeFrontier(s.frontier.size, s.frontier.save())
    let lastHash = s.lastHash
    // Bounded: each turn advances past at least one record, up to the head read above.
    while (frontier.size < head.seq) {
      const rows = await store.readStored(frontier.size + 1, Math.min(batch, head.seq - frontier.size))
      if (rows.length === 0) break
      for (const row of rows) {
        const broken = verifier.check(row)
        if (broken !== undefined) {
          throw new SluiceError(
            'INTERNAL',
            `not checkpointing: record #${broken.seq} breaks the chain (${broken.reason}: ${broken.detail})`,
          )
        }
        frontier.push(row.hash)
        lastHash = row.hash
      }
    }
    const signed = signer.sign({
      treeSize: frontier.size,
      rootHash: frontier.root(),
      time: now().toISOString(),
    })
    const kept = await checkpoints.putCheckpoint({ ...signed, frontier: frontier.save() })
    state = { frontier, lastHash, lastTimeMs: Date.parse(signed.time) }
    return kept
  }

  function checkpointNow(): Promise<StoredCheckpoint | undefined> {
    const next = (running ?? Promise.resolve()).then(write, write)
    const tracked = next.finally(() => {
      if (running === tracked) running = undefined
    })
    // `tracked` only orders the calls; the caller handles `next`'s failure.
    tracked.catch(() => undefined)
    running = tracked
    return next
  }

  async function tick(): Promise<void> {
    if (running !== undefined) return
    state ??= await load()
    const head = await store.head()
    const pending = head.seq - state.frontier.size
    const due = pending >= everyRecords || (pending > 0 && now().getTime() - state.lastTimeMs >= everyMs)
    if (due) await checkpointNow()
  }

  return {
    checkpointNow,
    start() {
      if (timer !== undefined) return
      timer = setInterval(
        () => {
          tick().catch((error: unknown) => options.onError?.(error))
        },
        Math.min(everyMs, 1000),
      )
      timer.unref()
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer)
      timer = undefined
      await running?.catch(() => undefined)
    },
  }
}
