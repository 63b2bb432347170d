import { type ContextWindow, defaultContextWindow } from '../../detection/scan-input.ts'
import { wordAlternation } from '../contact/word-alternation.ts'

/** A label word (matched case-insensitively) and what it announces. */
export interface Label<K extends string> {
  readonly word: string
  readonly kind: K
  /** Count the word only where it starts a Hangul word (증번호 but not 인증번호). */
  readonly wordStart?: boolean
}

/** Finds labels around a value with one precompiled regex over the window, not one search per word. */
export interface LabelMatcher<K extends string> {
  /**
   * The kind of the label closest to [start, end): the one ending nearest before the value or,
   * on the same line, starting nearest after it (a gap after counts three times a gap before;
   * the longer word wins at one position, so 주민등록번호 beats 등록번호).
   */
  nearest(text: string, start: number, end: number, window?: ContextWindow): K | undefined
  /** True when any label occurs in the window around [start, end). */
  has(text: string, start: number, end: number, window?: ContextWindow): boolean
}

// Field names arrive as "driver license", "driver_license", "driverLicense" or "driver-license".
const labelKey = (word: string): string => word.toLowerCase().replace(/[ _-]/g, '')

/** Compiles `labels` into a {@link LabelMatcher}. */
export function createLabelMatcher<K extends string>(labels: readonly Label<K>[]): LabelMatcher<K> {
  // Exact spellings answer the common case without normalising the matched text.
  const kinds = new Map(
    labels.flatMap((l) => [[labelKey(l.word), l.kind] as const, [l.word, l.kind] as const]),
  )
  const sorted = [...labels].sort((a, b) => b.word.length - a.word.length)
  const source = wordAlternation(
    sorted.map((l) => l.word),
    'separator',
    sorted.map((l) => l.wordStart === true),
  )
  const pattern = new RegExp(source, 'g')
  // Spellings met in text (RRN, Driver_License…) resolved once: normalising the key on every hit
  // cost a third of the search.
  const kindOf = (word: string): K | undefined => {
    let kind = kinds.get(word)
    if (kind === undefined) {
      kind = kinds.get(labelKey(word))
      if (kind !== undefined && kinds.size < 4096) kinds.set(word, kind)
    }
    return kind
  }
  const nearest = (
    text: string,
    start: number,
    end: number,
    window = defaultContextWindow,
  ): K | undefined => {
    const lo = Math.max(0, start - window.before)
    const slice = text.slice(lo, Math.min(text.length, end + window.after))
    // A label in an earlier paragraph, or on the line after the value, belongs to another value.
    // Both searches stay inside the slice: an unbounded one would make a scan quadratic.
    const paragraph = slice.lastIndexOf('\n\n', start - lo - 1)
    const from = paragraph >= 0 ? paragraph + 2 : 0
    const newline = slice.indexOf('\n', end - lo)
    const to = newline >= 0 ? newline : slice.length
    let best: K | undefined
    let bestDistance = Number.POSITIVE_INFINITY
    pattern.lastIndex = from
    for (let m = pattern.exec(slice); m; m = pattern.exec(slice)) {
      const at = lo + m.index
      const after = at + m[0].length
      if (after > lo + to) break
      let distance: number
      if (after <= start) distance = start - after
      else if (at >= end && !labelsNextValue(slice, after - lo)) distance = (at - end) * 3 + 0.5
      else continue
      if (distance < bestDistance) {
        best = kindOf(m[0])
        bestDistance = distance
      }
    }
    return best
  }
  return { nearest, has: (text, start, end, window) => nearest(text, start, end, window) !== undefined }
}

// "… 52786750691 휴대폰: 02-…": a label after the value that ends in a colon introduces the next one.
function labelsNextValue(slice: string, after: number): boolean {
  let i = after
  while (i < after + 3 && slice.charCodeAt(i) === 32) i++
  const c = slice.charCodeAt(i)
  return c === 58 || c === 61 // ':' '='
}

/** Raises a shape's score for a supporting label: by 0.25, to at least 0.7, capped at 1. */
export function withContext(score: number): number {
  return roundScore(Math.min(1, Math.max(score + 0.25, 0.7)))
}

/** Rounds a score to two decimals so sums of steps compare and print cleanly. */
export function roundScore(score: number): number {
  return Math.round(score * 100) / 100
}
