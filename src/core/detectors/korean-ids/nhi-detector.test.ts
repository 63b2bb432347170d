import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import { nhiDetector } from './nhi-detector.ts'

const engine = createDetectionEngine([nhiDetector], 0)
const scan = (text: string) => engine.scan(text).map((f) => ({ ...f, value: text.slice(f.start, f.end) }))

describe('nhiDetector', () => {
  const found: [string, string, string, number, number][] = [
    ['reads the card label', '건강보험증 번호 12345678901', '12345678901', 0.75, 0.85],
    ['keeps particles outside', '건강보험 증번호는 51234567890입니다', '51234567890', 0.75, 0.85],
    ['reads a bare 증번호 label', '증번호: 12345678901', '12345678901', 0.65, 0.75],
    ['reads 건보 at a word start', '건보 12345678901', '12345678901', 0.65, 0.75],
    ['reads an English label', 'NHI card no. 12345678901', '12345678901', 0.75, 0.85],
    ['reads a label after the value', '12345678901 (건강보험증)', '12345678901', 0.75, 0.85],
    ['keeps a mobile-prefixed number below a phone', '건강보험증번호 01012345678', '01012345678', 0.5, 0.6],
    [
      'ignores a label that introduces the next value',
      'NHI card number: 52786750691 휴대폰: 02-497-6739',
      '52786750691',
      0.75,
      0.85,
    ],
  ]
  for (const [name, text, value, min, max] of found) {
    it(`${name} when given ${JSON.stringify(text)}`, () => {
      const [f, ...rest] = scan(text)
      assert.ok(f)
      assert.deepEqual(rest, [])
      assert.equal(f.value, value)
      assert.ok(f.score >= min && f.score <= max, `score ${f.score}`)
    })
  }

  const rejected: [string, string][] = [
    ['eleven digits without a label', '12345678901'],
    ['a phone number without a label', '010-1234-5678'],
    ['a phone number with a label', '건강보험 고객센터 031-1234-5678'],
    ['a verification code label', '인증번호 12345678901'],
    ['a guarantee number label', '보증번호 12345678901'],
    ['a private policy number', '보험증권번호 12345678901'],
    ['a phone label nearer than the health label', '건강보험 문의 전화 12345678901'],
    ['ten digits', '건강보험증 1234567890'],
    ['twelve digits', '건강보험증 123456789012'],
  ]
  for (const [name, text] of rejected) {
    it(`reports nothing when given ${name}`, () => {
      assert.deepEqual(scan(text), [])
    })
  }
})
