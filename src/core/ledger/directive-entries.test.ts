import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { hashRecord } from './chain-hash.ts'
import { decodeEntry, encodeEntry } from './entry-codec.ts'
import { type DirectiveEntry, type ErasureEntry, entryProblem } from './ledger-record.ts'
import { sampleDecisionEntry } from './sample-entry.ts'

const issued: DirectiveEntry = {
  kind: 'directive',
  time: '2025-04-10T00:00:05.000Z',
  action: 'issue',
  directiveId: 'dir-1',
  directiveKind: 'suspend-transfers',
  recipient: 'Volcano Engine',
  country: 'CN',
  from: '2025-04-10T00:00:00.000Z',
  orderRef: 'PIPC 2025-04 DeepSeek',
  basis: 'PIPA Art. 28-9',
  by: 'CPO kim',
}

const erasure: ErasureEntry = {
  kind: 'erasure',
  time: '2025-04-24T09:00:00.000Z',
  directiveId: 'dir-2',
  recipient: 'Volcano Engine',
  rangeFrom: '2025-01-15T00:00:00.000Z',
  rangeTo: '2025-02-16T00:00:00.000Z',
  contents: 12,
  keysDestroyed: 3,
  keysReplaced: 1,
  records: 12,
  by: 'CPO kim',
}

describe('directive and erasure ledger entries', () => {
  it('accepts well-formed entries and round-trips them through the codec', () => {
    for (const entry of [issued, erasure, { ...issued, action: 'revoke' as const }]) {
      assert.equal(entryProblem(entry), undefined)
      const text = encodeEntry(entry)
      assert.ok(text.ok)
      assert.deepEqual(decodeEntry(text.value), { ok: true, value: entry })
    }
    // Distinct content, distinct chain hash: the new kinds are covered by the chain like decisions.
    assert.notEqual(hashRecord('0'.repeat(64), 1, issued), hashRecord('0'.repeat(64), 1, erasure))
  })

  it('accepts a decision that names the directive that refused it', () => {
    assert.equal(entryProblem({ ...sampleDecisionEntry(1), directive: 'dir-1' }), undefined)
    assert.match(
      entryProblem({ ...sampleDecisionEntry(1), directive: '' }) ?? '',
      /directive must not be empty/,
    )
  })

  it('names what is wrong', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...issued, action: 'pause' }, /action must be one of issue, revoke/],
      [{ ...issued, directiveKind: 'freeze' }, /directiveKind must be one of/],
      [{ ...issued, by: undefined }, /by is required/],
      [{ ...issued, country: 'China' }, /country must be an ISO 3166/],
      [{ ...issued, requestId: 'x' }, /directive entry has an unknown field 'requestId'/],
      [{ ...erasure, contents: -1 }, /contents must be a non-negative integer/],
      [{ ...erasure, keysDestroyed: 1.5 }, /keysDestroyed must be a non-negative integer/],
      [{ ...erasure, rangeTo: 'tomorrow' }, /rangeTo must be an ISO 8601 time/],
      [{ ...erasure, content: 'the prompt' }, /erasure entry has an unknown field 'content'/],
      [{ ...erasure, kind: 'erase' }, /kind must be one of decision, .*directive.*erasure/],
    ]
    for (const [value, pattern] of cases) assert.match(entryProblem(value) ?? 'accepted', pattern)
  })
})
