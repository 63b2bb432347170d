import { decodeBase64 } from './decode-base64.ts'

const segment = /^[A-Za-z0-9_-]+$/

// The signature segment may be empty: unsecured tokens (alg "none") are still bearer credentials.
/** True when `token` is a compact JWT: three base64url segments, the first decoding to JSON with an "alg". */
export function isJwt(token: string): boolean {
  const first = token.indexOf('.')
  const second = token.indexOf('.', first + 1)
  if (first < 1 || second < 0 || token.indexOf('.', second + 1) >= 0) return false
  const header = token.slice(0, first)
  const payload = token.slice(first + 1, second)
  const signature = token.slice(second + 1)
  if (!segment.test(header) || !segment.test(payload)) return false
  if (signature.length > 0 && !segment.test(signature)) return false
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
