import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  canonicalHash,
  canonicalText,
  digitJoin,
  HARD_JOIN,
  NO_JOIN,
  particleEnds,
  SOFT_JOIN,
  tokenize,
} from './exact-data-text.ts'

describe('tokenize', () => {
  it('splits on everything but letters, digits and marks when text mixes scripts', () => {
    const text = 'Customer: 홍길동님, 010-1234 café'
    assert.deepEqual(
      tokenize(text).map(([s, e]) => text.slice(s, e)),
      ['Customer', '홍길동님', '010', '1234', 'café'],
    )
  })
})

describe('canonicalText', () => {
  it('lower-cases only ASCII and collapses space runs when given a span', () => {
    assert.equal(canonicalText('x ACME \t\n Corp É', 2, 16), 'acme corp É')
  })
  it('agrees with canonicalHash on the length when spans contain spaces', () => {
    const text = 'Acme   Corp'
    assert.equal(canonicalHash(text, 0, text.length).length, canonicalText(text, 0, text.length).length)
  })
})

describe('digitJoin', () => {
  const cases: [string, number][] = [
    [' ', SOFT_JOIN],
    ['  ', SOFT_JOIN],
    ['-', HARD_JOIN],
    [' - ', HARD_JOIN],
    ['.', HARD_JOIN],
    ['/', HARD_JOIN],
    ['', NO_JOIN],
    ['\n', NO_JOIN],
    [', ', NO_JOIN],
    ['--', NO_JOIN],
  ]
  for (const [gap, expected] of cases) {
    it(`gives ${expected} when the gap is ${JSON.stringify(gap)}`, () => {
      assert.equal(digitJoin(`1${gap}2`, 1, 1 + gap.length), expected)
    })
  }
})

describe('particleEnds', () => {
  const cases: [string, string[]][] = [
    ['홍길동님', ['홍길동']],
    ['홍길동님은', ['홍길동님', '홍길동']],
    ['회사에서', ['회사']],
    ['과장님께서', ['과장님', '과장']],
    ['가', []],
    ['홍길동', []],
  ]
  for (const [word, expected] of cases) {
    it(`strips to ${JSON.stringify(expected)} when the token is ${word}`, () => {
      assert.deepEqual(
        particleEnds(word, 0, word.length)
          .map((end) => word.slice(0, end))
          .sort(),
        [...expected].sort(),
      )
    })
  }
})
