import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makeFinding } from './make-finding.ts'

describe('makeFinding', () => {
  it('omits optional fields when they are undefined', () => {
    assert.deepEqual(makeFinding('URL', 1, 5, 0.9), { type: 'URL', start: 1, end: 5, score: 0.9 })
    assert.deepEqual(Object.keys(makeFinding('URL', 1, 5, 0.9, undefined, 'url-syntax')), [
      'type',
      'start',
      'end',
      'score',
      'validator',
    ])
  })
  it('keeps subtype and validator when both are given', () => {
    assert.deepEqual(makeFinding('IP_ADDRESS', 0, 8, 0.85, 'private', 'ipv4'), {
      type: 'IP_ADDRESS',
      start: 0,
      end: 8,
      score: 0.85,
      subtype: 'private',
      validator: 'ipv4',
    })
  })
  const scores: [number, number][] = [
    [0.85 + 0.1, 0.95],
    [1.15, 1],
    [-0.2, 0],
    [0.7000000001, 0.7],
  ]
  for (const [raw, expected] of scores) {
    it(`clamps and rounds the score when given ${raw}`, () => {
      assert.equal(makeFinding('URL', 0, 1, raw).score, expected)
    })
  }
})
