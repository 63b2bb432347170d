import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import { registrationNumberDetector } from './registration-number-detector.ts'

const engine = createDetectionEngine([registrationNumberDetector], 0)

interface Expected {
  readonly type: string
  readonly value: string
  readonly min: number
  readonly max: number
  readonly validator?: string
  readonly subtype?: string
}

function only(text: string) {
  const findings = engine.scan(text)
  assert.equal(findings.length, 1, `one finding in ${JSON.stringify(text)}: ${JSON.stringify(findings)}`)
  const [f] = findings
  assert.ok(f)
  return { ...f, value: text.slice(f.start, f.end) }
}

function check(text: string, expected: Expected): void {
  const f = only(text)
  assert.equal(f.type, expected.type)
  assert.equal(f.value, expected.value)
  assert.ok(
    f.score >= expected.min && f.score <= expected.max,
    `score ${f.score} in [${expected.min}, ${expected.max}]`,
  )
  if (expected.validator !== undefined) assert.equal(f.validator, expected.validator)
  if (expected.subtype !== undefined) assert.equal(f.subtype, expected.subtype)
}

const rrn = (value: string, min: number, max: number, validator?: string): Expected =>
  validator ? { type: 'KR_RRN', value, min, max, validator } : { type: 'KR_RRN', value, min, max }

