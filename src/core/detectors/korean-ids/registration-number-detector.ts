import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import { classifyRegistrationNumber, type RegistrationLabel } from './classify-registration-number.ts'
import { createLabelMatcher, type Label } from './nearest-label.ts'
import { matchAtRunStarts } from './numeric-runs.ts'

// Six digits, an optional separator (normalisation already folded every dash to '-'), then G and
// six digits or a mask. Fixed-width groups: no backtracking beyond the optional separator.
const shape =
  /(?<![0-9A-Za-z]|[0-9][-.])([0-9]{6})( ?- ?| )?([0-9][0-9*xX●○]{6})(?![0-9A-Za-z*●○]|[-.][0-9])/y
// Six digits then a separator, or the front and at least the G digit run together.
const fits = (digits: number, next: number): boolean =>
  (digits === 6 && (next === 32 || next === 45)) || (digits >= 7 && digits <= 13)

// Labels trail the value in questions ("is 9601211021413 a valid resident registration number?").
const window = { before: 48, after: 32 }

const label = (kind: RegistrationLabel, words: readonly string[]): Label<RegistrationLabel>[] =>
  words.map((word) => ({ word, kind }))

const labels = createLabelMatcher<RegistrationLabel>([
  ...label('rrn', [
    '주민등록번호',
    '주민등록',
    '주민번호',
    '주민 등록',
    '주민 번호',
    '주민no',
    '생년월일',
    'rrn',
    'resident registration',
    'resident reg',
    'resident number',
    'resident id',
    'jumin',
    'ssn',
  ]),
  ...label('frn', [
    '외국인등록번호',
    '외국인등록',
    '외국인 등록',
    '외국인번호',
    '외국인 번호',
    '외국인',
    'alien registration',
    'foreigner registration',
    'foreign resident',
    'residence card',
    'arc no',
    'arc number',
    'frn',
  ]),
  ...label('crn', [
    '법인등록번호',
    '법인등록',
    '법인 등록',
    '법인번호',
    '법인 번호',
    '등기번호',
    '등기부',
    'corporate registration',
    'corporation registration',
    'company registration',
    'corp reg',
    'corporate reg',
    'crn',
  ]),
  ...label('any', ['등록번호', 'registration number', 'registration no', '신분증', '본인인증', '본인 확인']),
  ...label('other', [
    '주문',
    'order',
    '송장',
    '운송장',
    'tracking',
    'invoice',
    '바코드',
    'barcode',
    'isbn',
    '일련번호',
    'serial',
    '시리얼',
    '카드',
    'card',
    '전화',
    'phone',
    '계좌',
    'account',
    '사업자',
    '승인번호',
    '거래번호',
    'timestamp',
    'epoch',
  ]),
])

/**
 * The `######-#######` shape (hyphen, space, dash variants, bare, masked): one finding per value,
 * typed KR_RRN, KR_FRN or KR_CRN by the G digit, the nearest label, the date and the checksums.
 */
export const registrationNumberDetector: Detector = {
  id: 'kr-registration-number',
  types: ['KR_RRN', 'KR_FRN', 'KR_CRN'],
  detect(input) {
    const text = input.text
    const found: Finding[] = []
    matchAtRunStarts(input, shape, fits, (m, start) => {
      const [value, front = '', sep, back = ''] = m
      const end = start + value.length
      const verdict = classifyRegistrationNumber({
        front,
        back,
        separator: sep === undefined ? 'none' : sep.includes('-') ? 'hyphen' : 'space',
        label: labels.nearest(text, start, end, window),
      })
      if (verdict) found.push({ ...verdict, start, end })
    })
    return found
  },
}
