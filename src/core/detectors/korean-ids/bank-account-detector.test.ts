import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import { bankAccountDetector } from './bank-account-detector.ts'

const engine = createDetectionEngine([bankAccountDetector], 0)
const scan = (text: string) => engine.scan(text).map((f) => ({ ...f, value: text.slice(f.start, f.end) }))

describe('bankAccountDetector', () => {
  const found: [string, string, string, number, number, string | undefined][] = [
    ['matches 국민 6-2-6 after a short name', '국민 123456-12-123456', '123456-12-123456', 0.9, 0.95, 'kb'],
    ['matches 신한 3-3-6', '신한은행 110-234-567890로 송금해 주세요', '110-234-567890', 0.9, 0.95, 'shinhan'],
    ['matches 우리 4-3-6', '우리은행 1002-123-456789', '1002-123-456789', 0.9, 0.95, 'woori'],
    ['matches 하나 3-6-5', '하나 123-456789-12345', '123-456789-12345', 0.9, 0.95, 'hana'],
    ['matches 기업 3-6-2-3', 'IBK 123-456789-01-234', '123-456789-01-234', 0.9, 0.95, 'ibk'],
    ['matches 카카오뱅크 3333-', '카카오뱅크 3333-12-1234567', '3333-12-1234567', 0.9, 0.95, 'kakaobank'],
    ['matches 토스뱅크 4-4-4', '토스뱅크 1000-1234-5678', '1000-1234-5678', 0.9, 0.95, 'tossbank'],
    // Presidio KR_BANK_ACCOUNT tests (MIT), with context added (ours is context-driven).
    ['matches NH 3-4-4-2', '이체 계좌: 302-0123-4567-89', '302-0123-4567-89', 0.85, 0.95, undefined],
    ['reads a log key', 'payout account=932-268-897386 bank=KB', '932-268-897386', 0.85, 0.95, undefined],
    [
      'matches a bare number after a transfer word',
      '입금 987654321012',
      '987654321012',
      0.65,
      0.75,
      undefined,
    ],
    [
      'reads a word after the value',
      '110-234-567890으로 입금 바랍니다',
      '110-234-567890',
      0.85,
      0.95,
      undefined,
    ],
    [
      'reads an English label',
      'bank account number: 1002-123-456789',
      '1002-123-456789',
      0.85,
      0.95,
      undefined,
    ],
    [
      'lowers a length the named bank never uses',
      '토스뱅크 123-456-7890',
      '123-456-7890',
      0.65,
      0.75,
      'tossbank',
    ],
    [
      'takes a bare birth-date-like number without RRN checksum',
      '우리 1002123456789',
      '1002123456789',
      0.7,
      0.8,
      'woori',
    ],
  ]
  for (const [name, text, value, min, max, subtype] of found) {
    it(`${name} when given ${JSON.stringify(text)}`, () => {
      const [f, ...rest] = scan(text)
      assert.ok(f)
      assert.deepEqual(rest, [])
      assert.equal(f.value, value)
      assert.equal(f.subtype, subtype)
      assert.ok(f.score >= min && f.score <= max, `score ${f.score}`)
    })
  }

  it('keeps a known grouping without context below the floor when given 110-234-567890', () => {
    const [f] = scan('110-234-567890')
    assert.ok(f && f.score < 0.5)
  })

  const rejected: [string, string][] = [
    ['a bare number without context', '987654321012'],
    ['a mobile number after a transfer word', '송금은 010-1234-5678로 연락 주세요'],
    ['a bare mobile number after a transfer word', '이체 01012345678'],
    ['a Seoul number after a bank word', '은행 02-1234-5678'],
    ['an international phone number after a bank word', '은행 0082-10-8277-5915'],
    ['a student number with a bank word later', '학번 2017251867 수강신청 내역 보여줘 계좌번호 340-67'],
    ['a timestamp key', '계좌 조회 timestamp=1757309734786'],
    ['the RRN shape with an impossible date', '입금해 주세요. 이 번호 770230-2591420은 날짜가 이상해'],
    ['a VoIP number after a bank word', '은행 070-1234-5678'],
    ['an RRN after a bank word', '예금주 주민번호 900101-1234567'],
    ['an RRN shape with a birth date', '계좌 900101-1234567'],
    ['a checksummed BRN', '입금 104-86-56659'],
    ['a timestamp', '입금 20240101123456'],
    ['a date', '입금 2024-03-10'],
    ['too short', '입금 12345678'],
    ['a 16-digit card number', '입금 카드 1234-5678-9012-3456'],
    ['a driver licence shape', '송금 11-22-123456-12'],
    ['an order number nearer than the bank word', '입금 확인: 주문번호 1234567890123'],
    ['a short bank name inside a word', '우리는 1002123456789'],
    ['an ASCII short name inside a word', 'enhance nh1002123456'],
  ]
  for (const [name, text] of rejected) {
    it(`reports nothing when given ${name}`, () => {
      assert.deepEqual(
        scan(text).filter((f) => f.score >= 0.5),
        [],
      )
    })
  }
})