describe('registrationNumberDetector', () => {
  describe('resident registration numbers', () => {
    const cases: [string, string, Expected][] = [
      // Presidio KR_RRN recognizer tests (MIT): checksum-valid numbers.
      ['scores a checksum-valid RRN high', '960121-1021413', rrn('960121-1021413', 0.9, 1, 'rrn-checksum')],
      ['finds a bare checksum-valid RRN', '9601211021413', rrn('9601211021413', 0.7, 0.85, 'rrn-checksum')],
      ['finds a 2000s RRN', '050912-3000011', rrn('050912-3000011', 0.9, 1, 'rrn-checksum')],
      ['finds an RRN in an English sentence', 'His RRN is 9601211021413', rrn('9601211021413', 0.95, 1)],
      // Post-October-2020 numbers have random tails: a valid date alone is enough when hyphenated.
      ['keeps a hyphenated RRN without checksum', '960121-1234567', rrn('960121-1234567', 0.6, 0.7, 'date')],
      [
        'raises an English-labelled RRN',
        'His Korean RRN is 960121-1234567',
        rrn('960121-1234567', 0.85, 0.95),
      ],
      ['raises a Korean-labelled RRN', '주민등록번호: 960121-1234567', rrn('960121-1234567', 0.85, 0.95)],
      ['keeps a particle outside', '주민번호는 900101-1234568입니다', rrn('900101-1234568', 0.95, 1)],
      ['accepts a left-glued label', '주민번호900101-1234567', rrn('900101-1234567', 0.85, 0.95)],
      ['accepts a spaced label', '주민 등록 번호 900101 1234567', rrn('900101 1234567', 0.8, 0.95)],
      ['accepts a birth-date label', '생년월일 900101-2234567', rrn('900101-2234567', 0.85, 0.95)],
      ['accepts spaces around the hyphen', '900101 - 1234568', rrn('900101 - 1234568', 0.9, 1)],
      ['reads a label after the value', '900101-1234567(주민번호)', rrn('900101-1234567', 0.85, 0.95)],
      ['raises a bare RRN with a label', '주민번호 9601211234567', rrn('9601211234567', 0.7, 0.8)],
    ]
    for (const [name, text, expected] of cases) {
      it(`${name} when given ${JSON.stringify(text)}`, () => check(text, expected))
    }
    it('rejects an impossible birth date even under a label when given 주민번호 901301-1234567', () => {
      assert.deepEqual(engine.scan('주민번호 901301-1234567'), [])
      assert.deepEqual(engine.scan('주민번호 900101-1******'.replace('0101', '0230')), [])
    })
    it('keeps a bare RRN without checksum or label below the floor when given 9601211234567', () => {
      assert.ok(only('9601211234567').score < 0.5)
    })
    it('keeps an 1800s RRN without checksum below the floor when given 960303-0021413', () => {
      assert.ok(only('960303-0021413').score < 0.5)
    })
    it('keeps a 2030s birth date below the floor when given 350101-3123451', () => {
      assert.ok(only('350101-3123456').score < 0.5)
      assert.ok(only('350101-3123451').score < 0.85)
    })
  })

  describe('masked numbers', () => {
    const cases: [string, string, Expected][] = [
      [
        'finds a masked RRN',
        '900101-1******',
        { type: 'KR_RRN', value: '900101-1******', min: 0.55, max: 0.65, subtype: 'masked' },
      ],
      [
        'raises a labelled masked RRN',
        '주민번호 900101-2xxxxxx입니다',
        { type: 'KR_RRN', value: '900101-2xxxxxx', min: 0.8, max: 0.9, subtype: 'masked' },
      ],
      [
        'accepts a partly masked tail',
        '900101-123****',
        { type: 'KR_RRN', value: '900101-123****', min: 0.55, max: 0.65, subtype: 'masked' },
      ],
      [
        'types a masked foreigner number',
        '900101-5●●●●●●',
        { type: 'KR_FRN', value: '900101-5●●●●●●', min: 0.55, max: 0.65, subtype: 'masked' },
      ],
    ]
    for (const [name, text, expected] of cases) {
      it(`${name} when given ${JSON.stringify(text)}`, () => check(text, expected))
    }
    it('rejects a mask with digits after it when given 900101-1**34**', () => {
      assert.deepEqual(engine.scan('900101-1**34**'), [])
    })
  })

  describe('foreigner registration numbers', () => {
    const frn = (value: string, min: number, max: number, validator?: string): Expected =>
      validator ? { type: 'KR_FRN', value, min, max, validator } : { type: 'KR_FRN', value, min, max }
    const cases: [string, string, Expected][] = [
      // Presidio KR_FRN tests (MIT): 13-based check digit.
      ['accepts the 13-based checksum', '911124-5678906', frn('911124-5678906', 0.85, 1, 'frn-checksum')],
      ['accepts a bare 13-based number', '0509126000012', frn('0509126000012', 0.6, 0.8, 'frn-checksum')],
      // stdnum kr/rrn spec (MIT): 11-based check digit.
      ['accepts the 11-based checksum', '850126-6401473', frn('850126-6401473', 0.85, 1, 'frn-checksum')],
      ['keeps a hyphenated FRN without checksum', '000505-7637892', frn('000505-7637892', 0.6, 0.7, 'date')],
      ['raises a labelled FRN', '외국인등록번호: 000505-7637892', frn('000505-7637892', 0.85, 0.95)],
      [
        'types G 5–8 as FRN under an RRN label',
        '주민등록번호 900101-5123450',
        frn('900101-5123450', 0.95, 1),
      ],
      ['follows an FRN label over G', '외국인등록번호 900101-1234567', frn('900101-1234567', 0.85, 0.95)],
    ]
    for (const [name, text, expected] of cases) {
      it(`${name} when given ${JSON.stringify(text)}`, () => check(text, expected))
    }
  })

  describe('corporate registration numbers', () => {
    const crn = (value: string, min: number, max: number): Expected => ({ type: 'KR_CRN', value, min, max })
    const cases: [string, string, Expected][] = [
      // Presidio KR_CRN tests (MIT) and a listed company's published number.
      ['follows a CRN label', '법인등록번호 110111-1234569', crn('110111-1234569', 0.9, 1)],
      ['accepts a short CRN label', '법인번호: 134322-0000114', crn('134322-0000114', 0.9, 1)],
      [
        'keeps a labelled CRN without checksum',
        '법인등록번호 110111-1234560',
        crn('110111-1234560', 0.7, 0.8),
      ],
      ['claims G=0 with a CRN checksum', '130111-0006246', crn('130111-0006246', 0.7, 0.8)],
      ['claims an impossible date with a CRN checksum', '134511-0001236', crn('134511-0001236', 0.7, 0.8)],
      [
        'prefers the nearer of two labels',
        '법인번호 110111-0456784, 대표 주민번호',
        crn('110111-0456784', 0.9, 1),
      ],
      ['reads a JSON key', '{"corp_reg_no":"1301810369837"}', crn('1301810369837', 0.9, 1)],
    ]
    for (const [name, text, expected] of cases) {
      it(`${name} when given ${JSON.stringify(text)}`, () => check(text, expected))
    }
    it('reads an unlabelled person-shaped number as an RRN when given 110111-1234569', () => {
      assert.equal(only('110111-1234569').type, 'KR_RRN')
    })
  })

  describe('normalisation', () => {
    const cases: [string, string, string][] = [
      [
        'full-width digits and dash',
        '주민번호 ９６０１２１－１０２１４１３로',
        '９６０１２１－１０２１４１３',
      ],
      ['an en dash', '960121–1021413', '960121–1021413'],
      ['a Hangul ㅡ used as a dash', '960121ㅡ1021413입니다', '960121ㅡ1021413'],
      ['a zero-width space inside', '960121-10\u200b21413', '960121-10\u200b21413'],
    ]
    for (const [name, text, value] of cases) {
      it(`maps the span back to the original when given ${name}`, () => {
        const [f] = engine.scan(text)
        assert.ok(f)
        assert.equal(text.slice(f.start, f.end), value)
        assert.equal(f.validator, 'rrn-checksum')
      })
    }
  })

  describe('hard negatives', () => {
    const cases: [string, string][] = [
      ['an impossible month', '901301-1234567'],
      ['Presidio: month 13, day 32', '001332-1234567'],
      ['Presidio: a plus sign as separator', '960121+1021413'],
      ['Presidio: a 14-digit tail', '960121-10214131'],
      ['an 8-digit date and 7 digits', '20240101-1234567'],
      ['a Korean EAN-13 barcode', '8801043014809'],
      ['a longer hyphenated number', '12-960121-1021413'],
      ['a number glued to letters', 'ID960121-1021413X'],
      ['a decimal', '3.9601211021413'],
      ['a 16-digit card number', '9601211021413000'],
    ]
    for (const [name, text] of cases) {
      it(`reports nothing when given ${name}`, () => {
        assert.deepEqual(engine.scan(text), [])
      })
    }
    it('ignores a CRN label in an earlier paragraph when given a trailing RRN label', () => {
      const text =
        '법인등록번호 134512-0814504로 등기부등본을 떼 주세요.\n\nIs 830216-2903152 a valid resident registration number?'
      assert.deepEqual(
        engine.scan(text).map((f) => [f.type, text.slice(f.start, f.end)]),
        [
          ['KR_CRN', '134512-0814504'],
          ['KR_RRN', '830216-2903152'],
        ],
      )
    })
    it('keeps an epoch under a timestamp key below the floor', () => {
      assert.ok(engine.scan('timestamp=1751449155296').every((f) => f.score < 0.5))
    })
    it('keeps a checksum-valid bare number under an order label below the floor', () => {
      assert.ok(only('주문번호 9001011234568').score < 0.5)
    })
  })
})
