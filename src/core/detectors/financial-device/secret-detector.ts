import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import type { ScanInput } from '../../detection/scan-input.ts'
import { decodeBase64 } from '../../validators/decode-base64.ts'
import { contextTest } from './context-test.ts'
import { findSecretPrefixes, prefixSlots } from './secret-prefixes.ts'
import { isTokenChar, looksRandom, matchToken } from './secret-token-rules.ts'
import { hasLettersAndDigits, isPlaceholderValue } from './secret-value.ts'

// Provider prefixes, PEM armour and HTTP auth schemes are found by findSecretPrefixes (rare-character
// searches, not one regex alternation); key = value assignments have their own detector.
const pemLabel = /((?:[A-Z0-9]+ ){0,3})PRIVATE KEY(?: BLOCK)?-----/y
// Without an END line the key runs to the end of its base64 body (lines of base64 only).
const pemBody = /(?:\r?\n[A-Za-z0-9+/=]+(?=\r?\n|$))*/y
const bearerValue = /[A-Za-z0-9._~+/-]+=*/y
const basicValue = /[A-Za-z0-9+/]+={0,2}/y
const printableAscii = /^[\x20-\x7e]+$/

/** Scores behind key-block and header findings, exported so tests and tuning read the same numbers. */
export const secretScores = {
  privateKey: 1,
  privateKeyTruncated: 0.9,
  bearerWithHeader: 0.9,
  bearer: 0.8,
  basic: 0.95,
} as const

const nearAuthorization = contextTest(['authorization'])
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

// End of the run of token characters from `from`.
function tokenRunEnd(text: string, from: number): number {
  let i = from
  while (i < text.length && isTokenChar(text.charCodeAt(i))) i++
  return i
}

// Extent of the candidate after a prefix: a run of token characters, except that JWTs (eyJ…) and
// SendGrid keys (SG.…) are read segment by segment, so "eyJa.eyJa.eyJa…" costs a bounded read per
// match instead of a read to the end of the text. -1 when a dotted token lacks its dots.
function candidateEnd(text: string, start: number): number {
  const c = text.charCodeAt(start)
  const jwt = c === 101 // 'e' of eyJ
  if (!jwt && !(c === 83 && text.charCodeAt(start + 1) === 71)) return tokenRunEnd(text, start)
  let end = tokenRunEnd(text, start + 3)
  for (let dots = jwt ? 2 : 1; dots > 0; dots--) {
    if (text.charCodeAt(end) !== 46) return -1
    end = tokenRunEnd(text, end + 1)
  }
  return end
}

function readToken(text: string, start: number): Finding | undefined {
  if (start > 0 && isTokenChar(text.charCodeAt(start - 1))) return undefined
  const end = candidateEnd(text, start)
  const token = end > start ? matchToken(text.slice(start, end)) : undefined
  if (!token) return undefined
  return { type: 'SECRET', start, end: start + token.length, score: token.score, subtype: token.subtype }
}

// Finds END lines lazily: one forward search serves every BEGIN before it, so many BEGINs stay linear.
function createEndFinder(text: string): (from: number) => number {
  let found = -2
  return (from) => {
    if (found === -1 || found >= from) return found
    found = text.indexOf('-----END ', from)
    return found
  }
}

function readPrivateKey(
  text: string,
  start: number,
  afterBegin: number,
  findEnd: (from: number) => number,
): Finding | undefined {
  pemLabel.lastIndex = afterBegin
  const label = pemLabel.exec(text)
  if (!label) return undefined
  const headerEnd = pemLabel.lastIndex
  const end = findEnd(headerEnd)
  const footer = `-----END ${label[1] ?? ''}PRIVATE KEY`
  let stop: number
  let score: number
  if (end >= 0 && text.startsWith(footer, end)) {
    const close = text.indexOf('-----', end + footer.length)
    stop = close < 0 ? end + footer.length : close + 5
    score = secretScores.privateKey
  } else {
    pemBody.lastIndex = headerEnd
    pemBody.exec(text)
    stop = pemBody.lastIndex
    score = secretScores.privateKeyTruncated
  }
  return { type: 'SECRET', start, end: stop, score, subtype: 'private_key' }
}

function readAuthorization(text: string, start: number, schemeLength: number): Finding | undefined {
  if (start > 0 && isLetter(text.charCodeAt(start - 1))) return undefined
  const at = start + schemeLength
  if (text.charCodeAt(start + 1) === 97) {
    // "Basic ": the only scheme with 'a' second ("Bearer ", "bearer " have 'e').
    basicValue.lastIndex = at
    const m = basicValue.exec(text)
    if (
      !m ||
      m[0].length < 8 ||
      (at + m[0].length < text.length && isTokenChar(text.charCodeAt(at + m[0].length)))
    ) {
      return undefined
    }
    // A real Basic credential decodes to "user:password".
    const decoded = decodeBase64(m[0])
    const colon = decoded?.indexOf(':') ?? -1
    if (decoded === undefined || colon < 1 || colon === decoded.length - 1 || !printableAscii.test(decoded)) {
      return undefined
    }
    return {
      type: 'SECRET',
      start: at,
      end: at + m[0].length,
      score: secretScores.basic,
      subtype: 'basic_auth',
    }
  }
  bearerValue.lastIndex = at
  const m = bearerValue.exec(text)
  if (!m) return undefined
  const value = m[0].replace(/\.+$/, '')
  const token = matchToken(value)
  if (token && token.length === value.length) {
    return {
      type: 'SECRET',
      start: at,
      end: at + value.length,
      score: token.score,
      subtype: token.subtype,
    }
  }
  if (value.length < 16 || !hasLettersAndDigits(value) || !looksRandom(value) || isPlaceholderValue(value)) {
    return undefined
  }
  const header = nearAuthorization(text, start, at)
  const score = header ? secretScores.bearerWithHeader : secretScores.bearer
  return { type: 'SECRET', start: at, end: at + value.length, score, subtype: 'bearer_token' }
}

function detect(input: ScanInput): Finding[] {
  const { text } = input
  const findings: Finding[] = []
  const findEnd = createEndFinder(text)
  let next = 0
  for (const code of findSecretPrefixes(text)) {
    const start = Math.floor(code / prefixSlots)
    if (start < next) continue
    const matchEnd = start + (code % prefixSlots)
    const c = text.charCodeAt(start)
    let found: Finding | undefined
    if (c === 45) found = readPrivateKey(text, start, matchEnd, findEnd)
    else if (c === 66 || c === 98) found = readAuthorization(text, start, matchEnd - start)
    else found = readToken(text, start)
    // Skip past the credential (or at least the prefix), so a prefix inside it is not read again.
    next = found ? Math.max(matchEnd, found.end) : matchEnd
    if (found) findings.push(found)
  }
  return findings
}

/** SECRET: provider API keys and tokens, JWTs, private key blocks and HTTP Authorization credentials. */
export const secretDetector: Detector = { id: 'secret', types: ['SECRET'], detect }
