import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** A listening server: its URL and a way to stop it. */
export interface RunningServer {
  readonly url: string
  close(): Promise<void>
}

/** Raw-socket faces: the forward proxy's CONNECT and WebSocket upgrades. */
export interface RawSocketHandlers {
  /** The 'connect' event (CONNECT host:port). Without it, CONNECT requests are closed. */
  readonly onConnect?: (req: IncomingMessage, socket: Socket, head: Buffer) => void
  /** Which upgrade requests `onUpgrade` takes; the rest are served as ordinary requests. */
  readonly isUpgrade?: (req: IncomingMessage) => boolean
  readonly onUpgrade?: (req: IncomingMessage, socket: Socket, head: Buffer) => void
}

/** Listens with `handler` on host:port (port 0 picks a free one). */
export function startHttpServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  where: { readonly host: string; readonly port: number },
  raw: RawSocketHandlers = {},
): Promise<RunningServer> {
  const isUpgrade = raw.isUpgrade
  const server = createServer(
    {
      requestTimeout: 60_000,
      headersTimeout: 20_000,
      keepAliveTimeout: 5_000,
      // Only the upgrades the proxy takes leave the request path (an h2c upgrade offer to the gateway
      // is answered as HTTP/1.1, as before).
      shouldUpgradeCallback: (req) => raw.onUpgrade !== undefined && isUpgrade?.(req) === true,
    },
    handler,
  )
  if (raw.onConnect !== undefined) server.on('connect', raw.onConnect)
  if (raw.onUpgrade !== undefined) server.on('upgrade', raw.onUpgrade)
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(where.port, where.host, () => {
      server.off('error', reject)
      const address = server.address() as AddressInfo
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
      resolve({
        url: `http://${host}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            server.closeAllConnections()
          }),
      })
    })
  })
}
