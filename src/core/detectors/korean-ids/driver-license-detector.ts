import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import { createLabelMatcher, withContext } from './nearest-label.ts'
import { matchAtRunStarts } from './numeric-runs.ts'

// RR-YY-NNNNNN-CC with one separator style, or the legacy YY-NNNNNN-CC after a region name
// (checked in code, so the pattern still starts on a digit).
const shape =
  /(?<![0-9A-Za-z]|[0-9][-.])(?:([0-9]{2})([- ]?))?([0-9]{2})([- ]?)([0-9]{6})\4([0-9]{2})(?![0-9A-Za-z]|[-.][0-9])/y
// RR or YY (or RRYY) then a separator, or 10 or 12 bare digits.
const fits = (digits: number, next: number): boolean =>
  ((digits === 2 || digits === 4) && (next === 32 || next === 45)) || digits === 10 || digits === 12

// 11 서울 … 26 울산, 28 경기북부; 27 is unassigned (pii-detection.md §3.4).
const regionCodes = new Set([11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28])
const regionName =
  /(?:서울|부산|경기(?:북부|남부)?|강원|충북|충남|전북|전남|경북|경남|제주|대구|인천|광주|대전|울산) ?$/

const context = createLabelMatcher(
  [
    '운전면허',
    '면허번호',
    '면허증',
    '면허 번호',
    "driver's licen",
    'driver licen',
    'driving licen',
    'licence no',
    'license no',
    'licence number',
    'license number',
    'dl no',
    'dl number',
    'dl#',
    'dl:',
  ].map((word) => ({ word, kind: 'label' })),
)

const baseScore = { '-': 0.65, ' ': 0.55, '': 0.3 } as const

/** 운전면허번호: 12 digits with a region code (hard), or the legacy form led by a region name. */
export const driverLicenseDetector: Detector = {
  id: 'kr-driver-license',
  types: ['KR_DRIVER_LICENSE'],
  detect(input) {
    const text = input.text
    const found: Finding[] = []
    matchAtRunStarts(input, shape, fits, (m, at) => {
      const [value, region, sep1, , sep2 = ''] = m
      let start = at
      const end = start + value.length
      let score: number
      let validator: string
      let subtype: string | undefined
      if (region !== undefined) {
        if (sep1 !== sep2 || !regionCodes.has(Number(region))) return
        if (sep2 !== '-' && sep2 !== ' ' && sep2 !== '') return
        score = baseScore[sep2]
        validator = 'region-code'
      } else {
        const name = sep2 === '-' ? regionName.exec(text.slice(Math.max(0, start - 5), start)) : null
        if (!name) return
        start -= name[0].length
        score = 0.8
        validator = 'region-name'
        subtype = 'legacy'
      }
      if (context.has(text, start, end)) score = withContext(score)
      const finding: Finding = { type: 'KR_DRIVER_LICENSE', start, end, score, validator }
      found.push(subtype ? { ...finding, subtype } : finding)
    })
    return found
  },
}
