// Verifies a whole ledger through its port, batch by batch, so memory stays flat for any size.
import { type ChainVerdict, createChainVerifier } from '../core/ledger/chain-hash.ts'
import type { StoredRecord } from '../core/ledger/ledger-record.ts'
import { SluiceError } from './errors.ts'
import type { LedgerStore } from './ledger-port.ts'

/** How {@link verifyLedger} reads. */
export interface VerifyLedgerOptions {
  /** Records per read (default 10,000). */
  readonly batch?: number
  /** Called after each batch with the records checked so far (for a progress display). */
  readonly onProgress?: (checked: number) => void
  /** Called with each record found intact, in seq order (to follow the Merkle tree alongside). */
  readonly onRecord?: (row: StoredRecord) => void
}

/**
 * Checks every record of `store` from seq 1: each hash against the stored content and the previous
 * hash, and that seqs run without gaps. Stops at the first broken record and names it; rows outside
 * the chain (seq below 1) are reported as a seq-gap at #0. Records cut off the end leave a shorter
 * valid chain: compare the head with one noted earlier to catch that.
 */
export async function verifyLedger(
  store: LedgerStore,
  options: VerifyLedgerOptions = {},
): Promise<ChainVerdict> {
  const batch = options.batch ?? 10_000
  if (!Number.isSafeInteger(batch) || batch < 1)
    throw new SluiceError('INVALID_INPUT', `batch must be a positive integer, got ${batch}`)
  const verifier = createChainVerifier()
  let next = 1
  let checked = 0
  // Bounded: each turn either advances `next` past at least one record or ends the loop.
  for (;;) {
    const rows = await store.readStored(next, batch)
    const onRecord = options.onRecord
    for (const row of rows) {
      if (verifier.check(row) !== undefined) return verifier.verdict()
      onRecord?.(row)
    }
    checked += rows.length
    options.onProgress?.(checked)
    if (rows.length < batch) break
    next = (rows.at(-1)?.seq ?? next) + 1
  }
  const verdict = verifier.verdict()
  // Rows the walk from #1 never reaches (a seq of 0 or below) would still show up in queries.
  const stored = await store.count()
  if (verdict.ok && stored !== verdict.count) {
    return {
      ok: false,
      count: verdict.count,
      firstBroken: {
        seq: 0,
        reason: 'seq-gap',
        detail: `the store holds ${stored} records but the chain from #1 has ${verdict.count}: ${stored - verdict.count} lie outside it (seq below 1)`,
      },
    }
  }
  return verdict
}
