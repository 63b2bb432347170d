import { beforeJaSyllables, givenNameSyllables, koreanSurnames, nameStopWords } from './korean-name-data.ts'
import { startsWithTailAt } from './korean-person-cues.ts'

// Per-unit tables: names are checked at every cue, so the checks read code units, not slices.
const singleSurname = new Uint8Array(0x10000)
const doubleSurnameFirst = new Uint8Array(0x10000)
const givenSyllable = new Uint8Array(0x10000)
const beforeJa = new Uint8Array(0x10000)
for (const s of koreanSurnames) (s.length === 1 ? singleSurname : doubleSurnameFirst)[s.charCodeAt(0)] = 1
for (const s of givenNameSyllables) givenSyllable[s.charCodeAt(0)] = 1
for (const s of beforeJaSyllables) beforeJa[s.charCodeAt(0)] = 1
const ja = '자'.charCodeAt(0)

/**
 * A cheap necessary condition for a name at `at`: a surname, then a given-name syllable or (홍 길동)
 * a space. Most words after a cue fail it before anything is sliced.
 */
export function mayStartName(text: string, at: number): boolean {
  const c = text.charCodeAt(at)
  if (doubleSurnameFirst[c] === 1) return true
  const next = text.charCodeAt(at + 1)
  return singleSurname[c] === 1 && (givenSyllable[next] === 1 || next === 0x20)
}

/** isGivenName for the `length` (one or two) units of `text` at `start`. */
function isGivenNameAt(text: string, start: number, length: number): boolean {
  const a = text.charCodeAt(start)
  if (givenSyllable[a] !== 1) return false
  if (length === 1) return a !== ja
  const b = text.charCodeAt(start + 1)
  if (givenSyllable[b] !== 1) return false
  // 자 ends old female names (영자, 순자) but mostly role nouns (이용자, 지원자): see beforeJaSyllables.
  return b !== ja || beforeJa[a] === 1
}

/** True when every syllable of `given` (one or two) can belong to a Korean given name. */
export function isGivenName(given: string): boolean {
  return given.length > 0 && given.length <= 2 && isGivenNameAt(given, 0, given.length)
}

/** True when the first `length` (one or two) units of `word` are a Korean surname. */
function isSurnameAt(word: string, length: number): boolean {
  if (length === 1) return word.length >= 1 && singleSurname[word.charCodeAt(0)] === 1
  return (
    word.length >= 2 && doubleSurnameFirst[word.charCodeAt(0)] === 1 && koreanSurnames.has(word.slice(0, 2))
  )
}

/**
 * Length of the Korean full name (surname + one or two given syllables) at the start of `word`, a run
 * of Hangul; 0 when there is none. With `allowTail` the name may be followed by a particle or copula
 * inside the word (홍길동입니다); otherwise the whole word must be the name.
 */
export function splitKoreanName(word: string, allowTail: boolean): number {
  for (let surnameLength = 2; surnameLength >= 1; surnameLength--) {
    if (!isSurnameAt(word, surnameLength)) continue
    for (let givenLength = 2; givenLength >= 1; givenLength--) {
      const length = surnameLength + givenLength
      if (length > word.length || length > 4) continue
      if (!isGivenNameAt(word, surnameLength, givenLength)) continue
      if (length < word.length && !(allowTail && startsWithTailAt(word, length))) continue
      if (nameStopWords.has(word.slice(0, length))) return 0
      return length
    }
  }
  return 0
}
