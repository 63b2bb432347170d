// Example numbers of the KR territory in Google's libphonenumber metadata (Apache-2.0), as generated
// into giggsey/libphonenumber-for-php src/data/PhoneNumberMetadata_KR.php at
// 04425318e27b3a41ef9910fc0a9e43c9d3c3e725. Each example is written in its national format (the
// metadata's numberFormat with the 0 prefix) inside a Korean sentence, and in +82 international form.
import { type ConformanceCase, casesOf, differs, type VectorFile } from '../conformance-case.ts'

const t = casesOf(['PHONE_NUMBER'])

// [type, national significant number as published, national format, international format]
const examples = [
  ['fixedLine', '22123456', '02-212-3456', '+82 2-212-3456'],
  ['mobile', '1000000000', '010-0000-0000', '+82 10-0000-0000'],
  ['tollFree', '801234567', '080-123-4567', '+82 80-123-4567'],
  ['premiumRate', '602345678', '060-234-5678', '+82 60-234-5678'],
  ['personalNumber', '5012345678', '050-1234-5678', '+82 50-1234-5678'],
  ['voip', '7012345678', '070-1234-5678', '+82 70-1234-5678'],
  ['pager', '1523456789', '015-2345-6789', '+82 15-2345-6789'],
  ['uan', '15441234', '1544-1234', '+82 1544-1234'],
] as const

const inSentence = (n: string): ConformanceCase => t(`연락처 ${n}로 연락 주세요`, 1, [[4, 4 + n.length]])

/** libphonenumber's KR example numbers, one per number type. */
export const libphonenumberKr: VectorFile = {
  name: 'libphonenumber KR example numbers',
  source: {
    repo: 'giggsey/libphonenumber-for-php',
    path: 'src/data/PhoneNumberMetadata_KR.php',
    commit: '04425318e27b3a41ef9910fc0a9e43c9d3c3e725',
    licence: 'Apache-2.0',
  },
  cases: examples.flatMap(([type, , national, intl]) => {
    const cases = [
      inSentence(national),
      t(national, 1, [[0, national.length]]),
      t(intl, 1, [[0, intl.length]]),
    ]
    // Research §3.8 lists the personal "safe number" blocks as 0502–0508; the example's 0501 is outside
    // them, so Sluice takes it only next to a phone word (the sentence case), not on its own.
    if (type !== 'personalNumber') return cases
    const reason =
      'no phone word nearby and 0501 is outside the 0502–0508 safe-number blocks Sluice accepts on shape alone (research §3.8)'
    return cases.map((c, i) => (i === 0 ? c : differs(c, reason, 0)))
  }),
}
