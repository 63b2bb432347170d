import type { Finding } from '../../detection/finding.ts'
import { ASCII_LETTER, DIGIT, digitJoin, HARD_JOIN, NO_JOIN, unitTable } from './exact-data-text.ts'
import type { FingerprintMatcher } from './fingerprint-matcher.ts'
import { maxDigitGroups } from './fingerprint-set.ts'
import { fnvStart, fnvStep } from './keyed-tag.ts'

/** Receives the ASCII digit runs of one text in order and reports numeric values made of them. */
export interface DigitRuns {
  group(start: number, end: number): void
  finish(): void
}

/**
 * Collects digit groups joined by separators into a sequence and, when it ends, tries every
 * stretch of it by its digits alone. A stretch may not split groups joined by '-', '.' or '/'
 * ("1234" is not in "010-1234-5678", but is in "1234 5678"), nor touch an ASCII letter ("A1234").
 */
export function createDigitRuns(matcher: FingerprintMatcher, text: string, out: Finding[]): DigitRuns {
  const { shape } = matcher
  const table = unitTable()
  const n = text.length
  const starts: number[] = []
  const ends: number[] = []
  const joins: number[] = [] // joins[k]: how group k joins group k + 1
  // A number glued to an ASCII letter is part of a code; next to Hangul it is not ("번호1234").
  const glued = (at: number): boolean =>
    at >= 0 && at < n && ((table[text.charCodeAt(at)] as number) & (ASCII_LETTER | DIGIT)) !== 0

  const flush = (): void => {
    const count = starts.length
    for (let a = 0; a < count; a++) {
      const from = starts[a] as number
      if (a > 0 ? joins[a - 1] === HARD_JOIN : glued(from - 1)) continue
      let hash = fnvStart
      let digits = 0
      for (let b = a; b < count && b < a + maxDigitGroups; b++) {
        const to = ends[b] as number
        for (let u = starts[b] as number; u < to; u++) hash = fnvStep(hash, text.charCodeAt(u))
        digits += to - (starts[b] as number)
        if (digits > shape.maxDigits) break
        if (b < count - 1 ? joins[b] === HARD_JOIN : glued(to)) continue
        if (digits < shape.minDigits || !matcher.isDigits(hash)) continue
        let value = ''
        for (let k = a; k <= b; k++) value += text.slice(starts[k], ends[k])
        if (matcher.confirm(value)) out.push(matcher.found(from, to))
      }
    }
    starts.length = 0
    ends.length = 0
    joins.length = 0
  }

  return {
    group(start, end) {
      const join = starts.length > 0 ? digitJoin(text, ends[ends.length - 1] as number, start) : NO_JOIN
      if (join === NO_JOIN) flush()
      else joins.push(join)
      starts.push(start)
      ends.push(end)
    },
    finish: flush,
  }
}
