// One port, several faces: the forward proxy (absolute-form requests and /proxy.pac), the AI API
// gateway, /metrics, and the scan API. Picks the face by request line and path.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { GatewayDeps } from '../../app/gateway/handle-ai-request.ts'
import { type GatewayApiOptions, gatewayPaths, serveGatewayRequest } from './gateway-api.ts'

/** The faces served on the one port. */
export interface SluiceHandlerParts {
  readonly scanApi: (req: IncomingMessage, res: ServerResponse) => void
  readonly gateway: { readonly deps: GatewayDeps; readonly options: GatewayApiOptions }
  /** Prometheus text for /metrics (merged across worker processes by the caller). */
  readonly metrics: () => Promise<string>
  /**
   * The forward proxy: returns true when it took the request (an absolute-form request line such as
   * `GET http://host/ HTTP/1.1`, or GET /proxy.pac). CONNECT and upgrades reach it through the server
   * events that startHttpServer attaches (`onConnect`, `onUpgrade`).
   */
  readonly proxy?: (req: IncomingMessage, res: ServerResponse) => boolean
}

/** Builds the node:http request handler for every face. */
export function createSluiceHandler(
  parts: SluiceHandlerParts,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (parts.proxy?.(req, res)) return
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/'
    if (gatewayPaths[path] !== undefined) {
      const requestId = pickRequestId(req.headers['x-request-id'])
      res.setHeader('x-request-id', requestId)
      void serveGatewayRequest(parts.gateway.deps, parts.gateway.options, req, res, requestId)
      return
    }
    if (path === '/metrics' && req.method === 'GET') {
      parts.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
          res.end(text)
        },
        () => {
          res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
          res.end('metrics unavailable\n')
        },
      )
      return
    }
    parts.scanApi(req, res)
  }
}

function pickRequestId(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header
  return given !== undefined && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID()
}
