// What the proxy adapter is given by the composition root: the use case's dependencies and, when an
// organisation CA exists, the TLS interceptor and its upstream client (the tls-intercept adapter's
// createInterceptor / forwardHttps, passed in because adapters never import each other).
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { LookupFunction, Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import type { WebDecision, WebDeps } from '../../app/proxy/decide-web-request.ts'

/** The CONNECT target an intercepted connection is pinned to. */
export interface ProxyTarget {
  readonly host: string
  readonly port: number
}

/**
 * Who opened an intercepted connection. The interceptor hands this object back unchanged with every
 * request it decrypts; `proxyKey` and `connectDecision` ride along for the proxy's own use.
 */
export interface ProxyContext {
  readonly remoteAddress: string
  readonly proxyUser?: string
  /** The virtual key from Proxy-Authorization on the CONNECT. */
  readonly proxyKey?: string
  /** The decision taken on the CONNECT (already recorded): bodiless requests inside reuse it. */
  readonly connectDecision?: WebDecision
}

/** Takes over a CONNECT'ed client socket after the proxy answered 200 (tls-intercept adapter). */
export interface Interceptor {
  intercept(socket: Socket, head: Buffer, target: ProxyTarget, context: ProxyContext): void
}

/** Options of the interceptor's upstream call. */
export interface ForwardHttpsOptions {
  /** The body to send instead of reading `req` (the proxy has already read it). */
  readonly body?: Buffer
  /** Headers to set on the upstream request (content-length after a redaction). */
  readonly headers?: Record<string, string>
  readonly rejectUnauthorized: true
  readonly timeoutMs: number
  readonly ca?: string
  /** DNS lookup for the upstream (tests map names to 127.0.0.1). */
  readonly lookup?: LookupFunction
}

/** Options of the interceptor's upgrade forwarding. */
export interface ForwardUpgradeOptions {
  readonly rejectUnauthorized: true
  readonly timeoutMs: number
  readonly ca?: string
  readonly lookup?: LookupFunction
}

/** Sends a decrypted upgrade request on to the real server and joins the sockets after a 101. */
export type ForwardUpgrade = (
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  target: ProxyTarget,
  options: ForwardUpgradeOptions,
) => Promise<void>

/** Sends a decrypted request on to the real server over verified TLS and streams the answer back. */
export type ForwardHttps = (
  req: IncomingMessage,
  res: ServerResponse,
  target: ProxyTarget,
  options: ForwardHttpsOptions,
) => Promise<void>

/** Everything the proxy adapter needs. */
export interface ProxyHandlerDeps {
  readonly web: WebDeps
  /** Present when an organisation CA is loaded. */
  readonly interceptor?: Interceptor
  /** Logs refusals and failures (one line each, no content). */
  readonly log?: (line: string) => void
  /** Request ids (default: random UUIDs). */
  readonly newRequestId?: () => string
  /** DNS lookup for upstream connections (default: the system resolver; tests map names to 127.0.0.1). */
  readonly lookup?: LookupFunction
}
