import { isJwt } from '../../validators/is-jwt.ts'

/** A provider credential recognised by its prefix and shape. */
export interface TokenMatch {
  readonly subtype: string
  readonly score: number
  readonly length: number
}

interface TokenRule {
  readonly subtype: string
  readonly score: number
  readonly pattern: RegExp
  /** Characters after the fixed prefix that must look random (see {@link looksRandom}). */
  readonly prefixLength: number
}

// Formats as the providers document them; each pattern is anchored and runs on one short candidate.
const rules: readonly TokenRule[] = [
  { subtype: 'anthropic', score: 0.98, prefixLength: 7, pattern: /^sk-ant-[A-Za-z0-9_-]{32,}/ },
  {
    subtype: 'openai',
    score: 0.98,
    prefixLength: 8,
    pattern: /^sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}/,
  },
  { subtype: 'openai', score: 0.98, prefixLength: 3, pattern: /^sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}/ },
  // Plain "sk-" keys are also issued by OpenAI-compatible services (DeepSeek, Moonshot …).
  { subtype: 'api_key', score: 0.85, prefixLength: 3, pattern: /^sk-[A-Za-z0-9]{32,}/ },
  { subtype: 'aws_access_key_id', score: 0.95, prefixLength: 4, pattern: /^(?:AKIA|ASIA)[A-Z0-9]{16}/ },
  { subtype: 'github', score: 0.98, prefixLength: 4, pattern: /^gh[pousr]_[A-Za-z0-9]{36,255}/ },
  { subtype: 'github', score: 0.98, prefixLength: 11, pattern: /^github_pat_[A-Za-z0-9_]{22,255}/ },
  { subtype: 'gitlab', score: 0.98, prefixLength: 6, pattern: /^glpat-[A-Za-z0-9_-]{20,}/ },
  { subtype: 'slack', score: 0.95, prefixLength: 5, pattern: /^xox[abposr]-[A-Za-z0-9-]{10,}/ },
  { subtype: 'slack', score: 0.95, prefixLength: 5, pattern: /^xapp-[0-9]-[A-Za-z0-9-]{10,}/ },
  { subtype: 'google_api_key', score: 0.95, prefixLength: 4, pattern: /^AIza[0-9A-Za-z_-]{35}/ },
  { subtype: 'stripe', score: 0.98, prefixLength: 8, pattern: /^[sr]k_live_[0-9A-Za-z]{20,}/ },
  // Test-mode keys move no money but still authenticate to the account.
  { subtype: 'stripe', score: 0.8, prefixLength: 8, pattern: /^[sr]k_test_[0-9A-Za-z]{20,}/ },
  { subtype: 'huggingface', score: 0.95, prefixLength: 3, pattern: /^hf_[A-Za-z0-9]{30,}/ },
  { subtype: 'npm', score: 0.95, prefixLength: 4, pattern: /^npm_[A-Za-z0-9]{36}/ },
  { subtype: 'twilio', score: 0.9, prefixLength: 2, pattern: /^SK[0-9a-f]{32}/ },
  { subtype: 'sendgrid', score: 0.98, prefixLength: 3, pattern: /^SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/ },
]

const jwtShape = /^eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/
const tokenChar = /[A-Za-z0-9_-]/

/** True when the random part of a key has enough distinct characters to not be a "sk-xxxx…" placeholder. */
export function looksRandom(body: string): boolean {
  const distinct = new Set(body).size
  return distinct >= Math.min(10, Math.ceil(body.length / 3))
}

// A JWT found on its own or as a bearer token: the decoded header is the check.
const jwtScore = 0.95

// The match must end at a token boundary, so a longer unknown string is not cut into a "key".
/** Recognises a provider credential at the start of `candidate`, a run of token characters. */
export function matchToken(candidate: string): TokenMatch | undefined {
  if (candidate.startsWith('eyJ')) {
    const m = jwtShape.exec(candidate)
    if (m && isJwt(m[0]) && !tokenChar.test(candidate.charAt(m[0].length))) {
      return { subtype: 'jwt', score: jwtScore, length: m[0].length }
    }
    return undefined
  }
  for (const rule of rules) {
    const m = rule.pattern.exec(candidate)
    if (!m) continue
    const length = m[0].length
    if (tokenChar.test(candidate.charAt(length))) continue
    if (!looksRandom(m[0].slice(rule.prefixLength))) return undefined
    return { subtype: rule.subtype, score: rule.score, length }
  }
  return undefined
}
