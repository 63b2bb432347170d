// What forwarding a request and forwarding an upgrade share: the headers sent upstream (pinned to the
// target authority), the origin-form path, and telling a certificate failure from a network failure.
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'
import { endToEndHeaders, viaValue } from '../../core/proxy/hop-by-hop.ts'
import type { UpstreamProblem } from './upstream-error-page.ts'

/** TLS errors that mean "this certificate is not acceptable" (as opposed to a network failure). */
const certificateErrorCodes = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])

/** The target host without IPv6 brackets. */
export function bareHost(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host
}

/** Host header value for the target: the port only when it is not the HTTPS default. */
export function authorityOf(host: string, port: number): string {
  const h = isIP(host) === 6 ? `[${host}]` : host
  return port === 443 ? h : `${h}:${port}`
}

/**
 * The flat header list to send upstream: the request's end-to-end headers, `overrides` replacing
 * same-named ones, Host set to the target (never the inner Host), Via with this hop appended, and
 * Content-Length from `body` when one replaces the request's.
 */
export function upstreamHeaders(
  req: IncomingMessage,
  target: { host: string; port: number },
  overrides: Readonly<Record<string, string>> | undefined,
  body: Buffer | undefined,
): string[] {
  const replace = new Map(Object.entries(overrides ?? {}).map(([k, v]) => [k.toLowerCase(), v]))
  replace.delete('host')
  replace.delete('via')
  const drop = new Set(['host', 'via', ...replace.keys()])
  if (body !== undefined) drop.add('content-length')
  const headers: string[] = []
  for (const [name, value] of endToEndHeaders(req.rawHeaders, drop)) headers.push(name, value)
  for (const [name, value] of replace) headers.push(name, value)
  headers.push(
    'host',
    authorityOf(target.host, target.port),
    'via',
    viaValue(req.headers.via, req.httpVersion),
  )
  if (body !== undefined && !replace.has('content-length'))
    headers.push('content-length', String(body.length))
  return headers
}

/** The response headers to pass back: end-to-end only, Via with this hop appended. */
export function downstreamHeaders(answer: IncomingMessage): string[] {
  const out: string[] = []
  for (const [name, value] of endToEndHeaders(answer.rawHeaders, new Set(['via']))) out.push(name, value)
  out.push('via', viaValue(answer.headers.via, answer.httpVersion))
  return out
}

/** The origin-form path of a request target; an absolute-form URL inside a tunnel keeps only its path. */
export function pathOf(url: string | undefined): string {
  if (url === undefined || url === '') return '/'
  if (url.startsWith('/')) return url
  try {
    const parsed = new URL(url)
    return `${parsed.pathname}${parsed.search}`
  } catch {
    return '/'
  }
}

/** What went wrong upstream, and the detail worth showing (the TLS error code for certificates). */
export function classifyUpstreamError(
  error: NodeJS.ErrnoException,
  timedOut: boolean,
): { problem: UpstreamProblem; detail: string } {
  if (timedOut) return { problem: 'timeout', detail: '' }
  const code = error.code
  if (code !== undefined && (certificateErrorCodes.has(code) || code.startsWith('ERR_TLS_CERT')))
    return { problem: 'certificate', detail: code }
  return { problem: 'unreachable', detail: code ?? '' }
}
