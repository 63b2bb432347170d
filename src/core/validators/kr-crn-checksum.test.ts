import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isKrCrnChecksumValid } from './kr-crn-checksum.ts'

describe('isKrCrnChecksumValid', () => {
  const cases: [string, string, boolean][] = [
    // A listed company's published number (pii-detection.md §3.6): plain products validate it.
    ['130111-0006246', '1301110006246', true],
    // Presidio KR_CRN recognizer tests (MIT).
    ['Presidio 110111-1234569', '1101111234569', true],
    ['Presidio 134322-0000114', '1343220000114', true],
    ['Presidio 110181-0001235', '1101810001235', true],
    ['Presidio 110111-1234560 (wrong check digit)', '1101111234560', false],
    ['an RRN', '9601211021413', false],
    ['12 digits', '130111000624', false],
  ]
  for (const [name, digits, expected] of cases) {
    it(`returns ${expected} when given ${name}`, () => {
      assert.equal(isKrCrnChecksumValid(digits), expected)
    })
  }
})
