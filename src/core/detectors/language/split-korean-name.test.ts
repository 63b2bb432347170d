import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isGivenName, splitKoreanName } from './split-korean-name.ts'

describe('splitKoreanName', () => {
  const cases: readonly (readonly [string, boolean, number])[] = [
    ['홍길동', false, 3],
    ['남궁민수', false, 4],
    ['홍길동입니다', true, 3],
    ['홍길동입니다', false, 0],
    ['김철수가', true, 3],
    ['이상의', true, 0],
    ['정보', false, 0],
    ['이용자', false, 0],
    ['김영자', false, 3],
    ['한국인', false, 0],
    ['마케팅', false, 0],
  ]
  for (const [word, allowTail, expected] of cases) {
    it(`returns ${expected} for ${word} when tails are ${allowTail ? 'allowed' : 'not allowed'}`, () => {
      assert.equal(splitKoreanName(word, allowTail), expected)
    })
  }
})

describe('isGivenName', () => {
  it('accepts 자 only after the syllables of old female names', () => {
    assert.deepEqual(['영자', '용자', '원자', '자'].map(isGivenName), [true, false, false, false])
  })
})
