import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isKrBrnChecksumValid } from './kr-brn-checksum.ts'

describe('isKrBrnChecksumValid', () => {
  const cases: [string, string, boolean][] = [
    // Test vectors from pii-detection.md §3.5, npm stdnum kr/brn spec and Presidio KR_BRN tests (MIT).
    ['104-86-56659', '1048656659', true],
    ['116-82-00276', '1168200276', true],
    ['104-82-13138', '1048213138', true],
    ['116-82-00278 (bad check digit)', '1168200278', false],
    ['104-86-56658 (bad check digit)', '1048656658', false],
    ['123-45-67890', '1234567890', false],
    ['nine digits', '104865665', false],
    ['a letter', '104865665A', false],
  ]
  for (const [name, digits, expected] of cases) {
    it(`returns ${expected} when given ${name}`, () => {
      assert.equal(isKrBrnChecksumValid(digits), expected)
    })
  }
})
