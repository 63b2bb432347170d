import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decodeEntry, encodeEntry } from './entry-codec.ts'
import { entryProblem } from './ledger-record.ts'
import { sampleDecisionEntry } from './sample-entry.ts'

describe('entryProblem', () => {
  it('accepts every sample decision entry', () => {
    for (let n = 0; n < 60; n++) assert.equal(entryProblem(sampleDecisionEntry(n)), undefined, `sample ${n}`)
  })

  it('accepts a decision without the optional fields', () => {
    const {
      zone: _z,
      service: _s,
      upstream: _u,
      model: _m,
      reason: _r,
      contentHash: _c,
      ...bare
    } = sampleDecisionEntry(4)
    assert.equal(entryProblem(bare), undefined)
    assert.equal(entryProblem({ ...bare, model: undefined }), undefined)
  })

  it('names what is wrong with a malformed entry', () => {
    const base = sampleDecisionEntry(1)
    const cases: [unknown, RegExp][] = [
      [null, /must be an object/],
      [[], /must be an object/],
      [{ ...base, kind: 'gossip' }, /^kind must be one of decision\b/],
      [{ ...base, prompt: 'the content' }, /unknown field 'prompt'/],
      [{ ...base, tenant: undefined }, /^tenant is required$/],
      [{ ...base, tenant: '' }, /^tenant must not be empty$/],
      [{ ...base, subject: 'x'.repeat(1025) }, /^subject must be at most 1024/],
      [{ ...base, time: '2026-11-24 06:00:00' }, /^time must be an ISO 8601/],
      [{ ...base, time: '2026-11-24T06:00:00' }, /^time must be an ISO 8601/],
      [{ ...base, time: '2026-13-24T06:00:00Z' }, /^time must be an ISO 8601/],
      [{ ...base, time: '2026-11-24T25:00:00+09:00' }, /^time must be an ISO 8601/],
      [{ ...base, direction: 'sideways' }, /^direction must be one of request, response$/],
      [{ ...base, recipients: [{ name: 'X', country: 'us' }] }, /^recipients \[0\] \.country/],
      [{ ...base, recipients: [{ name: 'X', country: 'US', email: 'a@b' }] }, /unknown field 'email'/],
      [{ ...base, recipients: 'OpenAI' }, /^recipients must be an array$/],
      [{ ...base, countries: ['USA'] }, /^countries \[0\] must be an ISO 3166/],
      [{ ...base, categories: Array.from({ length: 257 }, () => 'x') }, /at most 256 items/],
      [{ ...base, typeCounts: { KR_RRN: -1 } }, /^typeCounts \.KR_RRN must be a non-negative integer$/],
      [{ ...base, typeCounts: { KR_RRN: 1.5 } }, /non-negative integer/],
      [{ ...base, typeCounts: { KR_RRN: '1' } }, /non-negative integer/],
      [{ ...base, typeCounts: [1] }, /^typeCounts must be an object of counts$/],
      [{ ...base, contentHash: 'ABCDEF0123456789' }, /^contentHash must be lowercase hex/],
      [{ ...base, action: 7 }, /^action must be a string$/],
      [{ ...base, time: new Date() }, /^time must be an ISO 8601/],
    ]
    for (const [value, pattern] of cases) {
      assert.match(entryProblem(value) ?? 'accepted', pattern)
    }
  })
})

describe('encodeEntry / decodeEntry', () => {
  it('encodes to canonical text and decodes back to the same entry', () => {
    const entry = sampleDecisionEntry(9)
    const encoded = encodeEntry(entry)
    assert.ok(encoded.ok)
    const reversed = encodeEntry(Object.fromEntries(Object.entries(entry).reverse()))
    assert.deepEqual(reversed, encoded)
    assert.ok(encoded.value.startsWith('{"action":'))
    assert.deepEqual(decodeEntry(encoded.value), { ok: true, value: entry })
  })

  it('refuses to encode a malformed entry and to decode damaged text', () => {
    assert.deepEqual(encodeEntry({ ...sampleDecisionEntry(0), extra: 1 }), {
      ok: false,
      error: "decision entry has an unknown field 'extra'",
    })
    assert.deepEqual(decodeEntry('{"kind":"decision"'), { ok: false, error: 'entry is not valid JSON' })
    assert.deepEqual(decodeEntry('{"kind":"decision"}'), { ok: false, error: 'time is required' })
  })
})
