import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import { passportDetector } from './passport-detector.ts'

const engine = createDetectionEngine([passportDetector], 0)
const scan = (text: string) => engine.scan(text).map((f) => ({ ...f, value: text.slice(f.start, f.end) }))

describe('passportDetector', () => {
  const labelled: [string, string, string, string][] = [
    // Presidio KR_PASSPORT tests (MIT), with the context they carry.
    ['keeps particles outside', '여권번호는 M789C1234입니다', 'M789C1234', 'current'],
    ['reads an English label', 'Korean passport number: M123A4567', 'M123A4567', 'current'],
    ['reads a Korean label', '대한민국 여권번호: M456B7890', 'M456B7890', 'current'],
    ['finds the legacy format', '대한민국 여권 S87654321', 'S87654321', 'legacy'],
    ['accepts the official-passport letter G', '관용 여권 G12345678', 'G12345678', 'legacy'],
    ['accepts a left-glued label', '여권M123A4567', 'M123A4567', 'current'],
  ]
  for (const [name, text, value, subtype] of labelled) {
    it(`${name} when given ${JSON.stringify(text)}`, () => {
      const [f, ...rest] = scan(text)
      assert.ok(f)
      assert.deepEqual(rest, [])
      assert.equal(f.value, value)
      assert.equal(f.subtype, subtype)
      assert.ok(f.score >= 0.75 && f.score <= 0.9, `score ${f.score}`)
    })
  }

  it('keeps unlabelled numbers below the floor when given two passports', () => {
    const found = scan('M123A4567 and M456B7890')
    assert.deepEqual(
      found.map((f) => f.value),
      ['M123A4567', 'M456B7890'],
    )
    assert.ok(found.every((f) => f.score < 0.5))
  })

  it('accepts a lower-case type letter slightly lower when given a label', () => {
    const [f] = scan('passport m87654321')
    assert.ok(f && f.score >= 0.7 && f.score < 0.8)
  })

  it('validates an MRZ number by its ICAO check digit without a label', () => {
    const text = 'M123A45674KOR8501012M3001019<<<<<<<<<<<<<<02'
    const [f] = scan(text)
    assert.ok(f)
    assert.equal(f.value, 'M123A4567')
    assert.equal(f.validator, 'icao-check-digit')
    assert.ok(f.score >= 0.9)
  })

  it('rejects an MRZ number whose check digit is wrong', () => {
    assert.deepEqual(scan('M123A45675KOR8501012M3001019'), [])
  })

  const rejected: [string, string][] = [
    ['Presidio: wrong first letter', '여권 A123B4567'],
    ['Presidio: too few digits before the letter', '여권 M12A4567'],
    ['Presidio: too many digits before the letter', '여권 M1234A567'],
    ['Presidio: two letters', '여권 M123AB567'],
    ['Presidio: too few final digits', '여권 M123A456'],
    ['Presidio: too many final digits', '여권 M123A45678'],
    ['Presidio: seven digits', '여권 M1234567'],
    ['Presidio: nine digits', '여권 M123456789'],
    ['Presidio: no letter', '여권 123A4567'],
    ['Presidio: a doubled letter', '여권 MM123A4567'],
    ['Presidio: a space inside', '여권 M123 A4567'],
    ['Presidio: a hyphen inside', '여권 M123-A4567'],
    ['a product code inside a word', '여권 XM12345678'],
  ]
  for (const [name, text] of rejected) {
    it(`reports nothing when given ${name}`, () => {
      assert.deepEqual(scan(text), [])
    })
  }
})
