import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseForeignPhone } from './parse-foreign-phone.ts'

describe('parseForeignPhone', () => {
  // Example numbers from libphonenumber-js examples.mobile.json.
  const valid: [string, string | undefined, string | undefined][] = [
    ['+44 7400 123456', undefined, 'mobile'],
    ['+81 90-1234-5678', undefined, 'mobile'],
    ['+44 (0)20 7946 0958', undefined, 'landline'],
    ['(201) 555-0123', 'US', undefined],
    ['020 7946 0958', 'GB', 'landline'],
  ]
  for (const [text, country, kind] of valid) {
    it(`vouches for ${text} when it is in a real range`, () => {
      assert.deepEqual(parseForeignPhone(text, country as 'US' | 'GB' | undefined), { valid: true, kind })
    })
  }
  it('reports a possible but unassigned number as not valid', () => {
    assert.deepEqual(parseForeignPhone('555-123-4567', 'US'), { valid: false, kind: undefined })
  })
  it('returns undefined when the length is impossible', () => {
    assert.equal(parseForeignPhone('+1234'), undefined)
    assert.equal(parseForeignPhone('+50'), undefined)
  })
})
