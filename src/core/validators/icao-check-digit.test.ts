import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { icaoCheckDigit } from './icao-check-digit.ts'

describe('icaoCheckDigit', () => {
  const cases: [string, string, number][] = [
    // ICAO Doc 9303 specimen passport (Utopia): document number and dates.
    ['the specimen document number', 'L898902C3', 6],
    ['the specimen birth date', '740812', 2],
    ['the specimen expiry date', '120415', 9],
    ['filler characters', '<<<<<<', 0],
    ['a lower-case letter', 'l898902c3', -1],
  ]
  for (const [name, field, expected] of cases) {
    it(`returns ${expected} when given ${name}`, () => {
      assert.equal(icaoCheckDigit(field), expected)
    })
  }
})
