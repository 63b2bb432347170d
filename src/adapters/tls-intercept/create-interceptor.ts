// TLS interception of one CONNECT tunnel: the proxy has answered "200 Connection established", this
// module completes TLS as the server with a leaf minted for the CONNECT host, then lets node:http parse
// the HTTP/1.1 requests inside (keep-alive included) and hands each to `handle`. Every request in the
// tunnel is pinned to the CONNECT target: the inner Host header is never used for routing.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { createSecureContext, type SecureContext, TLSSocket } from 'node:tls'
import type { CertificateAuthority } from './certificate-authority.ts'
import { type LeafCertificate, normaliseHost } from './leaf-minter.ts'
import { LruCache } from './lru-cache.ts'

export type { CertificateAuthority } from './certificate-authority.ts'
export { loadOrCreateCa } from './certificate-authority.ts'
export { forwardHttps } from './forward-https.ts'
export { forwardUpgrade } from './forward-upgrade.ts'

/** The CONNECT authority a tunnel is pinned to. */
export interface InterceptTarget {
  readonly host: string
  readonly port: number
}

/** Who opened the tunnel. */
export interface InterceptContext {
  readonly remoteAddress: string
  readonly proxyUser?: string
}

/** Where an interception failure happened. */
export type InterceptPhase = 'mint' | 'handshake' | 'http' | 'handler'

/** Options of {@link createInterceptor}. */
export interface InterceptorOptions {
  readonly ca: CertificateAuthority
  /** Decides and answers one decrypted request (e.g. with `forwardHttps`). A rejection becomes a 500. */
  handle(
    req: IncomingMessage,
    res: ServerResponse,
    target: InterceptTarget,
    context: InterceptContext,
  ): void | Promise<void>
  /** Takes a WebSocket (or other) upgrade inside the tunnel; without it upgrades are answered 501. */
  onUpgrade?(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    target: InterceptTarget,
    context: InterceptContext,
  ): void
  /** Told about failures: a client that does not trust the CA shows up here in phase 'handshake'. */
  onError?(error: Error, phase: InterceptPhase, target: InterceptTarget, context: InterceptContext): void
  /** Give up on a client that has not finished the TLS handshake after this long (default 10 s). */
  readonly handshakeTimeoutMs?: number
  /** Close an idle keep-alive tunnel after this long (default 60 s). */
  readonly keepAliveTimeoutMs?: number
  /** Close a tunnel with no traffic at all, mid-request included, after this long (default 5 min). */
  readonly idleTimeoutMs?: number
  /** How many per-host TLS contexts to keep (default 1,000). */
  readonly contextCacheSize?: number
}

/** Intercepts CONNECT tunnels. */
export interface Interceptor {
  /**
   * Takes over a CONNECT'ed client socket (after the proxy answered 200): completes TLS with a leaf
   * minted for `target.host` (ALPN http/1.1), parses HTTP/1.1 requests inside, pinned to target (inner
   * Host ignored for routing), and for each request calls `handle`.
   */
  intercept(socket: Socket, head: Buffer, target: InterceptTarget, context: InterceptContext): void
  /** How many intercepted tunnels are open. */
  readonly openTunnels: number
  /** Ends every open tunnel (shutdown). */
  close(): void
}

const renewBeforeMs = 24 * 60 * 60 * 1000
const ignore = () => {}

interface Tunnel {
  readonly target: InterceptTarget
  readonly context: InterceptContext
}

