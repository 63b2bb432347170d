import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { labelled, numbered, otherNumber } from './phone-labels.ts'

// Each case marks the value with [X]; the functions see the span of that marker.
const at = (text: string): [string, number, number] => {
  const start = text.indexOf('[X]')
  return [text, start, start + 3]
}

describe('labelled', () => {
  const cases: [string, boolean][] = [
    ['휴대폰: [X]', true],
    ['Call me on [X]', true],
    ['[X] (mobile)', true],
    ['주민번호 [X]\n휴대폰 없음', false],
    ['이름 [X]', false],
  ]
  for (const [text, expected] of cases) {
    it(`returns ${expected} when given ${JSON.stringify(text)}`, () => {
      assert.equal(labelled(...at(text)), expected)
    })
  }
})

describe('numbered', () => {
  it('finds a generic number word when it precedes the value', () => {
    assert.equal(numbered(...at('제 번호는 [X]')), true)
    assert.equal(numbered(...at('제 이름은 [X]')), false)
  })
})

describe('otherNumber', () => {
  const cases: [string, boolean][] = [
    ['주문번호: [X]', true],
    ['order no. [X]', true],
    ['입금 계좌는 국민은행입니다.\n\n[X]', false],
    ['계좌 이야기는 이미 충분히 했으니 이제 다른 이야기를 해 봅시다 [X]', false],
    ['[X] 주문', false],
  ]
  for (const [text, expected] of cases) {
    it(`returns ${expected} when given ${JSON.stringify(text)}`, () => {
      assert.equal(otherNumber(...at(text)), expected)
    })
  }
})
