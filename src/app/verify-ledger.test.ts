import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { openSqliteLedger } from '../adapters/ledger-sqlite/open-sqlite-ledger.ts'
import { sampleDecisionEntry } from '../core/ledger/sample-entry.ts'
import { isSluiceError } from './errors.ts'
import { verifyLedger } from './verify-ledger.ts'

const root = await mkdtemp(join(tmpdir(), 'sluice-verify-'))
after(() => rm(root, { recursive: true, force: true }))

describe('verifyLedger', () => {
  it('reads in batches and reports progress after each', async () => {
    const store = await openSqliteLedger(join(root, 'progress', 'ledger.db'))
    await store.append(Array.from({ length: 25 }, (_, i) => sampleDecisionEntry(i)))
    const seen: number[] = []
    const verdict = await verifyLedger(store, { batch: 10, onProgress: (n) => seen.push(n) })
    assert.equal(verdict.ok && verdict.count, 25)
    assert.deepEqual(seen, [10, 20, 25])
    await store.close()
  })

  it('refuses a batch size that is not a positive integer', async () => {
    const store = await openSqliteLedger(join(root, 'batch', 'ledger.db'))
    for (const batch of [0, -5, 2.5]) {
      await assert.rejects(
        verifyLedger(store, { batch }),
        (e: unknown) => isSluiceError(e) && e.code === 'INVALID_INPUT',
      )
    }
    await store.close()
  })
})
