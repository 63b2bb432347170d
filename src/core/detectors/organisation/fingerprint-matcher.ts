import type { Finding } from '../../detection/finding.ts'
import { createBitFilter, deriveFingerprintKeys } from './fingerprint-keys.ts'
import type { FingerprintSet, FingerprintShape } from './fingerprint-set.ts'
import { createTagSet, keyedTag } from './keyed-tag.ts'

/** Score of an exact-data finding: an HMAC match on the whole canonical value. */
export const exactDataScore = 0.95

/** A fingerprint set made ready to scan with a key: each stage of the candidate funnel. */
export interface FingerprintMatcher {
  readonly shape: FingerprintShape
  readonly longestRun: number
  /** Bit m is set when some worded value has m tokens. */
  readonly runCounts: number
  readonly hasWords: boolean
  readonly hasDigits: boolean
  /** The keyed tag of a token (FNV `hash`, `length` units) when it is one of the set's tokens, else 0. */
  tokenTag(hash: number, length: number): number
  /** True when the mixed tags and gaps of a token run are a value's run tag. */
  isRun(mixed: number): boolean
  /** True when the FNV hash of a digit string passes the digit filter and tag. */
  isDigits(hash: number): boolean
  /** True when the canonical form's HMAC is in the set: the final, exact check. */
  confirm(canonical: string): boolean
  found(start: number, end: number): Finding
}

/** Prepares `set` for scanning with `key` (a wrong key yields a matcher that confirms nothing). */
export function createFingerprintMatcher(set: FingerprintSet, key: string | Uint8Array): FingerprintMatcher {
  const keys = deriveFingerprintKeys(key)
  const { shape } = set
  const tokenFilter = createBitFilter(set.tokenFilter, keys.tokenSeed)
  const digitFilter = createBitFilter(set.digitFilter, keys.digitSeed)
  const tokenTags = createTagSet(set.tokenTags)
  const runTags = createTagSet(set.runTags)
  const digitTags = createTagSet(set.digitTags)
  const hashes = new Set(set.hashes)
  return {
    shape,
    longestRun: shape.tokenCounts.reduce((m, c) => Math.max(m, c), 0),
    runCounts: shape.tokenCounts.reduce((mask, c) => mask | (1 << c), 0),
    hasWords: runTags.size > 0,
    hasDigits: digitTags.size > 0,
    tokenTag(hash, length) {
      if (length < shape.minTokenLength || length > shape.maxTokenLength || !tokenFilter.has(hash)) return 0
      const tag = keyedTag(keys.token, hash)
      return tokenTags.has(tag) ? tag : 0
    },
    isRun: (mixed) => runTags.has(keyedTag(keys.run, mixed)),
    isDigits: (hash) => digitFilter.has(hash) && digitTags.has(keyedTag(keys.digits, hash)),
    confirm: (canonical) => hashes.has(keys.valueHash(canonical)),
    found: (start, end) => ({
      type: 'EXACT_DATA',
      start,
      end,
      score: exactDataScore,
      subtype: set.name,
      validator: 'hmac-sha256',
    }),
  }
}
