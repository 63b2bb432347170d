// The forward proxy on the gateway's port: absolute-form requests (plain HTTP), CONNECT (tunnel,
// refuse, or hand to the TLS interceptor), WebSocket upgrades, and GET /proxy.pac.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { request } from 'node:http'
import type { Socket } from 'node:net'
import { decideWebRequest, type WebDecision } from '../../app/proxy/decide-web-request.ts'
import { buildPac } from '../../core/proxy/build-pac.ts'
import { endToEndHeaders, viaValue } from '../../core/proxy/hop-by-hop.ts'
import { matchSuffix, type ProxySettings } from '../../core/proxy/proxy-settings.ts'
import { openTunnel } from './connect-tunnel.ts'
import { createUpstreamAgent, forwardHttp } from './forward-http.ts'
import { hostsLookup } from './host-lookup.ts'
import { parseProxyAuthorization } from './proxy-auth.ts'
import type { ProxyContext, ProxyHandlerDeps, ProxyTarget } from './proxy-ports.ts'
import { endRawResponse, rawFailure, rawNotice, sendFailure } from './send-pages.ts'
import { serveWebExchange } from './web-exchange.ts'

/** The proxy's entry points, attached to the one node:http server. */
export interface ProxyHandler {
  /** Serves a request if it is proxy traffic (absolute-form URL) or GET /proxy.pac; false = not ours. */
  onRequest(req: IncomingMessage, res: ServerResponse): boolean
  /** The server's 'connect' event. */
  onConnect(req: IncomingMessage, socket: Socket, head: Buffer): void
  /** The server's 'upgrade' event for absolute-form WebSocket requests (see {@link isProxyUpgrade}). */
  onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void
  /** Closes the upstream pool and every open tunnel. */
  close(): void
}

/** True for an upgrade request the proxy handles (absolute-form http:// with Upgrade: websocket). */
export function isProxyUpgrade(req: IncomingMessage): boolean {
  return (
    (req.url ?? '').startsWith('http://') &&
    (req.headers.upgrade ?? '')
      .toString()
      .toLowerCase()
      .split(',')
      .some((p) => p.trim() === 'websocket')
  )
}

/** A tunnel with no traffic either way for this long is closed. */
const tunnelIdleMs = 10 * 60_000

