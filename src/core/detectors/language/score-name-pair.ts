import {
  ambiguousRomanizedSurnames,
  englishFirstNames,
  romanizedGivenName,
  romanizedSurnames,
} from './english-name-data.ts'

// A known given name before a capitalised word is a medium cue; a hyphenated romanised Korean name
// (Hong Gil-dong) is rarer in prose and scores higher.
const firstLastPair = 0.7
const romanizedPair = 0.8

/** Score of a capitalised pair with no cue around it: only known given names and romanised Korean. */
export function scoreNamePair(words: readonly string[]): number {
  const [first, second] = words
  if (first === undefined || second === undefined) return 0
  if (englishFirstNames.has(first)) return firstLastPair
  if (isRomanizedKorean(words)) return second.includes('-') || first.includes('-') ? romanizedPair : 0
  return 0
}

/** Hong Gil-dong, Gil-dong Hong, HONG GILDONG: a romanised surname beside a romanised given name. */
export function isRomanizedKorean(words: readonly string[]): boolean {
  if (words.length !== 2) return false
  const [a, b] = words.map((w) => w.toLowerCase()) as [string, string]
  const surnameFirst = romanizedSurnames.has(a) && romanizedGivenName.test(b)
  const givenFirst = romanizedSurnames.has(b) && romanizedGivenName.test(a) && a.includes('-')
  if (!surnameFirst && !givenFirst) return false
  return !(surnameFirst && ambiguousRomanizedSurnames.has(a) && !b.includes('-'))
}
