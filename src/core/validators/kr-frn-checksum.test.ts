import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isKrFrnChecksumValid } from './kr-frn-checksum.ts'

describe('isKrFrnChecksumValid', () => {
  const cases: [string, string, boolean][] = [
    // npm stdnum / python-stdnum (MIT/LGPL test data): passes with the RRN (11-based) formula.
    ['stdnum 850126-6401473 (11-based)', '8501266401473', true],
    // Presidio KR_FRN recognizer tests (MIT): pass with the 13-based formula.
    ['Presidio 911124-5678906 (13-based)', '9111245678906', true],
    ['Presidio 050912-6000012 (13-based)', '0509126000012', true],
    ['Presidio 911124-5678901 (neither)', '9111245678901', false],
    ['too short', '91112456789', false],
  ]
  for (const [name, digits, expected] of cases) {
    it(`returns ${expected} when given ${name}`, () => {
      assert.equal(isKrFrnChecksumValid(digits), expected)
    })
  }
})
