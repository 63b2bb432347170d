import { hangulRunEnd, hangulRunStart, isHangulAt } from './hangul-run.ts'
import { koreanSurnames, nameStopWords } from './korean-name-data.ts'
import { departmentEndings, rankModifiers, startsWithTail } from './korean-person-cues.ts'
import { isGivenName, mayStartName, splitKoreanName } from './split-korean-name.ts'

/** A Korean name span and how sure the cue that found it makes us. */
export interface KoreanNameSpan {
  readonly start: number
  readonly end: number
  readonly score: number
}

/** Scores by cue; see the PERSON scoring notes in person-detector.ts. */
const viaModifier = 0.8
const spacedForm = 0.75
const spacedAfterDeterminer = 0.45

// Surnames that are also determiners or numerals (이 this, 전 all/former, 한 one, 오 five): "이 정도
// 과장" must not become a spaced name.
const determinerSurnames: ReadonlySet<string> = new Set('이전한오구사육모동현신주양')

/** The Hangul word ending at `end` (exclusive), or undefined when there is none or it is too long. */
function wordBefore(text: string, end: number): { start: number; word: string } | undefined {
  const start = hangulRunStart(text, end, 6)
  if (start === end || isHangulAt(text, start - 1)) return undefined
  return { start, word: text.slice(start, end) }
}

/** A whole word that is a full name (three or four syllables). */
function fullNameBefore(text: string, end: number, score: number): KoreanNameSpan | undefined {
  const found = wordBefore(text, end)
  if (!found || found.word.length < 3) return undefined
  return splitKoreanName(found.word, false) === found.word.length
    ? { start: found.start, end, score }
    : undefined
}

const isDepartment = (word: string): boolean =>
  word.length >= 2 && departmentEndings.some((ending) => word.endsWith(ending))

/**
 * The name written before an honorific or rank that starts at `at`: 홍길동님, 김철수 과장, 홍 길동 님,
 * and for ranks also through a modifier or unit (홍길동 전 장관, 홍길동 인사과장, 김철수 개발팀 팀장).
 */
export function findKoreanNameBefore(
  text: string,
  at: number,
  isRank: boolean,
  score: number,
): KoreanNameSpan | undefined {
  if (isHangulAt(text, at - 1)) {
    const found = wordBefore(text, at)
    if (!found) return undefined
    if (found.word.length >= 3 && splitKoreanName(found.word, false) === found.word.length) {
      return { start: found.start, end: at, score }
    }
    // 인사과장, 총무부장: the glued word is a unit, so the name (if any) is the word before it.
    if (!isRank || found.word.length < 2 || text.charAt(found.start - 1) !== ' ') return undefined
    return fullNameBefore(text, found.start - 1, viaModifier)
  }
  if (text.charAt(at - 1) !== ' ') return undefined
  const found = wordBefore(text, at - 1)
  if (!found) return undefined
  if (found.word.length >= 3 && splitKoreanName(found.word, false) === found.word.length) {
    return { start: found.start, end: at - 1, score }
  }
  if (isRank && (rankModifiers.has(found.word) || isDepartment(found.word))) {
    return text.charAt(found.start - 1) === ' '
      ? fullNameBefore(text, found.start - 1, viaModifier)
      : undefined
  }
  return spacedNameEndingWith(text, found.start, found.word)
}

/** 홍 길동: a lone surname, one space, then the given name `given` that starts at `givenStart`. */
function spacedNameEndingWith(text: string, givenStart: number, given: string): KoreanNameSpan | undefined {
  if (text.charAt(givenStart - 1) !== ' ' || !isGivenName(given)) return undefined
  const surname = wordBefore(text, givenStart - 1)
  if (!surname || !koreanSurnames.has(surname.word) || surname.word.length + given.length < 3)
    return undefined
  if (nameStopWords.has(surname.word + given)) return undefined
  const score = determinerSurnames.has(surname.word) ? spacedAfterDeterminer : spacedForm
  return { start: surname.start, end: givenStart + given.length, score }
}

/**
 * The name that starts at `at` (after a label or a rank): 홍길동, 홍길동입니다, 홍 길동. Two-syllable
 * names (김구) count only when `allowShort`, i.e. after an explicit "label:".
 */
export function findKoreanNameAfter(
  text: string,
  at: number,
  allowShort: boolean,
  score: number,
): KoreanNameSpan | undefined {
  if (isHangulAt(text, at - 1) || !mayStartName(text, at)) return undefined
  const end = hangulRunEnd(text, at, 12)
  if (end === at) return undefined
  const word = text.slice(at, end)
  const length = splitKoreanName(word, true)
  if (length >= 3 || (length === 2 && allowShort)) return { start: at, end: at + length, score }
  if (length !== 0 || word.length > 2 || !koreanSurnames.has(word) || text.charAt(end) !== ' ')
    return undefined
  const givenEnd = hangulRunEnd(text, end + 1, 12)
  const givenWord = text.slice(end + 1, givenEnd)
  for (const givenLength of [2, 1]) {
    const rest = givenWord.slice(givenLength)
    if (rest !== '' && !startsWithTail(rest)) continue
    const spaced = spacedNameEndingWith(text, end + 1, givenWord.slice(0, givenLength))
    // The label vouches for the form, so a determiner-like surname (이 민수) is fine here.
    if (spaced) return { start: spaced.start, end: spaced.end, score: score - 0.05 }
  }
  return undefined
}
