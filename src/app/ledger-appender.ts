// Group commit for the ledger. The gateway's primary process appends one entry per decision; writing
// each in its own transaction would spend most of the time committing. Entries appended in the same
// turn of the event loop are written together in one store.append (one transaction), in call order,
// and one batch is written at a time, so records are never reordered and never lost unreported.
import { entryProblem, type LedgerEntry, type LedgerRecord } from '../core/ledger/ledger-record.ts'
import { SluiceError } from './errors.ts'
import type { LedgerStore } from './ledger-port.ts'

/** Options of {@link createLedgerAppender}. */
export interface LedgerAppenderOptions {
  /** Most entries written in one store.append (default 1,000); more pending ones go in the next. */
  readonly maxBatch?: number
  /**
   * When to write what has gathered (default queueMicrotask: at the end of the current turn). Pass
   * setImmediate to gather across all I/O callbacks of a loop iteration too, at a few µs of latency.
   */
  readonly schedule?: (write: () => void) => void
}

/** Appends entries to a {@link LedgerStore} in batches; see {@link createLedgerAppender}. */
export interface LedgerAppender {
  /**
   * Queues `entry` for the next batch and resolves with its record once the batch is committed.
   * Rejects at once with INVALID_INPUT for a malformed entry (the others in its batch are unaffected),
   * and with the store's error when the batch write fails (every entry of that batch is rejected; the
   * next batch is written as usual).
   */
  append(entry: LedgerEntry): Promise<LedgerRecord>
  /** Resolves once every entry appended before the call has been written or rejected. */
  flush(): Promise<void>
  /** Refuses further appends and waits for the pending ones. Does not close the store. */
  close(): Promise<void>
}

interface Waiter {
  readonly entry: LedgerEntry
  readonly resolve: (record: LedgerRecord) => void
  readonly reject: (error: unknown) => void
}

/**
 * A group-commit appender over `store`. Each caller's promise settles with its own record; the
 * records' order is the order of the `append` calls.
 */
export function createLedgerAppender(
  store: LedgerStore,
  options: LedgerAppenderOptions = {},
): LedgerAppender {
  const maxBatch = options.maxBatch ?? 1000
  if (!Number.isSafeInteger(maxBatch) || maxBatch < 1) {
    throw new SluiceError('INVALID_INPUT', `maxBatch must be a positive integer, got ${maxBatch}`)
  }
  const schedule = options.schedule ?? queueMicrotask
  let pending: Waiter[] = []
  // The running write loop; undefined while idle. Only one runs at a time: that keeps batches in order.
  let writing: Promise<void> | undefined
  let closed = false

  async function writeAll(): Promise<void> {
    try {
      // Bounded: each turn takes at least one waiter off `pending`.
      while (pending.length > 0) {
        const batch = pending.length <= maxBatch ? pending : pending.slice(0, maxBatch)
        pending = pending.length <= maxBatch ? [] : pending.slice(maxBatch)
        await writeBatch(batch)
      }
    } finally {
      writing = undefined
    }
  }

  async function writeBatch(batch: readonly Waiter[]): Promise<void> {
    let records: readonly LedgerRecord[]
    try {
      records = await store.append(batch.map((waiter) => waiter.entry))
      if (records.length !== batch.length) {
        throw new SluiceError(
          'INTERNAL',
          `ledger store returned ${records.length} records for ${batch.length} entries`,
        )
      }
    } catch (error) {
      for (const waiter of batch) waiter.reject(error)
      return
    }
    for (let i = 0; i < batch.length; i++) (batch[i] as Waiter).resolve(records[i] as LedgerRecord)
  }

  function startWriting(): Promise<void> {
    return new Promise<void>((resolve) => {
      schedule(() => {
        writeAll().then(resolve, resolve)
      })
    })
  }

  return {
    append(entry) {
      if (closed) return Promise.reject(new SluiceError('INTERNAL', 'the ledger appender is closed'))
      // Checked here, not in the batch, so one bad entry cannot fail the other callers' records. An
      // entry of the right shape always has a canonical form, so the store's own encoding cannot fail.
      const problem = entryProblem(entry)
      if (problem !== undefined) {
        return Promise.reject(new SluiceError('INVALID_INPUT', `ledger entry: ${problem}`))
      }
      return new Promise<LedgerRecord>((resolve, reject) => {
        pending.push({ entry, resolve, reject })
        writing ??= startWriting()
      })
    },
    flush() {
      return writing ?? Promise.resolve()
    },
    async close() {
      closed = true
      await (writing ?? Promise.resolve())
    },
  }
}