/** Builds the proxy handler. */
export function createProxyHandler(deps: ProxyHandlerDeps): ProxyHandler {
  const agent = createUpstreamAgent()
  const lookup = hostsLookup(() => deps.web.proxy(), deps.lookup)
  const newId = deps.newRequestId ?? randomUUID
  const log = deps.log
  // CONNECT and upgrade sockets leave the HTTP server's bookkeeping: close() ends them itself.
  const rawSockets = new Set<Socket>()
  const track = (socket: Socket) => {
    rawSockets.add(socket)
    socket.once('close', () => rawSockets.delete(socket))
  }
  let pacCache: { settings: ProxySettings; setup: unknown; proxy: string; text: string } | undefined

  function servePac(req: IncomingMessage, res: ServerResponse): void {
    const settings = deps.web.proxy()
    const setup = deps.web.setup()
    const proxy = settings.pacProxy ?? (req.headers.host ?? '').trim()
    let text: string
    try {
      if (pacCache?.settings === settings && pacCache.setup === setup && pacCache.proxy === proxy)
        text = pacCache.text
      else {
        const domains = [
          ...setup.catalog.entries.flatMap((e) => [...e.webDomains, ...e.apiDomains]),
          ...settings.extraHosts,
          ...settings.intercept.hosts,
        ]
        text = buildPac({ proxy, domains })
        pacCache = { settings, setup, proxy, text }
      }
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('cannot tell the proxy address: set proxy.pacProxy (host:port) in sluice.yaml\n')
      return
    }
    res.writeHead(200, {
      'content-type': 'application/x-ns-proxy-autoconfig',
      'content-length': String(Buffer.byteLength(text)),
      'cache-control': 'max-age=300',
    })
    res.end(req.method === 'HEAD' ? undefined : text)
  }

  function credentials(req: IncomingMessage): { proxyUser?: string; proxyKey?: string } {
    const auth = parseProxyAuthorization(req.headers['proxy-authorization'])
    return auth === undefined ? {} : { proxyUser: auth.user, proxyKey: auth.key }
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): boolean {
    const raw = req.url ?? '/'
    if (!raw.startsWith('http://') && !raw.startsWith('https://')) {
      const path = raw.split('?', 1)[0]
      if (path === '/proxy.pac' && (req.method === 'GET' || req.method === 'HEAD')) {
        servePac(req, res)
        return true
      }
      return false
    }
    const requestId = newId()
    let url: URL
    try {
      url = new URL(raw)
    } catch {
      sendFailure(req, res, 'bad-request', 'unknown', requestId)
      return true
    }
    const settings = deps.web.proxy()
    // https:// in a request line is a client that should have used CONNECT; a proxy that relays it
    // would do TLS on the client's behalf unasked.
    if (url.protocol !== 'http:' || !settings.enabled) {
      sendFailure(req, res, 'bad-request', url.hostname, requestId)
      return true
    }
    if ((req.headers.via ?? '').toString().includes('sluice')) {
      sendFailure(req, res, 'loop', url.hostname, requestId)
      return true
    }
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname
    const port = url.port === '' ? 80 : Number(url.port)
    const path = `${url.pathname}${url.search}`
    void serveWebExchange(
      deps,
      req,
      res,
      {
        scheme: 'http',
        host,
        port,
        path,
        remoteAddress: req.socket.remoteAddress ?? '',
        ...credentials(req),
        requestId,
      },
      (body) =>
        forwardHttp(req, res, {
          host,
          port,
          path,
          ...(body === undefined ? {} : { body }),
          timeoutMs: settings.upstreamTimeoutMs,
          xForwardedFor: settings.xForwardedFor,
          requestId,
          agent,
          ...(log === undefined ? {} : { log }),
          lookup,
        }),
    )
    return true
  }

  function parseTarget(authority: string): ProxyTarget | undefined {
    const m = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]{1,253}):(\d{1,5})$/.exec(authority)
    if (m?.[1] === undefined || m[2] === undefined) return undefined
    const port = Number(m[2])
    if (port < 1 || port > 65535) return undefined
    const host = m[1].startsWith('[') ? m[1].slice(1, -1) : m[1].toLowerCase()
    return { host, port }
  }

  function onConnect(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const requestId = newId()
    const lang = req.headers['accept-language']
    socket.on('error', () => socket.destroy())
    track(socket)
    const settings = deps.web.proxy()
    const target = parseTarget(req.url ?? '')
    if (target === undefined || !settings.enabled) {
      rawFailure(socket, 'bad-request', 'unknown', requestId, lang)
      return
    }
    const creds = credentials(req)
    const remoteAddress = socket.remoteAddress ?? ''
    decideWebRequest(deps.web, {
      host: target.host,
      port: target.port,
      method: 'CONNECT',
      path: '',
      scheme: 'https',
      remoteAddress,
      ...creds,
      requestId,
    }).then(
      (decision) =>
        connectWith(decision, socket, head, target, { remoteAddress, ...creds }, requestId, lang, settings),
      (error: unknown) => {
        log?.(`proxy ${requestId}: CONNECT ${target.host} failed: ${(error as Error).message}`)
        rawFailure(socket, 'bad-request', target.host, requestId, lang)
      },
    )
  }

  function connectWith(
    decision: WebDecision,
    socket: Socket,
    head: Buffer,
    target: ProxyTarget,
    who: { remoteAddress: string; proxyUser?: string; proxyKey?: string },
    requestId: string,
    lang: string | undefined,
    settings: ProxySettings,
  ): void {
    if (socket.destroyed) return
    const interceptor = deps.interceptor
    const mayIntercept =
      interceptor !== undefined &&
      settings.intercept.enabled !== false &&
      matchSuffix(target.host, settings.intercept.doNotIntercept) === undefined
    const tunnel = () =>
      openTunnel(socket, head, {
        host: target.host,
        port: target.port,
        connectTimeoutMs: settings.upstreamTimeoutMs,
        idleTimeoutMs: tunnelIdleMs,
        requestId,
        acceptLanguage: lang,
        ...(log === undefined ? {} : { log }),
        lookup,
      })
    const handOver = () => {
      const context: ProxyContext = { ...who, connectDecision: decision }
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      interceptor?.intercept(socket, head, target, context)
    }
    switch (decision.kind) {
      case 'pass':
        tunnel()
        return
      case 'allow':
        if (decision.intercept && mayIntercept) handOver()
        else tunnel()
        return
      case 'redact':
        // A CONNECT carries no body to redact; the requests inside are inspected when decrypted.
        if (mayIntercept) handOver()
        else tunnel()
        return
      case 'block':
        // Browsers never show a body sent in reply to CONNECT; decrypting lets the page be seen.
        if (mayIntercept) handOver()
        else rawNotice(socket, decision.notice, lang)
        return
      case 'refuse':
        log?.(`proxy ${requestId}: refused CONNECT from ${who.remoteAddress}: ${decision.reason}`)
        rawFailure(
          socket,
          decision.status === 407 ? 'sign-in' : 'refused',
          target.host,
          requestId,
          lang,
          decision.status === 407 ? { 'proxy-authenticate': 'Basic realm="Sluice", charset="UTF-8"' } : {},
        )
        return
    }
  }

  function onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const requestId = newId()
    const lang = req.headers['accept-language']
    socket.on('error', () => socket.destroy())
    track(socket)
    const settings = deps.web.proxy()
    let url: URL
    try {
      url = new URL(req.url ?? '')
    } catch {
      rawFailure(socket, 'bad-request', 'unknown', requestId, lang)
      return
    }
    if (url.protocol !== 'http:' || !settings.enabled) {
      rawFailure(socket, 'bad-request', url.hostname, requestId, lang)
      return
    }
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname
    const port = url.port === '' ? 80 : Number(url.port)
    const path = `${url.pathname}${url.search}`
    const creds = credentials(req)
    decideWebRequest(deps.web, {
      host,
      port,
      method: req.method ?? 'GET',
      path,
      scheme: 'http',
      remoteAddress: socket.remoteAddress ?? '',
      ...creds,
      requestId,
    }).then(
      (decision) => {
        if (decision.kind === 'block') return rawNotice(socket, decision.notice, lang)
        if (decision.kind === 'refuse') {
          return rawFailure(socket, decision.status === 407 ? 'sign-in' : 'refused', host, requestId, lang)
        }
        upgradeUpstream(req, socket, head, { host, port, path }, settings, requestId, lang)
      },
      (error: unknown) => {
        log?.(`proxy ${requestId}: upgrade ${host} failed: ${(error as Error).message}`)
        rawFailure(socket, 'bad-request', host, requestId, lang)
      },
    )
  }

  function upgradeUpstream(
    req: IncomingMessage,
    socket: Socket,
    head: Buffer,
    where: { host: string; port: number; path: string },
    settings: ProxySettings,
    requestId: string,
    lang: string | undefined,
  ): void {
    // Upgrade and Connection are hop-by-hop, but the upgrade itself must be asked of the next hop.
    const headers = endToEndHeaders(req.rawHeaders, new Set(['via']))
    headers.push(
      ['Connection', 'Upgrade'],
      ['Upgrade', String(req.headers.upgrade)],
      ['Via', viaValue(req.headers.via)],
    )
    const upstream = request({
      host: where.host,
      port: where.port,
      path: where.path,
      method: req.method,
      headers: headers.flat(),
      setHost: false,
      lookup,
    })
    upstream.setTimeout(settings.upstreamTimeoutMs, () => upstream.destroy(new Error('timeout')))
    upstream.on('upgrade', (answer, upSocket, upHead) => {
      upstream.setTimeout(0)
      const lines = [`HTTP/1.1 ${answer.statusCode ?? 101} ${answer.statusMessage ?? 'Switching Protocols'}`]
      for (let i = 0; i + 1 < answer.rawHeaders.length; i += 2)
        lines.push(`${answer.rawHeaders[i]}: ${answer.rawHeaders[i + 1]}`)
      socket.write(`${lines.join('\r\n')}\r\n\r\n`)
      if (upHead.length > 0) socket.write(upHead)
      if (head.length > 0) upSocket.write(head)
      socket.pipe(upSocket)
      upSocket.pipe(socket)
      upSocket.on('error', () => socket.destroy())
      socket.on('close', () => upSocket.destroy())
      upSocket.on('close', () => socket.destroy())
    })
    upstream.on('response', (answer) => {
      // The server declined the upgrade: relay its answer and close.
      const body: Buffer[] = []
      answer.on('data', (c: Buffer) => body.push(c))
      answer.on('end', () => {
        const back = Object.fromEntries(endToEndHeaders(answer.rawHeaders, new Set(['content-length'])))
        endRawResponse(socket, answer.statusCode ?? 502, back, Buffer.concat(body), answer.statusMessage)
      })
    })
    upstream.on('error', (error) => {
      log?.(`proxy ${requestId}: upgrade ${where.host} failed: ${error.message}`)
      rawFailure(socket, error.message === 'timeout' ? 'timeout' : 'unreachable', where.host, requestId, lang)
    })
    upstream.end()
  }

  return {
    onRequest,
    onConnect,
    onUpgrade,
    close: () => {
      agent.destroy()
      for (const socket of rawSockets) socket.destroy()
    },
  }
}
