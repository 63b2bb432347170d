// The consent link's token: an HMAC-signed, expiring reference to what a consent page is about. It
// carries identifiers and hashes only (tenant id, pseudonymous subject, service id, chain and notice
// hashes, category names): no personal data ends up in a URL, a browser history or an access log.
import { createHmac, timingSafeEqual } from 'node:crypto'

/** What a consent token refers to. */
export interface ConsentTokenClaims {
  readonly tenant: string
  /** Pseudonymous subject, as in the ledger. */
  readonly subject: string
  readonly service: string
  readonly chainHash: string
  readonly noticeHash: string
  /** Personal-information categories the notice lists. */
  readonly items: readonly string[]
  /** Consent bases the page obtains (one per regime the flow leaves). */
  readonly bases: readonly string[]
  /** Expiry, seconds since the epoch. */
  readonly expires: number
}

/** Why a token was refused. */
export type TokenProblem = 'malformed' | 'bad-signature' | 'expired'

const b64 = (data: Buffer | string): string => Buffer.from(data).toString('base64url')
const sign = (key: Uint8Array, payload: string): Buffer =>
  createHmac('sha256', key).update(`sluice-consent-v1.${payload}`).digest()

/** Signs `claims` with `key` into `payload.signature` (both base64url). */
export function signConsentToken(key: Uint8Array, claims: ConsentTokenClaims): string {
  const payload = b64(
    JSON.stringify([
      claims.tenant,
      claims.subject,
      claims.service,
      claims.chainHash,
      claims.noticeHash,
      claims.items,
      claims.bases,
      claims.expires,
    ]),
  )
  return `${payload}.${b64(sign(key, payload))}`
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string')

/** Checks the signature and expiry (`nowSeconds`) of a token and returns its claims or the problem. */
export function verifyConsentToken(
  key: Uint8Array,
  token: string,
  nowSeconds: number,
): { ok: true; claims: ConsentTokenClaims } | { ok: false; problem: TokenProblem } {
  const match = /^([A-Za-z0-9_-]{1,4096})\.([A-Za-z0-9_-]{43})$/.exec(token)
  if (match === null) return { ok: false, problem: 'malformed' }
  const [, payload, signature] = match as unknown as [string, string, string]
  const given = Buffer.from(signature, 'base64url')
  const expected = sign(key, payload)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, problem: 'bad-signature' }
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return { ok: false, problem: 'malformed' }
  }
  if (!Array.isArray(parsed) || parsed.length !== 8) return { ok: false, problem: 'malformed' }
  const [tenant, subject, service, chain, notice, items, bases, expires] = parsed as unknown[]
  if (
    typeof tenant !== 'string' ||
    typeof subject !== 'string' ||
    typeof service !== 'string' ||
    typeof chain !== 'string' ||
    typeof notice !== 'string' ||
    !isStrings(items) ||
    !isStrings(bases) ||
    typeof expires !== 'number'
  ) {
    return { ok: false, problem: 'malformed' }
  }
  if (expires <= nowSeconds) return { ok: false, problem: 'expired' }
  return {
    ok: true,
    claims: { tenant, subject, service, chainHash: chain, noticeHash: notice, items, bases, expires },
  }
}
