import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Detector } from '../../detection/detector.ts'
import { createScanInput } from '../../detection/scan-input.ts'
import { creditCardDetector } from './credit-card-detector.ts'
import { ibanDetector } from './iban-detector.ts'
import { imeiDetector } from './imei-detector.ts'
import { secretAssignmentDetector } from './secret-assignment-detector.ts'

// These detectors try their pattern only where a match can start (on the shared digit runs, or at a
// key word's distinctive middle) instead of searching the whole text. The cases below pin the edge
// behaviour of the global searches they replaced: matches inside longer runs that consume text,
// restarts after a rejected match, and key words that overlap.
const spans = (detector: Detector, text: string): [string, number, string | undefined][] =>
  detector
    .detect(createScanInput(text))
    .map((f) => [text.slice(f.start, f.end), f.score, f.subtype] as [string, number, string | undefined])

describe('detectors tried at match starts behave as their global searches did', () => {
  it('card: a match inside a 23-digit run consumes it, and a later card is still found', () => {
    assert.deepEqual(spans(creditCardDetector, '12345678901234567890123'), [])
    assert.deepEqual(spans(creditCardDetector, '번호 12345678901234567890123 그리고 4111111111111111'), [
      ['4111111111111111', 0.85, 'visa'],
    ])
  })

  it('card: grouped, masked and trailing-group forms', () => {
    assert.deepEqual(spans(creditCardDetector, '4111 1111 1111 1111 123'), [
      ['4111 1111 1111 1111', 0.9, 'visa'],
    ])
    assert.deepEqual(spans(creditCardDetector, '4111-****-****-1111'), [
      ['4111-****-****-1111', 0.2, 'masked'],
    ])
    assert.deepEqual(spans(creditCardDetector, '1234xxxxxxxx5678 receipt'), [
      ['1234xxxxxxxx5678', 0.2, 'masked'],
    ])
  })

  it('IMEI: grouped forms from their six-digit group, bare 15 digits, none inside a longer run', () => {
    assert.deepEqual(spans(imeiDetector, 'IMEI 35-209900-176148-1'), [['35-209900-176148-1', 0.95, 'imei']])
    assert.deepEqual(spans(imeiDetector, '35209900-176148-1'), [['35209900-176148-1', 0.85, 'imei']])
    assert.deepEqual(spans(imeiDetector, '490154203237518 and 4901542032375186'), [
      ['490154203237518', 0.4, 'imei'],
    ])
    assert.deepEqual(spans(imeiDetector, '1234567890490154203237518'), [])
  })

  it('IBAN: a rejected match restarts after its first space; consecutive IBANs are both found', () => {
    assert.deepEqual(spans(ibanDetector, 'XX12 DE89 3704 0044 0532 0130 00'), [
      ['DE89 3704 0044 0532 0130 00', 0.95, 'DE'],
    ])
    assert.deepEqual(spans(ibanDetector, 'IBAN DE89370400440532013000, GB82WEST12345698765432'), [
      ['DE89370400440532013000', 1, 'DE'],
      ['GB82WEST12345698765432', 1, 'GB'],
    ])
  })

  it('secret assignments: key words found by their middle, in any case, not inside an earlier key', () => {
    assert.deepEqual(spans(secretAssignmentDetector, 'secretoken=abc123def456'), [
      ['abc123def456', 0.85, 'access_token'],
    ])
    assert.deepEqual(spans(secretAssignmentDetector, 'PassPhrase: "correct horse battery"'), [
      ['correct horse battery', 0.85, 'password'],
    ])
    assert.deepEqual(spans(secretAssignmentDetector, 'DB_PASSWORD=Hunter2! apikey=AbC123xyz789'), [
      ['Hunter2!', 0.85, 'password'],
      ['AbC123xyz789', 0.85, 'api_key'],
    ])
    assert.deepEqual(
      spans(secretAssignmentDetector, 'x-api-key: a1b2c3d4e5f6g7h8 and Api_Key = q9w8e7r6t5y4'),
      [
        ['a1b2c3d4e5f6g7h8', 0.85, 'api_key'],
        ['q9w8e7r6t5y4', 0.85, 'api_key'],
      ],
    )
    assert.deepEqual(spans(secretAssignmentDetector, '비밀번호는 qwer1234입니다, 암호화 키 아님'), [
      ['qwer1234', 0.7, 'password'],
    ])
    // "ss" + "word" without "pa" before it, and "cret" without "se", are no key words.
    assert.deepEqual(spans(secretAssignmentDetector, 'crossword=abc123def456 decret=abc123def456'), [])
  })
})
