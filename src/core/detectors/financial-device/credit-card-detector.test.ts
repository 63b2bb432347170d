import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import type { Finding } from '../../detection/finding.ts'
import { cardScores, creditCardDetector } from './credit-card-detector.ts'
import { financialDeviceDetectors } from './index.ts'

const cardsOnly = createDetectionEngine([creditCardDetector])
const all = createDetectionEngine(financialDeviceDetectors)
const spans = (text: string, found: readonly Finding[]): string[] =>
  found.map((f) => text.slice(f.start, f.end))
const cards = (text: string, minScore?: number): Finding[] =>
  cardsOnly.scan(text, minScore === undefined ? {} : { minScore }).filter((f) => f.type === 'CREDIT_CARD')

describe('creditCardDetector', () => {
  // Presidio test_credit_card_recognizer.py (MIT), which cites datatrans.ch and freeformatter.com test
  // numbers; Stripe's documented test cards; the 2-series and Korean 9-series from pii-detection.md §1.7.
  const valid: ReadonlyArray<readonly [string, string]> = [
    ['4012888888881881', 'visa'],
    ['4111111111111111', 'visa'],
    ['4917300800000000', 'visa'],
    ['4484070000000000', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2221 0000 0000 0009', 'mastercard'],
    ['371449635398431', 'amex'],
    ['378282246310005', 'amex'],
    ['3782 822463 10005', 'amex'],
    ['30569309025904', 'diners'],
    ['6011000400000000', 'discover'],
    ['3528000700000000', 'jcb'],
    ['6250941006528599', 'unionpay'],
    ['5019717010103742', 'maestro'],
    ['6759649826438453', 'maestro'],
    ['9410 0000 0000 0005', 'kr_domestic'],
    ['4111 1111 1111 1111 003', 'visa'],
  ]
  for (const [number, brand] of valid) {
    it(`finds ${number} as ${brand} when it passes Luhn`, () => {
      const [f, ...rest] = cards(`card: ${number}`)
      assert.ok(f)
      assert.equal(rest.length, 0)
      assert.equal(f.start, 6)
      assert.equal(f.end, 6 + number.length)
      assert.equal(f.subtype, brand)
      assert.equal(f.validator, 'luhn')
    })
  }

  it('finds three separately formatted cards when they share a line', () => {
    const text = '4012888888881881 4012-8888-8888-1881 4012 8888 8888 1881'
    assert.deepEqual(spans(text, cards(text)), [
      '4012888888881881',
      '4012-8888-8888-1881',
      '4012 8888 8888 1881',
    ])
  })

  it('drops a trailing fifth group when only the first four pass Luhn', () => {
    const text = '4111 1111 1111 1111 123'
    assert.deepEqual(spans(text, cards(text)), ['4111 1111 1111 1111'])
  })

  const invalid: ReadonlyArray<readonly [string, string]> = [
    ['4012-8888-8888-1882', 'Luhn fails (Presidio negative)'],
    ['my credit card number is 4012-8888-8888-1882', 'Luhn fails even with context (Presidio)'],
    ['36168002586008', 'a Diners-shaped number fails Luhn (Presidio)'],
    ['1700000000000000', 'a timestamp has no card prefix'],
    ['20240315123045001', 'a date-time stamp has no card prefix'],
    ['41111111111111111111', 'the digit run is 20 long'],
    ['2024-0101-4111-1111-1111-1111', 'the card is the tail of a longer dash-joined number'],
    ['4111-1111-1111-1111-5', 'a dash-joined digit follows'],
    ['AB4111111111111111', 'letters are glued to the left'],
    ['4111 1111-1111 1111', 'separators are mixed'],
    ['010-1234-5678', 'the number is a phone number'],
    ['55555555555544', 'a Mastercard prefix has 14 digits'],
    ['122000000000003', 'a UATP number has no card context'],
  ]
  for (const [text, why] of invalid) {
    it(`finds nothing when ${why}`, () => {
      assert.deepEqual(cards(text), [])
    })
  }

  it('keeps a Korean particle outside the span when it is glued to the number', () => {
    for (const particle of ['로', '으로', '이고', '입니다', '를']) {
      const text = `카드 4111-1111-1111-1111${particle} 결제`
      assert.deepEqual(spans(text, cards(text)), ['4111-1111-1111-1111'])
    }
  })

  it('maps full-width digits and dashes back to original offsets when the text is normalised', () => {
    const text = '카드번호：４１１１－１１１１－１１１１－１１１１입니다'
    const [f] = all.scan(text).filter((x) => x.type === 'CREDIT_CARD')
    assert.ok(f)
    assert.equal(text.slice(f.start, f.end), '４１１１－１１１１－１１１１－１１１１')
  })

  it('finds the number when zero-width characters and en dashes are mixed in', () => {
    const text = 'visa 4111\u200b–1111–1111–1111.'
    assert.deepEqual(spans(text, all.scan(text)), ['4111\u200b–1111–1111–1111'])
  })

  it('raises the score when card words are near', () => {
    const bare = cards('4111111111111111')[0]
    for (const label of ['카드번호 ', '신용카드: ', 'Visa ', 'mastercard no. ', 'card ']) {
      const near = cards(`${label}4111111111111111`)[0]
      assert.ok(bare && near)
      assert.ok(near.score > bare.score, label)
    }
    assert.equal(bare?.score, cardScores.strongBare)
  })

  it('lowers the score below the floor when the number is labelled as an order number', () => {
    assert.deepEqual(cards('주문번호 4111111111111111'), [])
    assert.deepEqual(cards('order 4111-1111-1111-1111'), [])
  })

  it('keeps the score when a reference word only follows the number', () => {
    assert.equal(cards('Please charge 4111111111111111 for the order')[0]?.score, cardScores.strongBare)
  })

  it('keeps UnionPay numbers that fail Luhn only when card words are near', () => {
    assert.deepEqual(cards('6212345678901234'), [])
    const [f] = cards('은련카드 6212345678901234')
    assert.equal(f?.subtype, 'unionpay')
    assert.equal(f?.validator, undefined)
  })

  it('accepts a UATP number when card words are near', () => {
    // Presidio's "my credit card: 122000000000003" case.
    const text = 'my credit card: 122000000000003'
    assert.deepEqual(spans(text, cards(text)), ['122000000000003'])
  })

  it('reports a masked receipt number below the floor when digits are starred out', () => {
    const text = '영수증 카드번호 1234-56**-****-3456'
    assert.deepEqual(cards(text), [])
    const [f] = cards(text, 0)
    assert.equal(f?.subtype, 'masked')
    assert.ok((f?.score ?? 1) < 0.5)
    assert.equal(text.slice(f?.start, f?.end), '1234-56**-****-3456')
  })

  it('leaves a 15-digit Luhn number to IMEI when an IMEI label is near', () => {
    assert.deepEqual(cards('IMEI: 378282246310005'), [])
    assert.deepEqual(cards('단말기 고유번호 4111111111111111'), [])
    assert.equal(cards('IMEI 35 and card 378282246310005').length, 1)
  })

  it('does not report an IMEI-shaped number as a card when its prefix is no 15-digit brand', () => {
    for (const text of ['490154203237518', '356938035643809', '35-209900-176148-1']) {
      assert.deepEqual(cards(text), [], text)
    }
  })
})
