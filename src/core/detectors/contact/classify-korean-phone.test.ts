import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { classifyKoreanPhone } from './classify-korean-phone.ts'

describe('classifyKoreanPhone', () => {
  const cases: [string, string, number, boolean][] = [
    ['01012345678', 'mobile', 3, false],
    ['0101234567', 'mobile', 3, true],
    ['0111234567', 'mobile', 3, true],
    ['01912345678', 'mobile', 3, true],
    ['021234567', 'landline', 2, false],
    ['0212345678', 'landline', 2, false],
    ['0201234567', 'landline', 2, true],
    ['0310123456', 'landline', 3, true],
    ['0311234567', 'landline', 3, false],
    ['05512345678', 'landline', 3, false],
    ['07012345678', 'voip', 3, false],
    ['05051234567', 'personal', 4, false],
    ['050812345678', 'personal', 4, false],
    ['05012345678', 'personal', 3, true],
    ['01523456789', 'mobile', 3, true],
    ['0801234567', 'business', 3, false],
    ['0602123456', 'business', 3, false],
    ['15881234', 'business', 4, false],
    ['18001234', 'business', 4, false],
  ]
  for (const [digits, kind, prefixLength, legacy] of cases) {
    it(`classifies ${digits} as ${kind}`, () => {
      assert.deepEqual(classifyKoreanPhone(digits), { kind, prefixLength, legacy })
    })
  }
  const rejected = [
    '0341234567',
    '0121234567',
    '0501234567',
    '0151234',
    '0701234567',
    '15001234',
    '1588123',
    '010123456789',
    '8201012345678',
    '',
  ]
  for (const digits of rejected) {
    it(`returns undefined when given ${JSON.stringify(digits)}`, () => {
      assert.equal(classifyKoreanPhone(digits), undefined)
    })
  }
})
