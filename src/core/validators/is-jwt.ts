import { decodeBase64 } from './decode-base64.ts'

const isBase64UrlChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45

// True when s[from, to) is a non-empty run of base64url characters.
function isSegment(s: string, from: number, to: number): boolean {
  if (from >= to) return false
  for (let i = from; i < to; i++) if (!isBase64UrlChar(s.charCodeAt(i))) return false
  return true
}

function decodesToHeader(header: string): boolean {
  const json = decodeBase64(header)?.trim()
  // Cheap shape check first: JSON.parse throwing on every random "eyJ…" is the slow path.
  if (json === undefined || !json.startsWith('{') || !json.endsWith('}') || !json.includes('"alg"'))
    return false
  try {
    const parsed: unknown = JSON.parse(json)
    return (
      typeof parsed === 'object' && parsed !== null && typeof (parsed as { alg?: unknown }).alg === 'string'
    )
  } catch {
    return false
  }
}

// Real tokens share a handful of headers ({"alg":"HS256","typ":"JWT"} …): remember recent verdicts.
// Keys are copied: a slice of the scanned text would keep the whole text alive.
const verdicts = new Map<string, boolean>()
const maxVerdicts = 256
const maxCachedHeader = 128

/**
 * True when the first segment of a token (its base64url alphabet already checked by the caller)
 * decodes to a JSON object with a string "alg".
 */
export function isJwtHeader(header: string): boolean {
  const known = verdicts.get(header)
  if (known !== undefined) return known
  const verdict = decodesToHeader(header)
  if (header.length <= maxCachedHeader) {
    if (verdicts.size >= maxVerdicts) verdicts.clear()
    verdicts.set([...header].join(''), verdict)
  }
  return verdict
}

// The signature segment may be empty: unsecured tokens (alg "none") are still bearer credentials.
/** True when `token` is a compact JWT: three base64url segments, the first decoding to JSON with an "alg". */
export function isJwt(token: string): boolean {
  const first = token.indexOf('.')
  const second = token.indexOf('.', first + 1)
  if (first < 1 || second < 0 || token.indexOf('.', second + 1) >= 0) return false
  if (!isSegment(token, 0, first) || !isSegment(token, first + 1, second)) return false
  if (second + 1 < token.length && !isSegment(token, second + 1, token.length)) return false
  return isJwtHeader(token.slice(0, first))
}
