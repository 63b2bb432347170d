import type { Finding } from '../../detection/finding.ts'
import { matchToken } from './secret-token-rules.ts'
import {
  hasLettersAndDigits,
  hasMixedClasses,
  isPlaceholderValue,
  lowerAlphanumerics,
} from './secret-value.ts'

/** What kind of secret a key names; also the finding's subtype when the value is not a known token. */
export type SecretKeyKind = 'password' | 'api_key' | 'secret_key' | 'access_token' | 'aws_secret_access_key'

/** Scores behind assignment findings, exported so tests and tuning read the same numbers. */
export const assignmentScores = {
  strong: 0.85,
  lettersOnly: 0.6,
  prose: 0.7,
  digitsOnlyProse: 0.6,
  awsSecret: 0.95,
} as const

// Pagination, CSRF and limit "tokens" are not credentials.
const notCredentialTokens = 'page next continuation csrf xsrf sync cancel max num total count limit'
  .split(' ')
  .map((word) => `${word}token`)
const passwordWords = ['password', 'passwd', 'passphrase', 'pwd']

/** The kind of secret an identifier such as DB_PASSWORD, clientSecret or x-api-key names, if any. */
export function keyKindOf(identifier: string): SecretKeyKind | undefined {
  const k = lowerAlphanumerics(identifier)
  if (passwordWords.some((word) => k.endsWith(word))) return 'password'
  if (k.endsWith('secretaccesskey')) return 'aws_secret_access_key'
  if (k.endsWith('apikey')) return 'api_key'
  if (k.endsWith('secret') || k.endsWith('secretkey')) return 'secret_key'
  if (k.endsWith('token') && !notCredentialTokens.some((word) => k.endsWith(word))) return 'access_token'
  return undefined
}

// Identifier characters around a key word: letters, digits, '_', '.', '-' (DB_PASSWORD, x-api-key).
const isIdentifierChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45
// After the key: an optional closing quote or bracket, then ':', '=', ':=', '=>' or '=='.
const operator = /["'\])]?[ \t]*(?::=|=>|==?|:)[ \t]*/y
const englishProse = /[ \t]+(?:is|was)[ \t]+/y
// Command-line flags take their value after a space: --password hunter2.
const flagGlue = /[ \t]+/y
// A bare word followed by more words is prose ("Password: must be long"), not a value.
const proseContinues = /^[ \t]+[A-Za-z]/
// After a Korean key: an optional "(password)" gloss, a subject/topic particle, an optional operator.
const koreanGlue = /(?:[ \t]*\([^)\n]{0,20}\))?[ \t]*(?:이란|란|은|는|이|가)?[ \t]*(?:([:=])[ \t]*)?/y
const quotedValue = /"([^"\n]{1,512})"|'([^'\n]{1,512})'|`([^`\n]{1,512})`/y
// Unquoted values stop at whitespace, quotes, separators and any non-ASCII character, so a Korean
// particle or copula glued to the value (abc123입니다) stays outside the span.
const bareValue = /[^\s"'`,;&\u0080-\uffff]{1,256}/y
// Trailing '.', ')', ']' and '}' close the sentence or the code around a bare value.
const isTrailingPunctuation = (c: number): boolean => c === 46 || c === 41 || c === 93 || c === 125
const isQuote = (c: number): boolean => c === 34 || c === 39 || c === 96
// "reset your password: https://…" points somewhere; it is not the password.
const url = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//

interface Value {
  readonly start: number
  readonly end: number
  readonly quoted: boolean
}

function readValue(text: string, at: number): Value | undefined {
  if (isQuote(text.charCodeAt(at))) {
    quotedValue.lastIndex = at
    if (quotedValue.test(text)) return { start: at + 1, end: quotedValue.lastIndex - 1, quoted: true }
  }
  bareValue.lastIndex = at
  if (!bareValue.test(text)) return undefined
  let end = bareValue.lastIndex
  while (end > at && isTrailingPunctuation(text.charCodeAt(end - 1))) end--
  return end === at ? undefined : { start: at, end, quoted: false }
}

function judge(
  text: string,
  key: string,
  kind: SecretKeyKind,
  value: Value,
  prose: boolean,
): { score: number; subtype: string } | undefined {
  const v = text.slice(value.start, value.end)
  if (v.length < 4 || isPlaceholderValue(v) || url.test(v)) return undefined
  const token = matchToken(v)
  if (token && token.length === v.length) return { score: token.score, subtype: token.subtype }
  if (kind === 'password') {
    // $PWD is the shell's working directory, not a password.
    if (/pwd$/i.test(key) && v.includes('/')) return undefined
    if (prose) {
      if (hasMixedClasses(v)) return { score: assignmentScores.prose, subtype: kind }
      return /^[0-9]+$/.test(v) ? { score: assignmentScores.digitsOnlyProse, subtype: kind } : undefined
    }
    if (value.quoted || hasMixedClasses(v)) return { score: assignmentScores.strong, subtype: kind }
    if (proseContinues.test(text.slice(value.end, value.end + 2))) return undefined
    return { score: assignmentScores.lettersOnly, subtype: kind }
  }
  if (prose || v.length < 8 || !hasLettersAndDigits(v)) return undefined
  if (kind === 'aws_secret_access_key' && /^[A-Za-z0-9/+=]{40}$/.test(v)) {
    return { score: assignmentScores.awsSecret, subtype: kind }
  }
  return { score: assignmentScores.strong, subtype: kind }
}

function finding(value: Value, verdict: { score: number; subtype: string }): Finding {
  return {
    type: 'SECRET',
    start: value.start,
    end: value.end,
    score: verdict.score,
    subtype: verdict.subtype,
  }
}

/**
 * Reads `key = value` (and `"key": "value"`, `key: value`, `password is value`) around an English key
 * word found at [keyStart, keyEnd); the finding spans the value only.
 */
export function readEnglishAssignment(text: string, keyStart: number, keyEnd: number): Finding | undefined {
  let a = keyStart
  let b = keyEnd
  while (a > 0 && keyStart - a < 64 && isIdentifierChar(text.charCodeAt(a - 1))) a--
  while (b < text.length && b - keyEnd < 64 && isIdentifierChar(text.charCodeAt(b))) b++
  const identifier = text.slice(a, b)
  const kind = keyKindOf(identifier)
  if (kind === undefined) return undefined
  operator.lastIndex = b
  let prose = false
  let at = operator.test(text) ? operator.lastIndex : -1
  if (at < 0 && kind === 'password') {
    const glue = identifier.startsWith('--') ? flagGlue : englishProse
    glue.lastIndex = b
    if (glue.test(text)) {
      at = glue.lastIndex
      prose = glue === englishProse
    }
  }
  if (at < 0) return undefined
  const value = readValue(text, at)
  const verdict = value && judge(text, identifier, kind, value, prose)
  return value && verdict ? finding(value, verdict) : undefined
}

// Without ':' or '=' the value must look like a password (letters with digits or symbols, or a PIN),
// so prose such as "비밀번호 reset" is not taken.
/** Reads the value after a Korean password word (비밀번호: …, 비밀번호는 …입니다); the span is the value only. */
export function readKoreanAssignment(text: string, keyEnd: number): Finding | undefined {
  koreanGlue.lastIndex = keyEnd
  const glue = koreanGlue.exec(text)
  if (!glue) return undefined
  const value = readValue(text, koreanGlue.lastIndex)
  if (!value) return undefined
  const verdict = judge(text, '비밀번호', 'password', value, glue[1] === undefined)
  return verdict ? finding(value, verdict) : undefined
}
