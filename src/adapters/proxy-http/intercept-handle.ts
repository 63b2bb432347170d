// The decision half of TLS interception: for each request the interceptor decrypts, decide with the
// body's texts and answer — the notice (HTML or JSON), the request forwarded with redacted texts, or
// forwarded as is over verified TLS.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { decideWebRequest } from '../../app/proxy/decide-web-request.ts'
import { failureStatus } from '../../core/proxy/error-page.ts'
import { renderNoticePage } from '../../core/proxy/notice-page.ts'
import { pickLanguage } from '../../core/proxy/pick-language.ts'
import { hostsLookup } from './host-lookup.ts'
import type {
  ForwardHttps,
  ForwardUpgrade,
  ProxyContext,
  ProxyHandlerDeps,
  ProxyTarget,
} from './proxy-ports.ts'
import { serveWebExchange } from './web-exchange.ts'

/** What the intercept handler needs besides the use case. */
export interface InterceptHandleDeps extends ProxyHandlerDeps {
  /** The tls-intercept adapter's upstream client. */
  readonly forwardHttps: ForwardHttps
  /** The tls-intercept adapter's upgrade forwarding (WebSocket inside a decrypted tunnel). */
  readonly forwardUpgrade?: ForwardUpgrade
  /** Extra trusted roots for upstream TLS (tests with a local CA). */
  readonly upstreamCa?: string
}

/** The interceptor's per-request callback (`createInterceptor({ ca, handle })`). */
export type InterceptHandle = (
  req: IncomingMessage,
  res: ServerResponse,
  target: ProxyTarget,
  context: ProxyContext,
) => void

/**
 * Builds `handle`. Requests are pinned to `target` (the inner Host header is not used for routing or
 * for the decision); a bodiless request reuses the tunnel's CONNECT decision when the context carries it.
 */
export function createInterceptHandle(deps: InterceptHandleDeps): InterceptHandle {
  const newId = deps.newRequestId ?? randomUUID
  const lookup = hostsLookup(() => deps.web.proxy(), deps.lookup)
  return (req, res, target, context) => {
    const requestId = newId()
    const path = (req.url ?? '/').startsWith('/') ? (req.url ?? '/') : '/'
    void serveWebExchange(
      deps,
      req,
      res,
      {
        scheme: 'https',
        host: target.host,
        port: target.port,
        path,
        remoteAddress: context.remoteAddress,
        ...(context.proxyUser === undefined ? {} : { proxyUser: context.proxyUser }),
        ...(context.proxyKey === undefined ? {} : { proxyKey: context.proxyKey }),
        requestId,
        ...(context.connectDecision === undefined ? {} : { prior: context.connectDecision }),
      },
      (body, headers) =>
        deps.forwardHttps(req, res, target, {
          ...(body === undefined ? {} : { body }),
          headers,
          rejectUnauthorized: true,
          timeoutMs: deps.web.proxy().upstreamTimeoutMs,
          ...(deps.upstreamCa === undefined ? {} : { ca: deps.upstreamCa }),
          lookup,
        }),
    )
  }
}

/** The interceptor's upgrade callback (`createInterceptor({ …, onUpgrade })`). */
export type InterceptUpgrade = (
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  target: ProxyTarget,
  context: ProxyContext,
) => void

/**
 * Builds the upgrade callback: a WebSocket opened inside a decrypted tunnel is allowed or blocked by
 * rule like any request to the host (frames are not inspected); allowed ones are joined to the site
 * with `forwardUpgrade`.
 */
export function createInterceptUpgrade(
  deps: InterceptHandleDeps & { readonly forwardUpgrade: ForwardUpgrade },
): InterceptUpgrade {
  const newId = deps.newRequestId ?? randomUUID
  const lookup = hostsLookup(() => deps.web.proxy(), deps.lookup)
  return (req, socket, head, target, context) => {
    const requestId = newId()
    const refuse = (status: number, body: string) => {
      const bytes = Buffer.from(body)
      socket.end(
        Buffer.concat([
          Buffer.from(
            `HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Error'}\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: ${bytes.length}\r\nconnection: close\r\n\r\n`,
          ),
          bytes,
        ]),
      )
    }
    socket.on('error', () => socket.destroy())
    decideWebRequest(deps.web, {
      host: target.host,
      port: target.port,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      scheme: 'https',
      remoteAddress: context.remoteAddress,
      ...(context.proxyUser === undefined ? {} : { proxyUser: context.proxyUser }),
      ...(context.proxyKey === undefined ? {} : { proxyKey: context.proxyKey }),
      requestId,
    }).then(
      (decision) => {
        if (decision.kind === 'block') {
          refuse(403, renderNoticePage(decision.notice, pickLanguage(req.headers['accept-language'])))
          return
        }
        if (decision.kind === 'refuse') {
          refuse(failureStatus.refused, '')
          return
        }
        void deps.forwardUpgrade(req, socket, head, target, {
          rejectUnauthorized: true,
          timeoutMs: deps.web.proxy().upstreamTimeoutMs,
          ...(deps.upstreamCa === undefined ? {} : { ca: deps.upstreamCa }),
          lookup,
        })
      },
      (error: unknown) => {
        deps.log?.(`proxy ${requestId}: upgrade ${target.host} failed: ${(error as Error).message}`)
        socket.destroy()
      },
    )
  }
}
