import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createContextMatcher } from './context-matcher.ts'

describe('createContextMatcher', () => {
  const near = createContextMatcher(['phone', 'h.p', '연락처'])
  const cases: [string, string, boolean][] = [
    ['finds a word before the span', 'Phone: [X]', true],
    ['finds an inflected Korean word', '연락처는 [X]', true],
    ['finds a word after the span', '[X] (phone)', true],
    ['treats regex characters literally', 'hxp [X]', false],
    ['matches dotted words literally', 'H.P [X]', true],
    ['ignores words outside the window', `phone${'.'.repeat(60)}[X]`, false],
  ]
  for (const [what, text, expected] of cases) {
    it(`${what} when given ${JSON.stringify(text.slice(0, 20))}`, () => {
      const start = text.indexOf('[X]')
      assert.equal(near(text, start, start + 3), expected)
    })
  }
  it('looks only before the span when after is 0', () => {
    assert.equal(near('[X] phone', 0, 3, 48, 0), false)
  })
})
