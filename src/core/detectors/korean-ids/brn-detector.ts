import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import { isKrBrnChecksumValid } from '../../validators/kr-brn-checksum.ts'
import { createLabelMatcher } from './nearest-label.ts'
import { matchAtRunStarts } from './numeric-runs.ts'

// ddd-dd-ddddd with one consistent separator (the back-reference), or ten bare digits.
const shape = /(?<![0-9A-Za-z]|[0-9][-.])([0-9]{3})(-| - | )?([0-9]{2})\2([0-9]{5})(?![0-9A-Za-z]|[-.][0-9])/y
// Three digits then a separator, or ten bare digits.
const fits = (digits: number, next: number): boolean =>
  (digits === 3 && (next === 32 || next === 45)) || digits === 10

const context = createLabelMatcher(
  [
    '사업자',
    '사업자등록',
    '사업자 등록',
    '등록번호',
    'brn',
    'business registration',
    'business number',
    'business no',
    'tax id',
    '세금계산서',
    '과세',
    '상호',
  ].map((word) => ({ word, kind: 'label' })),
)

// Bare ten digits are too common (phone numbers, IDs) to claim without a label.
const baseScore = { hyphen: 0.85, space: 0.6, none: 0.35 } as const

/**
 * 사업자등록번호: ddd-dd-ddddd (or ten digits with a label) with a hard checksum; subtype
 * 'individual' (middle code 01–79, 90–99) or 'corporate' (80–89).
 */
export const brnDetector: Detector = {
  id: 'kr-brn',
  types: ['KR_BRN'],
  detect(input) {
    const found: Finding[] = []
    matchAtRunStarts(input, shape, fits, (m, start) => {
      const [value, head = '', sep, middle = '', tail = ''] = m
      const digits = head + middle + tail
      // The National Tax Service never issues these: tax office < 101, type 00, serial 0000.
      if (Number(head) < 101 || middle === '00' || tail.startsWith('0000')) return
      if (!isKrBrnChecksumValid(digits)) return
      const end = start + value.length
      const form = sep === undefined ? 'none' : sep.includes('-') ? 'hyphen' : 'space'
      const labelled = context.has(input.text, start, end)
      const score = labelled ? (form === 'hyphen' ? 0.95 : 0.9) : baseScore[form]
      const code = Number(middle)
      const subtype = code >= 80 && code <= 89 ? 'corporate' : 'individual'
      found.push({ type: 'KR_BRN', start, end, score, subtype, validator: 'brn-checksum' })
    })
    return found
  },
}
