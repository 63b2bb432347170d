import { beforeJaSyllables, givenNameSyllables, koreanSurnames, nameStopWords } from './korean-name-data.ts'
import { startsWithTail } from './korean-person-cues.ts'

/** True when every syllable of `given` (one or two) can belong to a Korean given name. */
export function isGivenName(given: string): boolean {
  if (given.length === 0 || given.length > 2) return false
  for (const ch of given) if (!givenNameSyllables.has(ch)) return false
  // 자 ends old female names (영자, 순자) but mostly role nouns (이용자, 지원자): see beforeJaSyllables.
  if (given.endsWith('자')) return given.length === 2 && beforeJaSyllables.has(given.charAt(0))
  return true
}

/**
 * Length of the Korean full name (surname + one or two given syllables) at the start of `word`, a run
 * of Hangul; 0 when there is none. With `allowTail` the name may be followed by a particle or copula
 * inside the word (홍길동입니다); otherwise the whole word must be the name.
 */
export function splitKoreanName(word: string, allowTail: boolean): number {
  for (const surnameLength of [2, 1]) {
    if (!koreanSurnames.has(word.slice(0, surnameLength))) continue
    for (const givenLength of [2, 1]) {
      const length = surnameLength + givenLength
      if (length > word.length || length > 4) continue
      if (!isGivenName(word.slice(surnameLength, length))) continue
      const rest = word.slice(length)
      if (rest !== '' && !(allowTail && startsWithTail(rest))) continue
      if (nameStopWords.has(word.slice(0, length))) return 0
      return length
    }
  }
  return 0
}
