import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fileExtensions, isKnownTld } from './known-tlds.ts'

describe('isKnownTld', () => {
  const cases: [string, boolean][] = [
    ['com', true],
    ['COM', true],
    ['kr', true],
    ['io', true],
    ['zz', true],
    ['xn--3e0b707e', true],
    ['한국', true],
    ['corp', false],
    ['png', false],
    ['k', false],
  ]
  for (const [tld, known] of cases) {
    it(`returns ${known} when given ${tld}`, () => {
      assert.equal(isKnownTld(tld), known)
    })
  }
})

describe('fileExtensions', () => {
  it('holds image and script extensions that follow "@2x." or "@1.0."', () => {
    for (const ext of ['png', 'jpg', 'svg', 'js', 'ts', 'json']) assert.ok(fileExtensions.has(ext), ext)
  })
  it('leaves common TLDs out', () => {
    for (const tld of ['com', 'kr', 'io', 'ai', 'co']) assert.ok(!fileExtensions.has(tld), tld)
  })
})
