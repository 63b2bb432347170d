// Forwards one plain-HTTP proxy request to its origin over a keep-alive pool and streams the answer
// back: hop-by-hop headers removed both ways, Via added, X-Forwarded-For when configured, bodies of any
// length (chunked included) streamed, timeouts and connection failures answered with a page.
import {
  Agent,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  request,
  type ServerResponse,
} from 'node:http'
import type { LookupFunction } from 'node:net'
import { endToEndHeaders, forwardedForValue, viaValue } from '../../core/proxy/hop-by-hop.ts'
import { sendFailure } from './send-pages.ts'

/** How one request is forwarded. */
export interface ForwardOptions {
  readonly host: string
  readonly port: number
  /** Origin-form path with query. */
  readonly path: string
  /** A body already read (and maybe rewritten); undefined = stream `req` through. */
  readonly body?: Buffer
  readonly timeoutMs: number
  readonly xForwardedFor: boolean
  readonly requestId: string
  readonly agent: Agent
  readonly log?: (line: string) => void
  readonly lookup?: LookupFunction
}

/** A pool of keep-alive connections to origins, one per proxy handler. */
export function createUpstreamAgent(): Agent {
  return new Agent({
    keepAlive: true,
    keepAliveMsecs: 1000,
    maxSockets: 256,
    maxFreeSockets: 64,
    scheduling: 'lifo',
  })
}

const setByProxy = new Set(['via', 'x-forwarded-for', 'content-length'])

/** Headers as node:http takes them, repeats kept as arrays, first spelling of each name kept. */
function toOutgoing(pairs: readonly [string, string][]): OutgoingHttpHeaders {
  const out: Record<string, string | string[]> = {}
  const spelled = new Map<string, string>()
  for (const [name, value] of pairs) {
    const lower = name.toLowerCase()
    const key = spelled.get(lower) ?? name
    spelled.set(lower, key)
    const seen = out[key]
    out[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value]
  }
  return out
}

/** Forwards `req` and streams the response into `res`. Resolves when the exchange is over. */
export function forwardHttp(
  req: IncomingMessage,
  res: ServerResponse,
  options: ForwardOptions,
): Promise<void> {
  const pairs = endToEndHeaders(req.rawHeaders, setByProxy)
  pairs.push(['Via', viaValue(req.headers.via, req.httpVersion)])
  if (options.xForwardedFor) {
    pairs.push([
      'X-Forwarded-For',
      forwardedForValue(req.headers['x-forwarded-for'], req.socket.remoteAddress ?? ''),
    ])
  }
  if (options.body !== undefined) pairs.push(['Content-Length', String(options.body.length)])
  else if (req.headers['content-length'] !== undefined)
    pairs.push(['Content-Length', req.headers['content-length']])
  return new Promise((resolve) => {
    let timedOut = false
    const upstream = request({
      host: options.host,
      port: options.port,
      method: req.method,
      path: options.path,
      headers: toOutgoing(pairs),
      agent: options.agent,
      setHost: false,
      ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
    })
    // Idle limit: covers connecting, waiting for the answer and any stall while it streams.
    upstream.setTimeout(options.timeoutMs, () => {
      timedOut = true
      upstream.destroy(new Error('upstream timeout'))
    })
    upstream.on('response', (answer) => {
      const back = endToEndHeaders(answer.rawHeaders, new Set(['via']))
      back.push(['Via', viaValue(answer.headers.via, answer.httpVersion)])
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, back.flat())
      answer.pipe(res)
      answer.on('error', () => res.destroy())
      answer.on('end', () => resolve())
    })
    upstream.on('error', (error) => {
      options.log?.(
        `proxy ${options.requestId}: ${options.host}:${options.port} ${timedOut ? 'timed out' : error.message}`,
      )
      if (!res.headersSent) {
        sendFailure(req, res, timedOut ? 'timeout' : 'unreachable', options.host, options.requestId)
      } else res.destroy()
      resolve()
    })
    // The client went away before the answer was complete: stop the upstream exchange too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy()
      resolve()
    })
    if (options.body !== undefined) upstream.end(options.body)
    else req.pipe(upstream)
  })
}
