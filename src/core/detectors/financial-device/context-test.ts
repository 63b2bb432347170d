import { type ContextWindow, defaultContextWindow } from '../../detection/scan-input.ts'

/** True when one of the words occurs before [start, end) or after it, within `window`. */
export type ContextTest = (text: string, start: number, end: number, window?: ContextWindow) => boolean

// Lower case as String#toLowerCase gives it for the characters context words are made of: ASCII
// letters fold, Hangul, digits and punctuation have no case. Two other characters lower-case to ASCII:
// the Kelvin sign never reaches detectors (normalisation turns it into 'K') and 'İ' becomes "i̇",
// which can only complete a word that ends in 'i' (see `matchesAt`).
const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c)
const dottedCapitalI = 0x130

/**
 * Compiles `words` (lower-case) into a test with the same answers as `ScanInput.hasContext`, reading
 * the window in place: hasContext lower-cases two copies of it, and `toLowerCase` on a window holding
 * Hangul goes through ICU, which costs microseconds per call.
 */
export function contextTest(words: readonly string[]): ContextTest {
  // Words by their first character; a small table over the low bits of the first two characters
  // filters positions before any word of two or more characters is compared.
  const byFirst = new Map<number, string[]>()
  const pairs = new Uint8Array(1 << 12)
  // One-character words (씨) are looked for unit by unit.
  const singles = new Set<number>()
  for (const word of words) {
    if (word.length === 0) throw new Error('empty context word')
    if (word.length === 1) {
      singles.add(word.charCodeAt(0))
      continue
    }
    const first = word.charCodeAt(0)
    byFirst.set(first, [...(byFirst.get(first) ?? []), word])
    pairs[pairKey(first, word.charCodeAt(1))] = 1
  }

  // True when `word` occurs at text[i] and ends by `limit`.
  const matchesAt = (text: string, i: number, limit: number, word: string): boolean => {
    if (i + word.length > limit) return false
    const last = word.length - 1
    for (let k = 0; k <= last; k++) {
      const c = text.charCodeAt(i + k)
      const w = word.charCodeAt(k)
      // 'İ' lower-cases to 'i' + U+0307, so it completes a word only as its last letter.
      if (lower(c) !== w && !(k === last && w === 105 && c === dottedCapitalI)) return false
    }
    return true
  }
  const hasSingle = (text: string, from: number, to: number): boolean => {
    for (let i = from; i < to; i++) {
      const c = lower(text.charCodeAt(i))
      if (singles.has(c) || (c === dottedCapitalI && singles.has(105))) return true
    }
    return false
  }
  const occursIn = (text: string, from: number, to: number): boolean => {
    if (singles.size > 0 && hasSingle(text, from, to)) return true
    let next = lower(text.charCodeAt(from))
    for (let i = from; i < to - 1; i++) {
      const c = next
      next = lower(text.charCodeAt(i + 1))
      if (pairs[pairKey(c, next)] !== 1 && !(next === dottedCapitalI && pairs[pairKey(c, 105)] === 1))
        continue
      for (const word of byFirst.get(c) ?? none) if (matchesAt(text, i, to, word)) return true
    }
    return false
  }
  return (text, start, end, window = defaultContextWindow) =>
    occursIn(text, Math.max(0, start - window.before), start) ||
    occursIn(text, end, Math.min(text.length, end + window.after))
}

const none: readonly string[] = []
const pairKey = (a: number, b: number): number => ((a & 0x3f) << 6) | (b & 0x3f)
