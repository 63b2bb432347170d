import { englishFirstNames, englishNameStopWords, romanizedSurnames } from './english-name-data.ts'

/** A run of one to three capitalised name words found in the text. */
export interface EnglishName {
  readonly start: number
  readonly end: number
  readonly words: readonly string[]
}

// Title-case words (incl. McDonald, O'Brien, Gil-dong), initials (J.) and all-caps words (HONG).
const word =
  "(?:[A-Z][a-z]{0,2}[A-Z]?[a-z]{1,20}(?:['-][A-Za-z][a-z]{1,20})?|[A-Z]'[A-Z][a-z]{1,20}|[A-Z]\\.|[A-Z]{2,20}(?:-[A-Z]{2,10})?)"
const nameWords = new RegExp(`${word}(?: ${word}){0,2}(?![A-Za-z0-9@])`, 'y')

const isAllCaps = (w: string): boolean => w.length > 1 && w === w.toUpperCase() && !w.endsWith('.')

/** True when `w` (any case) is a known English given name or a romanised Korean surname. */
export function isKnownNameWord(w: string): boolean {
  const lower = w.toLowerCase()
  return englishFirstNames.has(lower.charAt(0).toUpperCase() + lower.slice(1)) || romanizedSurnames.has(lower)
}

/**
 * Reads capitalised name words starting exactly at `at`, stopping before words that are not names
 * (Team, Street, Claude…). All-caps words count only when one of them is a known name (HONG GILDONG).
 */
export function readEnglishName(text: string, at: number): EnglishName | undefined {
  // Every name word starts with a capital; most calls are at something else.
  const first = text.charCodeAt(at)
  if (!(first >= 0x41 && first <= 0x5a)) return undefined
  nameWords.lastIndex = at
  const match = nameWords.exec(text)
  if (!match) return undefined
  const words: string[] = []
  for (const w of match[0].split(' ')) {
    if (englishNameStopWords.has((w.endsWith('.') ? w.slice(0, -1) : w).toLowerCase())) break
    words.push(w)
  }
  while (words.length > 0 && (words.at(-1) as string).endsWith('.')) words.pop()
  if (words.length === 0) return undefined
  let end = at - 1
  let hasCaps = false
  let knownCaps = false
  for (const w of words) {
    end += w.length + 1
    if (isAllCaps(w)) {
      hasCaps = true
      knownCaps ||= isKnownNameWord(w)
    }
  }
  if (hasCaps && !knownCaps) return undefined
  return { start: at, end, words }
}
