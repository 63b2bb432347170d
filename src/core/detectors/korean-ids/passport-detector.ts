import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import { icaoCheckDigit } from '../../validators/icao-check-digit.ts'
import { digitRunsOf } from './digit-runs.ts'
import { createLabelMatcher } from './nearest-label.ts'

// Type letter (M, S, R, G/O, D) + 8 digits (until Dec 2021) or 3 digits, a letter, 4 digits.
// Inside an MRZ the number is followed by its ICAO check digit and the nationality KOR. The
// pattern starts on the first digit and checks the type letter behind it: letters are too common
// in prose to start a pattern on.
const shape =
  /(?<=(?<![0-9A-Za-z<])[MSRGODmsrgod])[0-9]{3}(?:[0-9]{5}|[A-Za-z][0-9]{4})(?:([0-9])(?=KOR[0-9]{7}[MF<])|(?![0-9A-Za-z]))/y
// The digits after the type letter start a run of three or more: only those runs are tried.
const typeLetters = new Set('MSRGODmsrgod'.split('').map((c) => c.charCodeAt(0)))

const context = createLabelMatcher(
  ['여권', 'passport', 'pass no', 'pp no', 'mrz', 'p<kor', '旅券'].map((word) => ({ word, kind: 'label' })),
)

/** 여권번호: both formats, context-gated (product codes share the shape); an MRZ check digit validates alone. */
export const passportDetector: Detector = {
  id: 'kr-passport',
  types: ['KR_PASSPORT'],
  detect(input) {
    const text = input.text
    const found: Finding[] = []
    const runs = digitRunsOf(input)
    let covered = 0
    for (let k = 0; k < runs.count; k++) {
      const at = runs.bounds[k * 2] as number
      if (at < covered || (runs.bounds[k * 2 + 1] as number) - at < 3) continue
      if (!typeLetters.has(text.charCodeAt(at - 1))) continue
      shape.lastIndex = at
      const m = shape.exec(text)
      if (m === null) continue
      covered = at + m[0].length
      const start = m.index - 1
      const end = m.index + 8
      const check = m[1]
      const subtype = text.charCodeAt(m.index + 3) <= 57 ? 'legacy' : 'current'
      if (check !== undefined) {
        if (icaoCheckDigit(text.slice(start, end).toUpperCase()) !== Number(check)) continue
        found.push({ type: 'KR_PASSPORT', start, end, score: 0.95, subtype, validator: 'icao-check-digit' })
        continue
      }
      const lowerCase = text.charCodeAt(start) >= 97 ? 0.05 : 0
      const base = context.has(text, start, end) ? (subtype === 'current' ? 0.85 : 0.8) : 0.3
      found.push({ type: 'KR_PASSPORT', start, end, score: base - lowerCase, subtype })
    }
    return found
  },
}
