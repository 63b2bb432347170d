import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import { contactDetectors } from './index.ts'

const engine = createDetectionEngine(contactDetectors)
const phones = (text: string) => engine.scan(text).filter((f) => f.type === 'PHONE_NUMBER')
const spans = (text: string) => phones(text).map((f) => [text.slice(f.start, f.end), f.subtype])

describe('phoneNumberDetector', () => {
  const korean: [string, string, string][] = [
    ['010-1234-5678', '010-1234-5678', 'mobile'],
    ['010 1234 5678', '010 1234 5678', 'mobile'],
    ['010.1234.5678', '010.1234.5678', 'mobile'],
    ['010-1234 -5678', '010-1234 -5678', 'mobile'],
    ['01012345678', '01012345678', 'mobile'],
    ['011-234-5678', '011-234-5678', 'mobile'],
    ['017-1234-5678', '017-1234-5678', 'mobile'],
    ['02-312-3456', '02-312-3456', 'landline'],
    ['02-1234-5678', '02-1234-5678', 'landline'],
    ['(02) 123-4567', '(02) 123-4567', 'landline'],
    ['02)123-4567', '02)123-4567', 'landline'],
    ['031-123-4567', '031-123-4567', 'landline'],
    ['064-712-3456', '064-712-3456', 'landline'],
    ['070-1234-5678', '070-1234-5678', 'voip'],
    ['0505-123-4567', '0505-123-4567', 'personal'],
    ['0507-1234-5678', '0507-1234-5678', 'personal'],
    ['080-123-4567', '080-123-4567', 'business'],
    ['1588-1234', '1588-1234', 'business'],
    ['1644-1234', '1644-1234', 'business'],
    ['+82 10-1234-5678', '+82 10-1234-5678', 'mobile'],
    ['+82-2-312-3456', '+82-2-312-3456', 'landline'],
    ['+82 (0)10 1234 5678', '+82 (0)10 1234 5678', 'mobile'],
    ['+821012345678', '+821012345678', 'mobile'],
    ['0082-10-1234-5678', '0082-10-1234-5678', 'mobile'],
    ['+82 1588 1234', '+82 1588 1234', 'business'],
    ['(+82) 10-1234-5678', '(+82) 10-1234-5678', 'mobile'],
  ]
  for (const [text, span, subtype] of korean) {
    it(`finds a Korean ${subtype} number when given ${text}`, () => {
      assert.deepEqual(spans(text), [[span, subtype]])
    })
  }

  // Example mobile numbers shipped with libphonenumber-js (examples.mobile.json), plus Presidio's
  // test_phone_recognizer.py (MIT) "+1 415 555 0132".
  const international: [string, string | undefined][] = [
    ['+1 201-555-0123', undefined],
    ['+1 415 555 0132', undefined],
    ['+44 7400 123456', 'mobile'],
    ['+44 20 7946 0958', 'landline'],
    ['+81 90-1234-5678', 'mobile'],
    ['+33 6 12 34 56 78', 'mobile'],
    ['+49 1512 3456789', 'mobile'],
    ['+86 131 2345 6789', 'mobile'],
    ['+91 81234 56789', 'mobile'],
    ['+61 412 345 678', 'mobile'],
  ]
  for (const [text, subtype] of international) {
    it(`validates an international number when given ${text}`, () => {
      assert.deepEqual(spans(`Reach me on ${text} today`), [[text, subtype]])
    })
  }

  const extended: [string, string][] = [
    ['phone: (212)555-1234x4567', '(212)555-1234x4567'],
    ['tel 212.555.1234 ext. 12', '212.555.1234 ext. 12'],
    ['+1-212-555-1234x123', '+1-212-555-1234x123'],
    ['phone 001-212-555-1234', '001-212-555-1234'],
    ['0044 20 7946 0958', '0044 20 7946 0958'],
    ['0082 10 1234 5678', '0082 10 1234 5678'],
  ]
  for (const [text, span] of extended) {
    it(`keeps extensions and 00 dialling prefixes in the span when given ${text}`, () => {
      assert.deepEqual(
        spans(text).map(([s]) => s),
        [span],
      )
    })
  }

  it('keeps a landline whose subscriber number starts with 0, at a lower score', () => {
    const [odd] = phones('02-0123-4567')
    const [regular] = phones('02-1234-5678')
    assert.ok(odd && regular && odd.score >= 0.5 && odd.score < regular.score)
  })

  it('drops a stray trailing group when an international number is followed by another number', () => {
    assert.deepEqual(spans('+44 20 7946 0958 2024'), [['+44 20 7946 0958', 'landline']])
  })

  const particles: [string, string][] = [
    ['010-1234-5678로 연락주세요', '010-1234-5678'],
    ['번호는 010-1234-5678이고', '010-1234-5678'],
    ['대표번호 02-123-4567입니다', '02-123-4567'],
    ['+82 10-1234-5678으로', '+82 10-1234-5678'],
    ['전화010-1234-5678', '010-1234-5678'],
    ['01012345678에서', '01012345678'],
    ['담당자 안현 대리 (0548381866)에게 물어보세요', '0548381866'],
    ['계좌는 국민은행 366149-84-578858입니다.\n\n01078205753', '01078205753'],
  ]
  for (const [text, span] of particles) {
    it(`keeps particles and glued labels outside the span when given ${text}`, () => {
      assert.deepEqual(
        spans(text).map(([s]) => s),
        [span],
      )
    })
  }

  const fullWidth: [string, string][] = [
    ['０１０－１２３４－５６７８', '０１０－１２３４－５６７８'],
    ['연락처 010ㅡ1234ㅡ5678로', '010ㅡ1234ㅡ5678'],
    ['010\u20131234\u20135678', '010\u20131234\u20135678'],
    ['010-\u200b1234-5678', '010-\u200b1234-5678'],
  ]
  for (const [text, span] of fullWidth) {
    it(`maps the span back to the original when given ${JSON.stringify(text)}`, () => {
      assert.deepEqual(
        spans(text).map(([s]) => s),
        [span],
      )
    })
  }

  const gated: [string, string, string][] = [
    ['212-555-1234', 'call 212-555-1234', '212-555-1234'],
    ['(415) 555-0132', 'My US number is (415) 555-0132', '(415) 555-0132'],
    ['(917) 555-0143', 'You can reach Jane at (917) 555-0143', '(917) 555-0143'],
    ['020 7946 0958', 'tel: 020 7946 0958', '020 7946 0958'],
    ['0212345678', '연락처: 0212345678', '0212345678'],
    ['15881234', '고객센터 15881234', '15881234'],
    ['0111234567', '휴대폰 0111234567', '0111234567'],
    ['0175685855', '제 번호는 0175685855입니다.', '0175685855'],
    ['1600 7191', '제 번호는 1600 7191입니다.', '1600 7191'],
    ['0287695181', '민원인 김지윤 (0287695181) 주소', '0287695181'],
  ]
  for (const [bare, labelled, span] of gated) {
    it(`needs a phone label when given ${bare}`, () => {
      assert.deepEqual(phones(bare), [])
      assert.deepEqual(
        spans(labelled).map(([s]) => s),
        [span],
      )
    })
  }

  it('raises the score when a phone label is near', () => {
    const [plain] = phones('010-1234-5678')
    const [labelled] = phones('휴대폰: 010-1234-5678')
    assert.ok(plain && labelled)
    assert.ok(labelled.score > plain.score)
    assert.ok(plain.score >= 0.85)
  })

  it('scores a bare 11-digit mobile above the floor and below a formatted one', () => {
    const [bare] = phones('01012345678')
    assert.ok(bare && bare.score >= 0.6 && bare.score < 0.85)
  })

  const negatives = [
    '2024-01-15',
    '2024.01.15',
    '2024-01-15 10:30:45',
    '20240115103045',
    'ts 1705312245',
    '1.2.3.4',
    'v1.2.3.4',
    '10.0.0.1',
    '4111 1111 1111 1111',
    '4111-1111-1111-1111',
    '1588 1234 5678 9012',
    '9410-1588-1234-5678',
    '0101234567890123',
    '010-1234-56789',
    '010-1234-5678-9012',
    'ISBN 978-89-1234-567-8',
    'ISBN 89-7914-206-4',
    '1,234,567원',
    '주문번호 01012345678',
    '학번 2016023780 수강신청 내역 보여줘 담당자 조혜동',
    '주민번호 0708193890042\n휴대폰 없음',
    '주문번호 01012345678 문의는 전화로',
    '1800-1899년',
    '+1234',
    '3.14159265',
    // Presidio test_phone_recognizer.py (MIT) negative shape.
    'my phone number is: 110bcd25-a55d-453a-8046-1297901ea002',
    '02-12-3456',
    '012-345-6789',
    'call 555-123-4567x',
  ]
  for (const text of negatives) {
    it(`finds no phone when given ${text}`, () => {
      assert.deepEqual(phones(text), [])
    })
  }
})
