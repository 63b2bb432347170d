import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from './create-engine.ts'
import type { Detector } from './detector.ts'

const digits: Detector = {
  id: 'test-digits',
  types: ['KR_RRN'],
  detect: (input) =>
    [...input.text.matchAll(/\d{3}/g)].map((m) => ({
      type: 'KR_RRN',
      start: m.index,
      end: m.index + 3,
      score: 0.9,
    })),
}

describe('createDetectionEngine', () => {
  it('maps offsets from normalised text back to the original', () => {
    const text = 'a\u200b１２３로'
    const [f] = createDetectionEngine([digits]).scan(text)
    assert.ok(f)
    assert.equal(text.slice(f.start, f.end), '１２３')
  })
  it('drops findings below the score floor', () => {
    assert.equal(createDetectionEngine([digits]).scan('123', { minScore: 0.95 }).length, 0)
  })
  it('returns nothing for empty text', () => {
    assert.deepEqual(createDetectionEngine([digits]).scan(''), [])
  })
})
