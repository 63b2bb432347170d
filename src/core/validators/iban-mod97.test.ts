import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ibanLengths, ibanMod97, isValidIban } from './iban-mod97.ts'

describe('isValidIban', () => {
  // Registry examples as used in Presidio's test_iban_recognizer.py (MIT) and the SWIFT IBAN registry.
  const valid = [
    'DE89370400440532013000',
    'GB29NWBK60161331926819',
    'FR1420041010050500013M02606',
    'AL47212110090000000235698741',
    'BE68539007547034',
    'BR9700360305000010009795493P1',
    'MT84MALT011000012345MTLCAST001S',
    'NO9386011117947',
    'NL91ABNA0417164300',
    'QA58DOHB00001234567890ABCDEFG',
    'VG96VPVG0000012345678901',
    'XK051212012345678906',
    'LC55HEMM000100010012001200023015',
  ]
  for (const iban of valid) {
    it(`accepts ${iban} when country, length and checksum agree`, () => {
      assert.equal(isValidIban(iban), true)
      assert.equal(ibanMod97(iban), 1)
    })
  }
  const invalid: ReadonlyArray<readonly [string, string]> = [
    ['DE89370400440532013001', 'the check digits do not match'],
    ['DE8937040044053201300', 'the length is one short for DE'],
    ['DE893704004405320130000', 'the length is one long for DE'],
    ['KR12345678901234567890', 'Korea issues no IBANs'],
    ['AB150120690000003111141', 'AB is no registry country'],
    ['de89370400440532013000', 'the country code is lower-case'],
    ['DEAB370400440532013000', 'the check digits are letters'],
    ['DE89 3704 0044 0532 0130 00', 'the IBAN is not compact'],
  ]
  for (const [iban, why] of invalid) {
    it(`rejects ${iban} when ${why}`, () => {
      assert.equal(isValidIban(iban), false)
    })
  }
})

describe('ibanMod97', () => {
  it('returns -1 when a character is outside 0-9 and A-Z', () => {
    assert.equal(ibanMod97('DE89-370400440532013000'), -1)
  })
  it('treats letters as two digits when computing the remainder', () => {
    // GB82 WEST 1234 5698 7654 32: the ECBS worked example, remainder 1.
    assert.equal(ibanMod97('GB82WEST12345698765432'), 1)
  })
})

describe('ibanLengths', () => {
  it('keeps every registry length between 15 (NO) and 33 (RU) when read whole', () => {
    for (const [country, length] of ibanLengths) {
      assert.match(country, /^[A-Z]{2}$/)
      assert.ok(length >= 15 && length <= 33, `${country} ${length}`)
    }
    assert.equal(ibanLengths.get('DE'), 22)
    assert.equal(ibanLengths.get('GB'), 22)
    assert.equal(ibanLengths.get('FR'), 27)
    assert.equal(ibanLengths.has('KR'), false)
  })
})
