// Forwards one decrypted request to the real site over TLS, verifying the site's certificate, and
// streams the answer back. A certificate that does not verify is an error page (502), never a silent
// pass; a site that does not answer in time is a 504.
import { createHash } from 'node:crypto'
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { Agent, request } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import { LruCache } from './lru-cache.ts'
import { upstreamErrorPage } from './upstream-error-page.ts'
import {
  bareHost,
  classifyUpstreamError,
  downstreamHeaders,
  pathOf,
  upstreamHeaders,
} from './upstream-request.ts'

/** Options of {@link forwardHttps}. */
export interface ForwardHttpsOptions {
  /**
   * The request body to send instead of streaming `req` (e.g. after redaction); Content-Length is set
   * from it. Give it whenever the handler has already read `req`'s body.
   */
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

/** Keep-alive agents per upstream authority (and trust set); the oldest is closed past 256 targets. */
const agents = new LruCache<string, Agent>(256, (_key, agent) => agent.destroy())

function agentFor(host: string, port: number, ca: string | undefined): Agent {
  const trust = ca === undefined ? '' : `#${createHash('sha256').update(ca).digest('hex').slice(0, 16)}`
  const key = `${host}:${port}${trust}`
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

/** Closes every kept-alive upstream connection (shutdown, tests). */
export function closeUpstreamConnections(): void {
  for (const agent of agents.values()) agent.destroy()
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
    const host = bareHost(target.host)
    const headers = upstreamHeaders(req, { host, port: target.port }, options.headers, options.body)
    const upstream = request({
      host,
      port: target.port,
      method: req.method ?? 'GET',
      path: pathOf(req.url),
      // node:http takes a flat [name, value, …] list, keeping order, case and repeats.
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
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, downstreamHeaders(answer))
      answer.pipe(res)
      answer.on('error', () => res.destroy())
      // A body cut short upstream must not look complete downstream.
      answer.on('aborted', () => res.destroy())
    })
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (res.headersSent) {
        res.destroy()
        return
      }
      const { problem, detail } = classifyUpstreamError(error, timedOut)
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
      resolve()
    })
    if (options.body !== undefined) upstream.end(options.body)
    else req.pipe(upstream)
  })
}
