import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A listening server: its URL and a way to stop it. */
export interface RunningServer {
  readonly url: string
  close(): Promise<void>
}

/** Listens with `handler` on host:port (port 0 picks a free one). */
export function startHttpServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  where: { readonly host: string; readonly port: number },
): Promise<RunningServer> {
  const server = createServer(
    { requestTimeout: 60_000, headersTimeout: 20_000, keepAliveTimeout: 5_000 },
    handler,
  )
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
