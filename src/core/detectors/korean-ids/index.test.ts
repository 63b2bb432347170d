import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import { koreanIdDetectors } from './index.ts'

const engine = createDetectionEngine(koreanIdDetectors)
const found = (text: string): [string, string][] =>
  engine.scan(text).map((f) => [f.type, text.slice(f.start, f.end)])

describe('koreanIdDetectors', () => {
  it('finds every type once when given a form with each identifier', () => {
    const text = [
      '성명: 홍길동, 주민등록번호: 900101-1234568',
      '외국인등록번호 850126-6401473',
      '법인등록번호 130111-0006246',
      '사업자등록번호 104-86-56659',
      '여권번호 M123A4567',
      '운전면허 서울 12-345678-90',
      '건강보험증 번호 51234567890',
      '입금 계좌 국민 123456-12-123456 (예금주 홍길동)',
    ].join('\n')
    assert.deepEqual(found(text), [
      ['KR_RRN', '900101-1234568'],
      ['KR_FRN', '850126-6401473'],
      ['KR_CRN', '130111-0006246'],
      ['KR_BRN', '104-86-56659'],
      ['KR_PASSPORT', 'M123A4567'],
      ['KR_DRIVER_LICENSE', '서울 12-345678-90'],
      ['KR_NHI', '51234567890'],
      ['KR_BANK_ACCOUNT', '123456-12-123456'],
    ])
  })

  it('maps spans back to the original when given full-width digits and particles', () => {
    assert.deepEqual(
      found('주민번호는 ９００１０１－１２３４５６８이고 면허는 １１－２２－１２３４５６－１２입니다'),
      [
        ['KR_RRN', '９００１０１－１２３４５６８'],
        ['KR_DRIVER_LICENSE', '１１－２２－１２３４５６－１２'],
      ],
    )
  })

  it('reports one type per value when given a number that several shapes fit', () => {
    assert.deepEqual(found('주민번호 900101-1234568 로 송금'), [['KR_RRN', '900101-1234568']])
    assert.deepEqual(found('운전면허 112212345612 입금'), [['KR_DRIVER_LICENSE', '112212345612']])
    assert.deepEqual(found('사업자 계좌 104-86-56659'), [['KR_BRN', '104-86-56659']])
  })

  const negatives: [string, string][] = [
    ['an order number', '주문번호 2024010112345678 확인'],
    ['a 13-digit order number', '주문번호: 9001011234568'],
    ['a compact timestamp', '생성 시각 20240101123456'],
    ['a date and a serial', '20240101-1234567'],
    ['an epoch in milliseconds', 'ts=1704067200000'],
    ['a version string', 'version 1.2.3-20240101'],
    ['an ISBN', 'ISBN 978-89-7914-874-9'],
    ['a postal code', '우편번호 06236, 서울 강남구'],
    ['an old postal code', '우편번호 135-080'],
    ['an impossible birth date', '901301-1234567'],
    ['a mobile number', '연락처 010-1234-5678로 주세요'],
    ['a bare mobile number', '01012345678'],
    ['a Seoul number', '02-312-3456'],
    ['a representative number', '1588-1234'],
    ['a card number', '4111-1111-1111-1111'],
    ['an amount', '총 1,234,567,890원'],
    ['an IP address', '서버 192.168.100.200'],
    ['a UUID', '550e8400-e29b-41d4-a716-446655440000'],
    ['a bare 10-digit number', 'ID 1234567890'],
    ['a bare 11-digit number', 'ref 12345678901'],
    ['a bare 12-digit number', 'ref 123456789012'],
    ['a product code', 'SKU M12345678'],
    ['a Korean EAN-13 barcode', '바코드 8801043014809'],
    ['a phone number with a bank word', '은행 대표번호 1588-9999, 상담 02-1234-5678'],
  ]
  for (const [name, text] of negatives) {
    it(`reports nothing when given ${name}`, () => {
      assert.deepEqual(found(text), [])
    })
  }
})

describe('koreanIdDetectors on hostile input', () => {
  // Attacker-controlled prompts: every shape repeated with no line breaks, so a search that is not
  // bounded by the context window, or a backtracking pattern, turns quadratic.
  const hostile: [string, string][] = [
    ['many labelled candidates on one line', '주민번호 900101-1234568 계좌 110-234-567890 '.repeat(4000)],
    ['one long digit run', '1'.repeat(200_000)],
    ['alternating digits and hyphens', '12-'.repeat(70_000)],
    ['digits and spaces', '900101 '.repeat(30_000)],
    ['labels without values', '주민등록번호 법인번호 계좌 건강보험 '.repeat(8000)],
    ['masks', '900101-1*'.repeat(25_000)],
  ]
  for (const [name, text] of hostile) {
    it(`scans in linear time when given ${name}`, () => {
      const started = performance.now()
      engine.scan(text)
      const ms = performance.now() - started
      assert.ok(ms < 2000, `${(text.length / 1000).toFixed(0)} kchars took ${ms.toFixed(0)} ms`)
    })
  }
})
