import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import { createLabelMatcher, type Label } from './nearest-label.ts'
import { matchAtRunStarts } from './numeric-runs.ts'

// Eleven digits, at most one hyphen between any two (the group count is checked in code).
const shape = /(?<![0-9A-Za-z]|[0-9][-.])[0-9](?:-?[0-9]){10}(?![0-9A-Za-z]|[-.][0-9])/y
// Eleven bare digits, or fewer before a hyphen.
const fits = (digits: number, next: number): boolean => digits === 11 || (digits < 11 && next === 45)

type NhiLabel = 'strong' | 'weak' | 'rival'
const labels: Label<NhiLabel>[] = [
  ...[
    '건강보험',
    '건강 보험',
    '건강보험 증번호',
    '건강보험증 번호',
    '보험증',
    'nhi',
    'health insurance',
    'insurance card',
    '의료보험',
  ].map((word) => ({ word, kind: 'strong' as const })),
  // Short labels that are also tails of other words (인증번호, 보증번호, 사건보고) count only at
  // the start of a word.
  ...['증번호', '증 번호', '건보'].map((word) => ({ word, kind: 'weak' as const, wordStart: true })),
  // 보험증권번호 is a private insurer's policy number, not the NHIS card number.
  ...['보험증권', '증권번호', '전화', '연락처', '휴대폰', 'phone', '계좌'].map((word) => ({
    word,
    kind: 'rival' as const,
  })),
]
const context = createLabelMatcher(labels)
const phoneShape = /^0[0-9]{1,2}-[0-9]{3,4}-[0-9]{4}$/
const mobilePrefix = /^01[016789]/

/** 건강보험증 번호: 11 digits, reported only with a health-insurance label (no public checksum). */
export const nhiDetector: Detector = {
  id: 'kr-nhi',
  types: ['KR_NHI'],
  detect(input) {
    const text = input.text
    const found: Finding[] = []
    matchAtRunStarts(input, shape, fits, (m, at) => {
      const value = m[0]
      if (hyphenCount(value) > 2 || phoneShape.test(value)) return
      const start = at
      const end = start + value.length
      const label = context.nearest(text, start, end)
      if (label === undefined || label === 'rival') return
      // Mobile numbers share the length: keep them below what a phone detector reports.
      const score = mobilePrefix.test(value) ? 0.55 : label === 'strong' ? 0.8 : 0.7
      found.push({ type: 'KR_NHI', start, end, score })
    })
    return found
  },
}

function hyphenCount(value: string): number {
  let count = 0
  for (let i = value.indexOf('-'); i >= 0; i = value.indexOf('-', i + 1)) count++
  return count
}
