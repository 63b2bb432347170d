import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isGtinChecksumValid } from './gtin-checksum.ts'

describe('isGtinChecksumValid', () => {
  const cases: [string, string, boolean][] = [
    ['an EAN-13 (GS1 example)', '4006381333931', true],
    ['an ISBN-13', '9780306406157', true],
    ['a Korean (880) EAN-13', '8801043014809', true],
    ['a UPC-A', '036000291452', true],
    ['a wrong check digit', '4006381333932', false],
    ['seven digits', '1234565', false],
    ['a letter', '400638133393A', false],
  ]
  for (const [name, digits, expected] of cases) {
    it(`returns ${expected} when given ${name}`, () => {
      assert.equal(isGtinChecksumValid(digits), expected)
    })
  }
})
