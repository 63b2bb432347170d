import { type NormalizedText, normalizeText } from '../text/normalize-text.ts'

/** How far around a candidate context words are looked for, in UTF-16 units of normalised text. */
export interface ContextWindow {
  readonly before: number
  readonly after: number
}

/** Default window: labels precede values in both languages ("주민등록번호: …", "card no …"). */
export const defaultContextWindow: ContextWindow = { before: 48, after: 16 }

/** What every detector reads: the normalised text and helpers for context words. */
export interface ScanInput {
  readonly text: string
  readonly normalized: NormalizedText
  /**
   * True when one of `words` (lower-case; substring match, so inflected Korean forms such as
   * 주민등록번호는 count) occurs in the window around [start, end).
   */
  hasContext(start: number, end: number, words: readonly string[], window?: ContextWindow): boolean
  /**
   * The value `memo` derives from this input (digit runs, …), computed on first use and kept with the
   * input, so every detector of one scan shares it and it is dropped with the input.
   */
  derive<T>(memo: ScanMemo<T>): T
}

/** A value derived from a scan input once per scan; create one per kind, at module level. */
export interface ScanMemo<T> {
  readonly slot: number
  readonly compute: (input: ScanInput) => T
}

// Slots are handed out as modules load; each scan input keeps its derived values in an array by slot,
// which is cheaper than a WeakMap entry per input and per kind (a WeakMap set costs more than most
// detectors spend on a short prompt).
let slotCount = 0

/** Declares a per-scan derived value; `compute` must be pure. */
export function createScanMemo<T>(compute: (input: ScanInput) => T): ScanMemo<T> {
  return { slot: slotCount++, compute }
}

// One compiled regex per word list, memoised on the list's identity: detectors pass module-level
// constants, so each list compiles once. A pure cache, safe to share across scans.
const compiledWords = new WeakMap<readonly string[], RegExp>()

function matcherFor(words: readonly string[]): RegExp {
  let matcher = compiledWords.get(words)
  if (!matcher) {
    const alternatives = [...words]
      .sort((a, b) => b.length - a.length)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    matcher = new RegExp(alternatives.join('|'))
    compiledWords.set(words, matcher)
  }
  return matcher
}

const upperAscii = /[A-Z]/

function lowered(s: string): string {
  return upperAscii.test(s) ? s.toLowerCase() : s
}

/** Builds the scan input for one text. */
export function createScanInput(original: string): ScanInput {
  const normalized = normalizeText(original)
  const text = normalized.text
  const derived: unknown[] = []
  return {
    text,
    normalized,
    derive<T>(memo: ScanMemo<T>): T {
      const known = derived[memo.slot]
      if (known !== undefined) return known as T
      const value = memo.compute(this)
      derived[memo.slot] = value
      return value
    },
    hasContext(start, end, words, window = defaultContextWindow) {
      if (words.length === 0) return false
      const matcher = matcherFor(words)
      if (matcher.test(lowered(text.slice(Math.max(0, start - window.before), start)))) return true
      return matcher.test(lowered(text.slice(end, Math.min(text.length, end + window.after))))
    },
  }
}
