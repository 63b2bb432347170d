import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type CardBrand, cardBrand } from './card-brand.ts'

describe('cardBrand', () => {
  // Public test numbers: Presidio test_credit_card_recognizer.py (MIT), Stripe and PayPal test cards.
  const cases: ReadonlyArray<readonly [string, CardBrand | undefined]> = [
    ['4111111111111111', 'visa'],
    ['4222222222222', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2221000000000009', 'mastercard'],
    ['2720990000000007', 'mastercard'],
    ['2220990000000008', undefined],
    ['378282246310005', 'amex'],
    ['371449635398431', 'amex'],
    ['6011000400000000', 'discover'],
    ['6445644564456445', 'discover'],
    ['6500000000000002', 'discover'],
    ['3528000700000000', 'jcb'],
    ['3589000000000000', 'jcb'],
    ['30569309025904', 'diners'],
    ['36227206271667', 'diners'],
    ['6250941006528599', 'unionpay'],
    ['5019717010103742', 'maestro'],
    ['6759649826438453', 'maestro'],
    ['9410000000000005', 'kr_domestic'],
    ['122000000000003', 'uatp'],
    ['41111111111111', undefined],
    ['55555555555544', undefined],
    ['3782822463100050', undefined],
    ['941000000000005', undefined],
    ['7111111111111111', undefined],
    ['411111111111', undefined],
    ['41111111111111111111', undefined],
  ]
  for (const [digits, brand] of cases) {
    it(`returns ${brand ?? 'undefined'} when given ${digits}`, () => {
      assert.equal(cardBrand(digits), brand)
    })
  }
})
