import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, beforeEach, describe, it } from 'node:test'
import { openSqliteLedger } from '../adapters/ledger-sqlite/open-sqlite-ledger.ts'
import type { LedgerEntry } from '../core/ledger/ledger-record.ts'
import { sampleDecisionEntry } from '../core/ledger/sample-entry.ts'
import { isSluiceError, SluiceError } from './errors.ts'
import { createLedgerAppender } from './ledger-appender.ts'
import type { LedgerStore } from './ledger-port.ts'
import { verifyLedger } from './verify-ledger.ts'

const root = await mkdtemp(join(tmpdir(), 'sluice-appender-'))
after(() => rm(root, { recursive: true, force: true }))

// A real SQLite store that also records the size of each append call, and can be told to fail the
// next ones the way a full disk would (after validating, before writing).
interface ObservedStore extends LedgerStore {
  readonly calls: number[]
  failNext(times: number): void
}

let caseNo = 0
async function openObserved(): Promise<ObservedStore> {
  const store = await openSqliteLedger(join(root, `case-${++caseNo}`, 'ledger.db'))
  const calls: number[] = []
  let failures = 0
  return {
    ...store,
    calls,
    failNext(times) {
      failures = times
    },
    async append(entries) {
      calls.push(entries.length)
      if (failures > 0) {
        failures--
        throw new SluiceError('INTERNAL', 'disk full (injected)')
      }
      return store.append(entries)
    },
  }
}

const entries = (from: number, n: number): LedgerEntry[] =>
  Array.from({ length: n }, (_, i) => sampleDecisionEntry(from + i))

describe('createLedgerAppender', () => {
  let store: ObservedStore
  beforeEach(async () => {
    store = await openObserved()
  })

  it('writes the appends of one turn in one store call, in call order, each caller getting its record', async () => {
    const appender = createLedgerAppender(store)
    const batch = entries(0, 100)
    const records = await Promise.all(batch.map((e) => appender.append(e)))
    assert.deepEqual(store.calls, [100])
    assert.deepEqual(
      records.map((r) => r.seq),
      batch.map((_, i) => i + 1),
    )
    assert.deepEqual(
      records.map((r) => r.entry),
      batch,
    )
    assert.deepEqual(
      (await store.read(1, 200)).map((r) => r.hash),
      records.map((r) => r.hash),
    )
  })

  it('splits more than maxBatch pending appends into consecutive transactions', async () => {
    const appender = createLedgerAppender(store, { maxBatch: 40 })
    const records = await Promise.all(entries(0, 100).map((e) => appender.append(e)))
    assert.deepEqual(store.calls, [40, 40, 20])
    assert.deepEqual(
      records.map((r) => r.seq),
      Array.from({ length: 100 }, (_, i) => i + 1),
    )
    assert.equal((await verifyLedger(store)).ok, true)
  })

  it('gathers appends made while a batch is being written into the next batch', async () => {
    const appender = createLedgerAppender(store)
    const first = appender.append(sampleDecisionEntry(0))
    // Queued while the first batch is in the store: written together after it.
    const later = first.then(() => Promise.all(entries(1, 5).map((e) => appender.append(e))))
    const more = Promise.resolve()
      .then(() => Promise.resolve())
      .then(() => Promise.all(entries(6, 3).map((e) => appender.append(e))))
    await Promise.all([first, later, more])
    await appender.flush()
    assert.equal(
      store.calls.reduce((a, b) => a + b, 0),
      9,
    )
    assert.ok(store.calls.length < 9, `batched: ${store.calls.join(',')}`)
    assert.equal((await verifyLedger(store)).ok, true)
  })

  it('refuses a malformed entry at once and still writes the others of its turn', async () => {
    const appender = createLedgerAppender(store)
    const good = entries(0, 2)
    const results = await Promise.allSettled([
      appender.append(good[0] as LedgerEntry),
      appender.append({ ...sampleDecisionEntry(9), prompt: 'secret' } as unknown as LedgerEntry),
      appender.append(good[1] as LedgerEntry),
    ])
    assert.equal(results[0].status, 'fulfilled')
    assert.equal(results[2].status, 'fulfilled')
    assert.equal(results[1].status, 'rejected')
    assert.ok(results[1].status === 'rejected' && isSluiceError(results[1].reason))
    assert.equal(results[1].reason.code, 'INVALID_INPUT')
    assert.deepEqual(store.calls, [2])
  })

  it('rejects every caller of a failed batch, and the next batch chains on as if it never happened', async () => {
    const appender = createLedgerAppender(store)
    await appender.append(sampleDecisionEntry(0))
    store.failNext(1)
    const failed = await Promise.allSettled(entries(1, 5).map((e) => appender.append(e)))
    assert.deepEqual(
      failed.map((r) => r.status),
      ['rejected', 'rejected', 'rejected', 'rejected', 'rejected'],
    )
    for (const r of failed) assert.match(String(r.status === 'rejected' && r.reason.message), /disk full/)
    const next = await Promise.all(entries(6, 3).map((e) => appender.append(e)))
    assert.deepEqual(
      next.map((r) => r.seq),
      [2, 3, 4],
    )
    assert.deepEqual(await verifyLedger(store), { ok: true, count: 4, headSeq: 4, headHash: next[2]?.hash })
  })

  it('with setImmediate, gathers appends from separate callbacks of one loop turn', async () => {
    const appender = createLedgerAppender(store, { schedule: setImmediate })
    const direct = appender.append(sampleDecisionEntry(0))
    // With the default (end of the current turn) this append would start a second batch.
    const viaMicrotask = Promise.resolve().then(() => appender.append(sampleDecisionEntry(1)))
    await Promise.all([direct, viaMicrotask])
    assert.deepEqual(store.calls, [2])

    const byDefault = createLedgerAppender(store)
    const a = byDefault.append(sampleDecisionEntry(2))
    const b = Promise.resolve().then(() => byDefault.append(sampleDecisionEntry(3)))
    await Promise.all([a, b])
    assert.deepEqual(store.calls, [2, 1, 1])
  })

  it('flush waits for what is pending; close waits too and then refuses appends', async () => {
    const appender = createLedgerAppender(store)
    await appender.flush()
    const pending = entries(0, 10).map((e) => appender.append(e))
    await appender.flush()
    assert.equal(await store.count(), 10)
    await Promise.all(pending)
    const last = appender.append(sampleDecisionEntry(10))
    await appender.close()
    assert.equal((await last).seq, 11)
    await assert.rejects(appender.append(sampleDecisionEntry(11)), (error: unknown) => isSluiceError(error))
    assert.equal(await store.count(), 11)
  })

  it('refuses a maxBatch that is not a positive integer', () => {
    for (const maxBatch of [0, -1, 1.5, Number.NaN]) {
      assert.throws(
        () => createLedgerAppender(store, { maxBatch }),
        (error: unknown) => isSluiceError(error) && error.code === 'INVALID_INPUT',
      )
    }
  })
})