/** Creates an {@link Interceptor} that mints from `options.ca` and answers through `options.handle`. */
export function createInterceptor(options: InterceptorOptions): Interceptor {
  const contexts = new LruCache<string, { secureContext: SecureContext; notAfter: Date }>(
    options.contextCacheSize ?? 1000,
  )
  const tunnels = new WeakMap<object, Tunnel>()
  const open = new Set<TLSSocket>()
  const report = (error: Error, phase: InterceptPhase, tunnel: Tunnel) =>
    options.onError?.(error, phase, tunnel.target, tunnel.context)

  // One internal HTTP server parses every tunnel; it never listens, sockets are handed to it.
  const server: Server = createServer()
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 60_000
  server.timeout = options.idleTimeoutMs ?? 300_000
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const tunnel = tunnels.get(req.socket)
    if (tunnel === undefined) {
      res.destroy()
      return
    }
    let outcome: void | Promise<void>
    try {
      outcome = options.handle(req, res, tunnel.target, tunnel.context)
    } catch (error) {
      handlerFailed(error, res, tunnel)
      return
    }
    if (outcome instanceof Promise) outcome.catch((error: unknown) => handlerFailed(error, res, tunnel))
  })
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const tunnel = tunnels.get(req.socket)
    if (tunnel === undefined || options.onUpgrade === undefined) {
      socket.end('HTTP/1.1 501 Not Implemented\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    options.onUpgrade(req, socket, head, tunnel.target, tunnel.context)
  })
  server.on('clientError', (error: Error, socket: Duplex) => {
    const tunnel = tunnels.get(socket)
    if (tunnel !== undefined && (error as NodeJS.ErrnoException).code !== 'ECONNRESET')
      report(error, 'http', tunnel)
    if (socket.writable && !(socket as Socket).writableEnded)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    else socket.destroy()
  })

  function handlerFailed(error: unknown, res: ServerResponse, tunnel: Tunnel): void {
    report(error instanceof Error ? error : new Error(String(error)), 'handler', tunnel)
    if (res.headersSent) res.destroy()
    else {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
      res.end('Sluice could not handle this request.\n')
    }
  }

  function contextFor(host: string, leaf: LeafCertificate): SecureContext {
    const secureContext = createSecureContext({ key: leaf.key, cert: leaf.cert, minVersion: 'TLSv1.2' })
    contexts.set(host, { secureContext, notAfter: leaf.notAfter })
    return secureContext
  }

  /** The cached context for `host`, unless its leaf is about to expire (then the CA mints anew). */
  function cachedContext(host: string): SecureContext | undefined {
    const entry = contexts.get(host)
    if (entry === undefined || entry.notAfter.getTime() - Date.now() < renewBeforeMs) return undefined
    return entry.secureContext
  }

  function startTls(socket: Socket, secureContext: SecureContext, tunnel: Tunnel): void {
    if (socket.destroyed) return
    // SNI in the ClientHello is deliberately ignored: the certificate is always the CONNECT host's,
    // so a client cannot obtain (or route to) another host by sending a different server name.
    const tls = new TLSSocket(socket, { isServer: true, secureContext, ALPNProtocols: ['http/1.1'] })
    tunnels.set(tls, tunnel)
    open.add(tls)
    let secured = false
    const timer = setTimeout(
      () => tls.destroy(new Error(`TLS handshake with the client not finished within ${handshakeMs} ms`)),
      handshakeMs,
    )
    tls.on('error', (error: Error) => {
      // After the handshake node:http owns error handling (clientError above).
      if (secured) return
      clearTimeout(timer)
      report(error, 'handshake', tunnel)
      tls.destroy()
    })
    tls.once('close', () => {
      clearTimeout(timer)
      open.delete(tls)
    })
    tls.once('secure', () => {
      secured = true
      clearTimeout(timer)
      server.emit('connection', tls)
    })
  }

  const handshakeMs = options.handshakeTimeoutMs ?? 10_000

  return {
    intercept(socket, head, target, context) {
      const tunnel: Tunnel = { target, context }
      // Until TLS wraps it, a reset of the raw socket is reported, not thrown.
      const early = (error: Error) => {
        report(error, 'handshake', tunnel)
        socket.destroy()
      }
      socket.on('error', early)
      if (head.length > 0) socket.unshift(head)
      let host: string
      try {
        host = normaliseHost(target.host)
      } catch (error) {
        report(error as Error, 'mint', tunnel)
        socket.destroy()
        return
      }
      const begin = (secureContext: SecureContext) => {
        socket.off('error', early)
        // Once wrapped, failures surface on the TLS socket; this only keeps a late raw error from throwing.
        socket.on('error', ignore)
        startTls(socket, secureContext, tunnel)
      }
      const cached = cachedContext(host)
      if (cached !== undefined) {
        begin(cached)
        return
      }
      // The ClientHello waits in the socket's buffer while the leaf is minted; TLSSocket reads it first.
      options.ca.leafFor(host).then(
        (leaf) => begin(cachedContext(host) ?? contextFor(host, leaf)),
        (error: unknown) => {
          report(error instanceof Error ? error : new Error(String(error)), 'mint', tunnel)
          socket.destroy()
        },
      )
    },
    get openTunnels() {
      return open.size
    },
    close() {
      for (const tls of open) tls.destroy()
      open.clear()
    },
  }
}
