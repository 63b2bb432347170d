import { type ContextWindow, defaultContextWindow } from '../../detection/scan-input.ts'

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

const escapeRegExp = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
// Field names arrive as "driver license", "driver_license", "driverLicense" or "driver-license".
const labelKey = (word: string): string => word.toLowerCase().replace(/[ _-]/g, '')
const wordPattern = (word: string): string => escapeRegExp(word).replace(/ /g, '[ _-]?')

/** Compiles `labels` into a {@link LabelMatcher}. */
export function createLabelMatcher<K extends string>(labels: readonly Label<K>[]): LabelMatcher<K> {
  const kinds = new Map(labels.map((l) => [labelKey(l.word), l.kind]))
  const source = [...labels]
    .sort((a, b) => b.word.length - a.word.length)
    .map((l) => (l.wordStart ? `(?<![가-힣])${wordPattern(l.word)}` : wordPattern(l.word)))
    .join('|')
  const pattern = new RegExp(source, 'gi')
  const nearest = (
    text: string,
    start: number,
    end: number,
    window = defaultContextWindow,
  ): K | undefined => {
    const from = beforeLimit(text, start, window)
    const slice = text.slice(from, afterLimit(text, end, window))
    let best: K | undefined
    let bestDistance = Number.POSITIVE_INFINITY
    pattern.lastIndex = 0
    for (let m = pattern.exec(slice); m; m = pattern.exec(slice)) {
      const at = from + m.index
      const after = at + m[0].length
      let distance: number
      if (after <= start) distance = start - after
      else if (at >= end && !labelsNextValue(text, after)) distance = (at - end) * 3 + 0.5
      else continue
      if (distance < bestDistance) {
        best = kinds.get(labelKey(m[0]))
        bestDistance = distance
      }
    }
    return best
  }
  return { nearest, has: (text, start, end, window) => nearest(text, start, end, window) !== undefined }
}

// "… 52786750691 휴대폰: 02-…": a label after the value that ends in a colon introduces the next one.
function labelsNextValue(text: string, after: number): boolean {
  let i = after
  while (text.charCodeAt(i) === 32) i++
  const c = text.charCodeAt(i)
  return c === 58 || c === 61 // ':' '='
}

// A label in an earlier paragraph belongs to something else.
function beforeLimit(text: string, start: number, window: ContextWindow): number {
  const limit = Math.max(0, start - window.before)
  const paragraph = text.lastIndexOf('\n\n', start - 1)
  return paragraph >= limit ? paragraph + 2 : limit
}

// Labels follow a value only in the same line ("900101-1234567(주민번호)"); one on the next line
// belongs to the next value.
function afterLimit(text: string, end: number, window: ContextWindow): number {
  const limit = Math.min(text.length, end + window.after)
  const newline = text.indexOf('\n', end)
  return newline >= 0 && newline < limit ? newline : limit
}

/** Raises a shape's score for a supporting label: by 0.25, to at least 0.7, capped at 1. */
export function withContext(score: number): number {
  return roundScore(Math.min(1, Math.max(score + 0.25, 0.7)))
}

/** Rounds a score to two decimals so sums of steps compare and print cleanly. */
export function roundScore(score: number): number {
  return Math.round(score * 100) / 100
}
