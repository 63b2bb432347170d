import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isKrRrnChecksumValid, krRrnCheckDigit } from './kr-rrn-checksum.ts'

describe('isKrRrnChecksumValid', () => {
  const cases: [string, string, boolean][] = [
    // Presidio KR_RRN recognizer tests (MIT): checksum-valid vectors.
    ['Presidio 960121-1021413', '9601211021413', true],
    ['Presidio 050912-2000019', '0509122000019', true],
    // npm stdnum kr/rrn spec (MIT): a G=9 (1800s) number.
    ['stdnum 971013-9019902', '9710139019902', true],
    ['a wrong check digit', '9601211021414', false],
    ['a sequential tail', '9601211234567', false],
    ['12 digits', '960121102141', false],
    ['a non-digit', '960121-021413', false],
  ]
  for (const [name, digits, expected] of cases) {
    it(`returns ${expected} when given ${name}`, () => {
      assert.equal(isKrRrnChecksumValid(digits), expected)
    })
  }
  it('computes (11 − Σ mod 11) mod 10 when given 12 weighted digits', () => {
    assert.equal(krRrnCheckDigit('9601211021413'), 3)
    assert.equal(krRrnCheckDigit('123'), -1)
  })
})
