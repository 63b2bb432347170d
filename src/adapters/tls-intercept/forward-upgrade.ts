// Forwards an upgrade (WebSocket) from inside an intercepted tunnel to the real site over verified TLS.
// After a 101 both sides are piped byte for byte; any other answer is relayed and the socket closed.
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http'
import { request } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import type { Duplex } from 'node:stream'
import { upstreamErrorPage } from './upstream-error-page.ts'
import {
  bareHost,
  classifyUpstreamError,
  downstreamHeaders,
  pathOf,
  upstreamHeaders,
} from './upstream-request.ts'

/** Options of {@link forwardUpgrade}. */
export interface ForwardUpgradeOptions {
  readonly rejectUnauthorized: true
  /** How long to wait for the site's answer to the upgrade (504 after). */
  readonly timeoutMs: number
  /** Extra trusted roots (PEM) for the upstream, as in forwardHttps. */
  readonly ca?: string
  readonly lookup?: LookupFunction
}

/**
 * Sends the upgrade request `req` (with `head`, bytes already read after it) to `target` and connects
 * the client `socket` to the site once it agrees (101). Resolves when the exchange is set up or answered.
 */
export function forwardUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  target: { host: string; port: number },
  options: ForwardUpgradeOptions,
): Promise<void> {
  return new Promise((resolve) => {
    const host = bareHost(target.host)
    const headers = upstreamHeaders(req, { host, port: target.port }, undefined, undefined)
    // Connection and Upgrade are hop-by-hop, so they were dropped above; this hop asks for the same upgrade.
    headers.push('connection', 'Upgrade', 'upgrade', String(req.headers.upgrade ?? 'websocket'))
    const upstream = request({
      host,
      port: target.port,
      method: req.method ?? 'GET',
      path: pathOf(req.url),
      headers: headers as unknown as OutgoingHttpHeaders,
      setHost: false,
      agent: false, // an upgraded connection is never reused
      rejectUnauthorized: true,
      ...(isIP(host) === 0 ? { servername: host } : {}),
      ...(options.ca === undefined ? {} : { ca: options.ca }),
      ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
    })
    let timedOut = false
    upstream.setTimeout(options.timeoutMs, () => {
      timedOut = true
      upstream.destroy(new Error(`no answer from ${host}:${target.port} within ${options.timeoutMs} ms`))
    })
    socket.on('error', () => upstream.destroy())
    upstream.on('upgrade', (answer: IncomingMessage, upstreamSocket: Duplex, upstreamHead: Buffer) => {
      upstream.setTimeout(0)
      const lines = [`HTTP/1.1 101 ${answer.statusMessage || 'Switching Protocols'}`]
      // The upgrade's own Connection/Upgrade headers are hop-by-hop but this hop must repeat them.
      lines.push('Connection: Upgrade', `Upgrade: ${answer.headers.upgrade ?? 'websocket'}`)
      const rest = downstreamHeaders(answer)
      for (let i = 0; i + 1 < rest.length; i += 2) lines.push(`${rest[i]}: ${rest[i + 1]}`)
      socket.write(`${lines.join('\r\n')}\r\n\r\n`)
      if (upstreamHead.length > 0) socket.write(upstreamHead)
      if (head.length > 0) upstreamSocket.write(head)
      upstreamSocket.on('error', () => socket.destroy())
      socket.on('error', () => upstreamSocket.destroy())
      upstreamSocket.pipe(socket).on('close', () => upstreamSocket.destroy())
      socket.pipe(upstreamSocket).on('close', () => socket.destroy())
      resolve()
    })
    upstream.on('response', (answer: IncomingMessage) => {
      // The site refused the upgrade: relay its answer and close, as the client expects after a refusal.
      const lines = [`HTTP/1.1 ${answer.statusCode ?? 502} ${answer.statusMessage ?? ''}`]
      const rest = downstreamHeaders(answer)
      for (let i = 0; i + 1 < rest.length; i += 2) lines.push(`${rest[i]}: ${rest[i + 1]}`)
      lines.push('Connection: close')
      socket.write(`${lines.join('\r\n')}\r\n\r\n`)
      answer.pipe(socket)
      answer.on('end', resolve)
      answer.on('error', () => socket.destroy())
    })
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      const { problem, detail } = classifyUpstreamError(error, timedOut)
      const page = upstreamErrorPage(problem, host, detail)
      if (socket.writable) {
        socket.end(
          `HTTP/1.1 ${page.status} ${page.status === 504 ? 'Gateway Timeout' : 'Bad Gateway'}\r\n` +
            `Content-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\nX-Sluice-Upstream-Error: ${problem}\r\n` +
            `Content-Length: ${Buffer.byteLength(page.html)}\r\nConnection: close\r\n\r\n${page.html}`,
        )
      } else socket.destroy()
      resolve()
    })
    upstream.end()
  })
}
