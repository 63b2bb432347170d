// Forwards one decrypted request to the real site over TLS, verifying the site's certificate, and
// streams the answer back. A certificate that does not verify is an error page (502), never a silent
// pass; a site that does not answer in time is a 504.
import { createHash } from 'node:crypto'
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { Agent, request } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import { endToEndHeaders, viaValue } from '../../core/proxy/hop-by-hop.ts'
import { LruCache } from './lru-cache.ts'
import { type UpstreamProblem, upstreamErrorPage } from './upstream-error-page.ts'

/** Options of {@link forwardHttps}. */
export interface ForwardHttpsOptions {
  /** The request body to send instead of streaming `req` (e.g. after redaction); Content-Length is set from it. */
  readonly body?: Buffer
  /** Headers that replace the request's own of the same name (case-insensitive). Host is always the target. */
  readonly headers?: Readonly<Record<string, string>>
  /** Upstream certificates are always verified; the type makes turning that off impossible. */
  readonly rejectUnauthorized: true
  /** Idle limit: no upstream activity (connect, TLS, answer, body) for this long ends the request (504). */
  readonly timeoutMs: number
  /** Extra trusted roots (PEM), e.g. a test upstream's CA; replaces Node's bundled roots for this target. */
  readonly ca?: string
  /** DNS lookup for the upstream (default: the system resolver). */
  readonly lookup?: LookupFunction
}

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

/** Keep-alive agents per upstream authority (and trust set); the oldest is closed past 256 targets. */
const agents = new LruCache<string, Agent>(256, (_key, agent) => agent.destroy())

function agentFor(host: string, port: number, ca: string | undefined): Agent {
  const key = `${host}:${port}${ca === undefined ? '' : `#${createHash('sha256').update(ca).digest('hex').slice(0, 16)}`}`
  let agent = agents.get(key)
  if (agent === undefined) {
    agent = new Agent({
      keepAlive: true,
      maxSockets: 64,
      maxFreeSockets: 16,
      scheduling: 'lifo',
      rejectUnauthorized: true,
      ...(ca === undefined ? {} : { ca }),
    })
    agents.set(key, agent)
  }
  return agent
}

/** Host header value for the target: the port only when it is not the HTTPS default. */
function authority(host: string, port: number): string {
  const h = isIP(host) === 6 ? `[${host}]` : host
  return port === 443 ? h : `${h}:${port}`
}

/**
 * Forwards one intercepted request to `target` over verified TLS and streams the response to `res`.
 * The path comes from the request; the destination only from `target` (the CONNECT authority), and the
 * Host header sent upstream is rewritten to it. Hop-by-hop headers are dropped both ways and Via added.
 * Resolves when the answer (or error page) is finished or the client went away; never rejects.
 */
export function forwardHttps(
  req: IncomingMessage,
  res: ServerResponse,
  target: { host: string; port: number },
  options: ForwardHttpsOptions,
): Promise<void> {
  return new Promise((resolve) => {
    const host = target.host.startsWith('[') ? target.host.slice(1, -1) : target.host
    const overrides = new Map(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]))
    const drop = new Set(['host', 'via', ...overrides.keys()])
    if (options.body !== undefined) drop.add('content-length')
    const headers: string[] = []
    for (const [name, value] of endToEndHeaders(req.rawHeaders, drop)) headers.push(name, value)
    for (const [name, value] of overrides) if (name !== 'host' && name !== 'via') headers.push(name, value)
    headers.push('host', authority(host, target.port), 'via', viaValue(req.headers.via, req.httpVersion))
    if (options.body !== undefined && !overrides.has('content-length'))
      headers.push('content-length', String(options.body.length))

    let settled = false
    const finish = () => {
      if (settled) return
      settled = true
      resolve()
    }
    const upstream = request({
      host,
      port: target.port,
      method: req.method ?? 'GET',
      path: pathOf(req.url),
      headers: headers as unknown as OutgoingHttpHeaders,
      setHost: false,
      agent: agentFor(host, target.port, options.ca),
      rejectUnauthorized: true,
      // SNI carries names only; for an IP literal the certificate must list the IP instead.
      ...(isIP(host) === 0 ? { servername: host } : {}),
      ...(options.ca === undefined ? {} : { ca: options.ca }),
      ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
    })
    let timedOut = false
    upstream.setTimeout(options.timeoutMs, () => {
      timedOut = true
      upstream.destroy(new Error(`no answer from ${host}:${target.port} within ${options.timeoutMs} ms`))
    })
    upstream.on('response', (answer: IncomingMessage) => {
      const out: string[] = []
      for (const [name, value] of endToEndHeaders(answer.rawHeaders, new Set(['via']))) out.push(name, value)
      out.push('via', viaValue(answer.headers.via, answer.httpVersion))
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, out)
      answer.pipe(res)
      answer.on('error', () => res.destroy())
      // A body cut short upstream must not look complete downstream.
      answer.on('aborted', () => res.destroy())
    })
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (res.headersSent) {
        res.destroy()
        finish()
        return
      }
      const problem: UpstreamProblem = timedOut
        ? 'timeout'
        : isCertificateError(error)
          ? 'certificate'
          : 'unreachable'
      const detail =
        problem === 'certificate'
          ? (error.code ?? 'verification failed')
          : problem === 'timeout'
            ? ''
            : (error.code ?? '')
      const page = upstreamErrorPage(problem, host, detail)
      res.writeHead(page.status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'x-sluice-upstream-error': problem,
        'content-length': Buffer.byteLength(page.html),
      })
      res.end(page.html)
    })
    // The client leaving mid-way cancels the upstream request instead of letting it run on.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy()
      finish()
    })
    if (options.body !== undefined) upstream.end(options.body)
    else req.pipe(upstream)
  })
}

function isCertificateError(error: NodeJS.ErrnoException): boolean {
  return (
    error.code !== undefined &&
    (certificateErrorCodes.has(error.code) || error.code.startsWith('ERR_TLS_CERT'))
  )
}

/** The origin-form path of a request target; an absolute-form URL inside a tunnel keeps only its path. */
function pathOf(url: string | undefined): string {
  if (url === undefined || url === '') return '/'
  if (url.startsWith('/')) return url
  try {
    const parsed = new URL(url)
    return `${parsed.pathname}${parsed.search}`
  } catch {
    return '/'
  }
}
