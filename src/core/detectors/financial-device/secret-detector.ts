import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import type { ScanInput } from '../../detection/scan-input.ts'
import { decodeBase64 } from '../../validators/decode-base64.ts'
import { looksRandom, matchToken } from './secret-token-rules.ts'
import { hasLettersAndDigits, isPlaceholderValue } from './secret-value.ts'

// One pass, each alternative a literal: provider prefixes (group 1), PEM armour (2), HTTP auth schemes
// (3). Key = value assignments have their own detector: irregexp runs the two alternations separately
// faster than one regex holding both (measured on Node 24).
const secretPattern = new RegExp(
  String.raw`(sk-|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|xapp-|AIza|[sr]k_(?:live|test)_|hf_|npm_|SK[0-9a-f]|SG\.|eyJ)` +
    '|(-----BEGIN )' +
    '|([Bb]earer |Basic )',
  'g',
)
// Candidate extents. Only JWTs and SendGrid keys contain dots, and they are read segment by segment,
// so "eyJa.eyJa.eyJa…" costs a bounded read per match instead of a read to the end of the text.
const tokenRun = /[A-Za-z0-9_-]+/y
const jwtRun = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/y
const sendgridRun = /SG\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/y
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

const isTokenChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

function readToken(text: string, start: number, prefix: string): Finding | undefined {
  if (start > 0 && isTokenChar(text.charCodeAt(start - 1))) return undefined
  const extent = prefix === 'eyJ' ? jwtRun : prefix === 'SG.' ? sendgridRun : tokenRun
  extent.lastIndex = start
  const run = extent.exec(text)
  const token = run && matchToken(run[0])
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

function readAuthorization(input: ScanInput, start: number, scheme: string): Finding | undefined {
  const { text } = input
  if (start > 0 && isLetter(text.charCodeAt(start - 1))) return undefined
  const at = start + scheme.length
  if (scheme === 'Basic ') {
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
  const header = input.hasContext(start, at, ['authorization'])
  const score = header ? secretScores.bearerWithHeader : secretScores.bearer
  return { type: 'SECRET', start: at, end: at + value.length, score, subtype: 'bearer_token' }
}

function detect(input: ScanInput): Finding[] {
  const { text } = input
  const findings: Finding[] = []
  const findEnd = createEndFinder(text)
  secretPattern.lastIndex = 0
  for (let m = secretPattern.exec(text); m; m = secretPattern.exec(text)) {
    const start = m.index
    const matchEnd = start + m[0].length
    let found: Finding | undefined
    if (m[1] !== undefined) found = readToken(text, start, m[1])
    else if (m[2] !== undefined) found = readPrivateKey(text, start, matchEnd, findEnd)
    else found = readAuthorization(input, start, m[0])
    if (found) {
      findings.push(found)
      // Skip past the credential, so a prefix inside it is not read again.
      secretPattern.lastIndex = Math.max(matchEnd, found.end)
    }
  }
  return findings
}

/** SECRET: provider API keys and tokens, JWTs, private key blocks and HTTP Authorization credentials. */
export const secretDetector: Detector = { id: 'secret', types: ['SECRET'], detect }
