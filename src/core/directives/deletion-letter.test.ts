import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { deletionLetter } from './deletion-letter.ts'

describe('deletionLetter', () => {
  const input = {
    requestId: 'del-1',
    orderRef: 'PIPC 2025-04 DeepSeek',
    basis: 'PIPA Art. 28-9',
    recipient: 'Volcano Engine',
    range: { from: '2025-01-15T00:00:00.000Z', to: '2025-02-16T00:00:00.000Z' },
    records: [
      { seq: 17, time: '2025-01-20T03:00:00.000Z', requestId: 'req-a', categories: ['personal_identifier'] },
      { seq: 42, time: '2025-02-01T05:00:00.000Z', requestId: 'req-b', categories: [] },
    ],
    organisation: 'ACME Corp.',
    issuedAt: '2025-04-24T09:00:00.000Z',
    issuedBy: 'CPO kim',
  }

  it('names the order, recipient, range and every record in both languages', () => {
    const letter = deletionLetter(input)
    for (const text of [letter.en, letter.ko]) {
      for (const needle of [
        'del-1',
        'PIPC 2025-04 DeepSeek',
        'Volcano Engine',
        input.range.from,
        input.range.to,
      ]) {
        assert.ok(text.includes(needle), `${needle} missing`)
      }
      assert.match(text, /\b17 {2}2025-01-20T03:00:00.000Z {2}req-a {2}personal_identifier/)
      assert.match(text, /\b42 {2}2025-02-01T05:00:00.000Z {2}req-b {2}-/)
    }
    assert.match(letter.en, /delete all data you received .*\n2 transfer\(s\)/s)
    assert.match(letter.ko, /파기 요청/)
  })

  it('says so when nothing was sent in the range', () => {
    const letter = deletionLetter({ ...input, records: [] })
    assert.match(letter.en, /No transfers to this recipient/)
    assert.match(letter.ko, /기록이 없습니다/)
  })
})
