import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import type { Finding } from '../../detection/finding.ts'
import { ibanDetector, ibanScores } from './iban-detector.ts'
import { financialDeviceDetectors } from './index.ts'

const ibanOnly = createDetectionEngine([ibanDetector])
const all = createDetectionEngine(financialDeviceDetectors)
const spans = (text: string, found: readonly Finding[]): string[] =>
  found.map((f) => text.slice(f.start, f.end))
const ibans = (text: string): string[] => spans(text, ibanOnly.scan(text))

describe('ibanDetector', () => {
  // Cases from Presidio's test_iban_recognizer.py (MIT): registry examples, compact and printed.
  const valid = [
    'DE89370400440532013000',
    'DE89 3704 0044 0532 0130 00',
    'AL47 2121 1009 0000 0002 3569 8741',
    'AT611904300234573201',
    'BE71 0961 2345 6769',
    'BR97 0036 0305 0000 1000 9795 493P 1',
    'CH93 0076 2011 6238 5295 7',
    'FR14 2004 1010 0505 0001 3M02 606',
    'GB29 NWBK 6016 1331 9268 19',
    'IT60 X054 2811 1010 0000 0123 456',
    'KZ86 125K ZT50 0410 0100',
    'MT84 MALT 0110 0001 2345 MTLC AST0 01S',
    'NO93 8601 1117 947',
    'QA58 DOHB 0000 1234 5678 90AB CDEF G',
    'XK051212012345678906',
  ]
  for (const iban of valid) {
    it(`finds ${iban} when country length and mod 97 agree`, () => {
      const [f, ...rest] = ibanOnly.scan(iban)
      assert.equal(rest.length, 0)
      assert.equal(f?.start, 0)
      assert.equal(f?.end, iban.length)
      assert.equal(f?.validator, 'iban-mod97')
      assert.equal(f?.subtype, iban.slice(0, 2))
      assert.equal(f?.score, ibanScores.valid)
    })
  }

  const invalid: ReadonlyArray<readonly [string, string]> = [
    ['DE89 3704 0044 0532 0130 01', 'the checksum fails'],
    ['DE89 A704 0044 0532 0130 00', 'a character was changed'],
    ['AL47 2121 1009 0000 0002 3569 874', 'one character is missing'],
    ['EE38 2200 2210  014 5686', 'the grouping is broken'],
    ['GI75 aWBK 0000 0000 7099 453', 'a letter is lower-case'],
    ['G T82 TRAJ 0102 0000 0012 1002 9690', 'the country code is split'],
    ['AB150120690000003111141', 'the country is not in the registry'],
    ['AM47212110090000000235698740', 'Armenia issues no IBANs'],
    ['IL15 0120 6900 0000 3111 0120 6900 0000 3111 141', 'the text runs on past the Israeli length'],
    [
      "Dalla's Pizza | 3843 Peartree Road, Bamblee, SD 20241 440-600-5124",
      'the text only looks alphanumeric',
    ],
    ['DE8937 0400 4405 3201 3000', 'spaces fall inside groups of four'],
    ['XDE89370400440532013000', 'a letter is glued to the left'],
    ['DE893704004405320130001', 'a digit is glued to the right'],
  ]
  for (const [text, why] of invalid) {
    it(`finds nothing when ${why}`, () => {
      assert.deepEqual(ibans(text), [])
    })
  }

  it('finds both IBANs when they are listed with a comma', () => {
    const text = 'list of ibans: AL47212110090000000235698741, AL47212110090000000235698741'
    assert.deepEqual(ibans(text), ['AL47212110090000000235698741', 'AL47212110090000000235698741'])
  })

  it('stops at the country length when a word follows the last group', () => {
    const text = 'this is an iban VG96 VPVG 0000 0123 4567 8901 X in a sentence'
    assert.deepEqual(ibans(text), ['VG96 VPVG 0000 0123 4567 8901'])
  })

  it('finds an IBAN that starts inside a longer upper-case candidate', () => {
    assert.deepEqual(ibans('REF 12 DE89 3704 0044 0532 0130 00'), ['DE89 3704 0044 0532 0130 00'])
    assert.deepEqual(ibans('XX12 DE89 3704 0044 0532 0130 00'), ['DE89 3704 0044 0532 0130 00'])
  })

  it('keeps a Korean particle outside the span when it is glued to the IBAN', () => {
    for (const particle of ['으로', '로', '이고', '입니다']) {
      const text = `해외 송금은 DE89370400440532013000${particle} 보내 주세요`
      assert.deepEqual(ibans(text), ['DE89370400440532013000'])
    }
  })

  it('maps full-width letters and digits back when the text is normalised', () => {
    const text = 'IBAN：ＤＥ８９ ３７０４ ００４４ ０５３２ ０１３０ ００입니다'
    const [f] = all.scan(text)
    assert.equal(f?.type, 'IBAN_CODE')
    assert.equal(text.slice(f?.start, f?.end), 'ＤＥ８９ ３７０４ ００４４ ０５３２ ０１３０ ００')
  })

  it('raises the score when account words are near', () => {
    assert.equal(ibanOnly.scan('IBAN: DE89370400440532013000')[0]?.score, ibanScores.withContext)
    assert.equal(ibanOnly.scan('계좌 DE89370400440532013000')[0]?.score, ibanScores.withContext)
  })
})
