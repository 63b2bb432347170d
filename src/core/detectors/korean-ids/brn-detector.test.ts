import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import { brnDetector } from './brn-detector.ts'

const engine = createDetectionEngine([brnDetector], 0)
const scan = (text: string) => engine.scan(text).map((f) => ({ ...f, value: text.slice(f.start, f.end) }))

describe('brnDetector', () => {
  const found: [string, string, string, number, number, string][] = [
    // Test vectors: pii-detection.md §3.5, stdnum kr/brn spec and Presidio KR_BRN tests (MIT).
    ['scores a hyphenated corporate BRN high', '104-86-56659', '104-86-56659', 0.85, 0.9, 'corporate'],
    ['finds a non-profit (corporate) BRN', '116-82-00276', '116-82-00276', 0.85, 0.9, 'corporate'],
    ['raises a labelled BRN', '사업자등록번호 116-82-00276입니다', '116-82-00276', 0.95, 1, 'corporate'],
    ['finds a bare BRN with an English label', 'My BRN is 1048656659', '1048656659', 0.85, 1, 'corporate'],
    ['accepts a left-glued label', '사업자번호:104-82-13138로', '104-82-13138', 0.95, 1, 'corporate'],
    ['flags a sole proprietor', '사업자 등록 220-12-34562', '220-12-34562', 0.95, 1, 'individual'],
    ['accepts spaced groups with a label', '사업자번호 104 86 56659', '104 86 56659', 0.85, 1, 'corporate'],
  ]
  for (const [name, text, value, min, max, subtype] of found) {
    it(`${name} when given ${JSON.stringify(text)}`, () => {
      const [f, ...rest] = scan(text)
      assert.ok(f)
      assert.deepEqual(rest, [])
      assert.equal(f.value, value)
      assert.equal(f.subtype, subtype)
      assert.equal(f.validator, 'brn-checksum')
      assert.ok(f.score >= min && f.score <= max, `score ${f.score}`)
    })
  }

  it('keeps a bare BRN without a label below the floor when given 1048656659', () => {
    const [f] = scan('1048656659')
    assert.ok(f && f.score < 0.5)
  })

  it('maps full-width digits back to the original when given １０４－８６－５６６５９', () => {
    const text = '사업자 １０４－８６－５６６５９'
    const [f] = engine.scan(text)
    assert.ok(f)
    assert.equal(text.slice(f.start, f.end), '１０４－８６－５６６５９')
  })

  const rejected: [string, string][] = [
    ['a bad check digit (stdnum)', '116-82-00278'],
    ['a bad check digit (Presidio)', '104-86-56658'],
    ['Presidio: too short', '110-81-4127'],
    ['Presidio: too long', '110-81-412722'],
    ['Presidio: a letter', '110-81-4127A'],
    ['Presidio: random digits', '123-45-67890'],
    ['mixed separators', '104-86 56659'],
    ['a tax office below 101', '100-86-56657'],
    ['a phone number', '010-1234-5678'],
    ['an ISBN fragment', '978-89-12345-67-8'],
  ]
  for (const [name, text] of rejected) {
    it(`reports nothing when given ${name}`, () => {
      assert.deepEqual(scan(text), [])
    })
  }
})
