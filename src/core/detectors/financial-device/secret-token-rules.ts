import { isJwtHeader } from '../../validators/is-jwt.ts'

/** A provider credential recognised by its prefix and shape. */
export interface TokenMatch {
  readonly subtype: string
  readonly score: number
  readonly length: number
}

interface TokenRule {
  readonly subtype: string
  readonly score: number
  /** Sticky: run from index 0 of one short candidate, so `lastIndex` gives the match length. */
  readonly pattern: RegExp
  /** Characters after the fixed prefix that must look random (see {@link looksRandom}). */
  readonly prefixLength: number
  /** The characters a match can start with: candidates are only tried against their own rules. */
  readonly first: string
}

// Formats as the providers document them; each pattern is anchored and runs on one short candidate.
const rules: readonly TokenRule[] = [
  { subtype: 'anthropic', score: 0.98, prefixLength: 7, first: 's', pattern: /sk-ant-[A-Za-z0-9_-]{32,}/y },
  {
    subtype: 'openai',
    score: 0.98,
    prefixLength: 8,
    first: 's',
    pattern: /sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}/y,
  },
  {
    subtype: 'openai',
    score: 0.98,
    prefixLength: 3,
    first: 's',
    pattern: /sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}/y,
  },
  // Plain "sk-" keys are also issued by OpenAI-compatible services (DeepSeek, Moonshot …).
  { subtype: 'api_key', score: 0.85, prefixLength: 3, first: 's', pattern: /sk-[A-Za-z0-9]{32,}/y },
  {
    subtype: 'aws_access_key_id',
    score: 0.95,
    prefixLength: 4,
    first: 'A',
    pattern: /(?:AKIA|ASIA)[A-Z0-9]{16}/y,
  },
  { subtype: 'github', score: 0.98, prefixLength: 4, first: 'g', pattern: /gh[pousr]_[A-Za-z0-9]{36,255}/y },
  {
    subtype: 'github',
    score: 0.98,
    prefixLength: 11,
    first: 'g',
    pattern: /github_pat_[A-Za-z0-9_]{22,255}/y,
  },
  { subtype: 'gitlab', score: 0.98, prefixLength: 6, first: 'g', pattern: /glpat-[A-Za-z0-9_-]{20,}/y },
  { subtype: 'slack', score: 0.95, prefixLength: 5, first: 'x', pattern: /xox[abposr]-[A-Za-z0-9-]{10,}/y },
  { subtype: 'slack', score: 0.95, prefixLength: 5, first: 'x', pattern: /xapp-[0-9]-[A-Za-z0-9-]{10,}/y },
  { subtype: 'google_api_key', score: 0.95, prefixLength: 4, first: 'A', pattern: /AIza[0-9A-Za-z_-]{35}/y },
  { subtype: 'stripe', score: 0.98, prefixLength: 8, first: 'sr', pattern: /[sr]k_live_[0-9A-Za-z]{20,}/y },
  // Test-mode keys move no money but still authenticate to the account.
  { subtype: 'stripe', score: 0.8, prefixLength: 8, first: 'sr', pattern: /[sr]k_test_[0-9A-Za-z]{20,}/y },
  { subtype: 'huggingface', score: 0.95, prefixLength: 3, first: 'h', pattern: /hf_[A-Za-z0-9]{30,}/y },
  { subtype: 'npm', score: 0.95, prefixLength: 4, first: 'n', pattern: /npm_[A-Za-z0-9]{36}/y },
  { subtype: 'twilio', score: 0.9, prefixLength: 2, first: 'S', pattern: /SK[0-9a-f]{32}/y },
  {
    subtype: 'sendgrid',
    score: 0.98,
    prefixLength: 3,
    first: 'S',
    pattern: /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/y,
  },
]

// The rules that can match a candidate, by its first character, in the order above.
const rulesByFirst = new Map<number, TokenRule[]>()
for (const rule of rules) {
  for (const c of rule.first) {
    const list = rulesByFirst.get(c.charCodeAt(0)) ?? []
    list.push(rule)
    rulesByFirst.set(c.charCodeAt(0), list)
  }
}

const jwtShape = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/y

/** True for the characters of a token: ASCII letters, digits, '_' and '-'. */
export const isTokenChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45

const seen = new Int32Array(4)

// Distinct characters of s[from, to), counted up to `need`; -1 when a character is not ASCII.
function distinctAscii(s: string, from: number, to: number, need: number): number {
  seen.fill(0)
  let distinct = 0
  for (let i = from; i < to && distinct < need; i++) {
    const c = s.charCodeAt(i)
    if (c >= 128) return -1
    const bit = 1 << (c & 31)
    const word = c >> 5
    if (((seen[word] as number) & bit) === 0) {
      seen[word] = (seen[word] as number) | bit
      distinct++
    }
  }
  return distinct
}

/** True when s[from, to) has enough distinct characters to not be a "sk-xxxx…" placeholder. */
export function looksRandomRange(s: string, from: number, to: number): boolean {
  const need = Math.min(10, Math.ceil((to - from) / 3))
  const distinct = distinctAscii(s, from, to, need)
  if (distinct >= 0) return distinct >= need
  return new Set(s.slice(from, to)).size >= need
}

/** True when the random part of a key has enough distinct characters to not be a "sk-xxxx…" placeholder. */
export function looksRandom(body: string): boolean {
  return looksRandomRange(body, 0, body.length)
}

// A JWT found on its own or as a bearer token: the decoded header is the check.
const jwtScore = 0.95

// The match must end at a token boundary, so a longer unknown string is not cut into a "key".
/** Recognises a provider credential at the start of `candidate`, a run of token characters. */
export function matchToken(candidate: string): TokenMatch | undefined {
  if (candidate.startsWith('eyJ')) {
    jwtShape.lastIndex = 0
    if (!jwtShape.test(candidate)) return undefined
    const length = jwtShape.lastIndex
    if (isTokenChar(candidate.charCodeAt(length))) return undefined
    // The shape already holds what isJwt checks of the segments (three, base64url, header and
    // payload non-empty): what is left is the header.
    return isJwtHeader(candidate.slice(0, candidate.indexOf('.')))
      ? { subtype: 'jwt', score: jwtScore, length }
      : undefined
  }
  const candidates = rulesByFirst.get(candidate.charCodeAt(0))
  if (candidates === undefined) return undefined
  for (const rule of candidates) {
    rule.pattern.lastIndex = 0
    if (!rule.pattern.test(candidate)) continue
    const length = rule.pattern.lastIndex
    if (isTokenChar(candidate.charCodeAt(length))) continue
    if (!looksRandomRange(candidate, rule.prefixLength, length)) return undefined
    return { subtype: rule.subtype, score: rule.score, length }
  }
  return undefined
}
