// Load generation for `npm run bench:proxy`: raw HTTP/1.1 over sockets, so the client costs little next
// to the proxies it measures (wrk cannot speak to a proxy; undici's per-request work would dominate on a
// 2-CPU box). Three shapes: keep-alive requests over plain connections to the proxy, CONNECT setup
// (connect, CONNECT, 200, close), and keep-alive requests inside a TLS tunnel through the proxy.
import { connect as netConnect, type Socket } from 'node:net'
import { type TLSSocket, connect as tlsConnect } from 'node:tls'

/** One parsed response: status and whether the server will close the connection after it. */
export interface ResponseHead {
  readonly status: number
  readonly close: boolean
  readonly bodyBytes: number
}

const headerEnd = Buffer.from('\r\n\r\n')
const crlf = Buffer.from('\r\n')

/**
 * Reads HTTP/1.1 responses off a socket one at a time (Content-Length, chunked, or to end of stream).
 * `next()` resolves with the next complete response. Only one response may be awaited at once.
 */
export class ResponseReader {
  private buffer: Buffer = Buffer.alloc(0)
  private waiting: { resolve(h: ResponseHead): void; reject(e: Error): void; headOnly: boolean } | undefined
  private ended = false
  private failure: Error | undefined

  private readonly socket: Socket | TLSSocket
  private readonly onData = (chunk: Buffer): void => {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk])
    this.pump()
  }
  private readonly onEnd = (): void => {
    this.ended = true
    this.pump()
  }
  private readonly onError = (error: Error): void => {
    this.failure = error
    this.pump()
  }

  constructor(socket: Socket | TLSSocket) {
    this.socket = socket
    socket.on('data', this.onData)
    socket.on('end', this.onEnd)
    socket.on('close', this.onEnd)
    socket.on('error', this.onError)
  }

  /** Stops reading the socket (it is handed to TLS) and returns the bytes read past the last response. */
  detach(): Buffer {
    this.socket.off('data', this.onData)
    this.socket.off('end', this.onEnd)
    this.socket.off('close', this.onEnd)
    this.socket.off('error', this.onError)
    return this.takeRest()
  }

  /** The next response; `headOnly` for a CONNECT answer (no body follows a 2xx). */
  next(headOnly = false): Promise<ResponseHead> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject, headOnly }
      this.pump()
    })
  }

  /** Bytes received after the last parsed response (the start of a tunnel, for instance). */
  takeRest(): Buffer {
    const rest = this.buffer
    this.buffer = Buffer.alloc(0)
    return rest
  }

  private pump(): void {
    const w = this.waiting
    if (w === undefined) return
    let parsed: { head: ResponseHead; length: number } | undefined
    try {
      parsed = this.parse(w.headOnly)
    } catch (error) {
      this.waiting = undefined
      w.reject(error as Error)
      return
    }
    if (parsed !== undefined) {
      this.waiting = undefined
      this.buffer = this.buffer.subarray(parsed.length)
      w.resolve(parsed.head)
      return
    }
    if (this.failure !== undefined || this.ended) {
      this.waiting = undefined
      w.reject(this.failure ?? new Error('connection closed before a complete response'))
    }
  }

  private parse(headOnly: boolean): { head: ResponseHead; length: number } | undefined {
    const end = this.buffer.indexOf(headerEnd)
    if (end < 0) {
      if (this.buffer.length > 64 * 1024) throw new Error('response head over 64 KiB')
      return undefined
    }
    const headText = this.buffer.toString('latin1', 0, end)
    const status = Number(headText.slice(9, 12))
    if (!headText.startsWith('HTTP/1.') || !(status >= 100 && status <= 599))
      throw new Error(`not an HTTP response: ${JSON.stringify(headText.slice(0, 60))}`)
    const lower = headText.toLowerCase()
    const close = /\r\nconnection:[^\r]*\bclose\b/.test(lower) || headText.startsWith('HTTP/1.0')
    const bodyStart = end + 4
    if (headOnly || status === 204 || status === 304 || (status >= 100 && status < 200))
      return { head: { status, close, bodyBytes: 0 }, length: bodyStart }
    const lengthMatch = /\r\ncontent-length:\s*(\d+)/.exec(lower)
    if (lengthMatch !== null) {
      const length = Number(lengthMatch[1])
      if (this.buffer.length < bodyStart + length) return undefined
      return { head: { status, close, bodyBytes: length }, length: bodyStart + length }
    }
    if (/\r\ntransfer-encoding:[^\r]*chunked/.test(lower)) {
      let at = bodyStart
      let bodyBytes = 0
      // Bounded: each pass consumes one chunk of the buffered bytes.
      for (;;) {
        const lineEnd = this.buffer.indexOf(crlf, at)
        if (lineEnd < 0) return undefined
        const size = Number.parseInt(this.buffer.toString('latin1', at, lineEnd), 16)
        if (!(size >= 0)) throw new Error('bad chunk size')
        at = lineEnd + 2
        if (size === 0) {
          // Trailers (usually none) end with an empty line.
          const trailerEnd = this.buffer.indexOf(crlf, at)
          if (trailerEnd < 0) return undefined
          if (trailerEnd === at) return { head: { status, close, bodyBytes }, length: at + 2 }
          const fullEnd = this.buffer.indexOf(headerEnd, at)
          if (fullEnd < 0) return undefined
          return { head: { status, close, bodyBytes }, length: fullEnd + 4 }
        }
        if (this.buffer.length < at + size + 2) return undefined
        bodyBytes += size
        at += size + 2
      }
    }
    // Neither: the body runs to the end of the stream.
    if (!this.ended) return undefined
    return {
      head: { status, close: true, bodyBytes: this.buffer.length - bodyStart },
      length: this.buffer.length,
    }
  }
}

/** What one timed run produced. */
export interface LoadResult {
  requests: number
  errors: number
  firstError: string
  wallMs: number
  /** Latency of each successful request, ms. */
  latenciesMs: Float64Array
}

/** Limits of one run: whichever of `maxRequests` and `maxMs` comes first. */
export interface LoadLimits {
  readonly concurrency: number
  readonly maxRequests: number
  readonly maxMs: number
}

/** A connection ready for requests and the reader of its responses. */
export interface OpenConnection {
  readonly socket: Socket | TLSSocket
  readonly reader: ResponseReader
}

function tcp(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: '127.0.0.1', port, noDelay: true })
    socket.once('connect', () => {
      socket.off('error', reject)
      resolve(socket)
    })
    socket.once('error', reject)
  })
}

/** A plain keep-alive connection to the proxy. */
export async function openPlain(proxyPort: number): Promise<OpenConnection> {
  const socket = await tcp(proxyPort)
  return { socket, reader: new ResponseReader(socket) }
}

/**
 * CONNECT `authority` through the proxy, then TLS inside the tunnel with SNI `servername`, trusting only
 * `ca` (the proxy's interception CA): a certificate the client would not accept fails the connection.
 */
export async function openTunnelTls(
  proxyPort: number,
  authority: string,
  servername: string,
  ca: string,
): Promise<OpenConnection> {
  const socket = await tcp(proxyPort)
  const reader = new ResponseReader(socket)
  socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`)
  const head = await reader.next(true)
  if (head.status !== 200) {
    socket.destroy()
    throw new Error(`CONNECT ${authority} answered ${head.status}`)
  }
  const rest = reader.detach()
  if (rest.length > 0) socket.unshift(rest)
  const tls = await new Promise<TLSSocket>((resolve, reject) => {
    const t = tlsConnect({ socket, servername, ca, ALPNProtocols: ['http/1.1'] })
    t.once('secureConnect', () => {
      t.off('error', reject)
      resolve(t)
    })
    t.once('error', reject)
  })
  return { socket: tls, reader: new ResponseReader(tls) }
}

/**
 * Keep-alive requests: `concurrency` connections from `open`, each sending `request` and awaiting the
 * answer, until the limits. A response with a status other than `expectStatus` counts as an error; a
 * connection the server closes (or that fails) is reopened.
 */
export async function runKeepAlive(
  open: () => Promise<OpenConnection>,
  request: Buffer,
  expectStatus: number,
  limits: LoadLimits,
): Promise<LoadResult> {
  const latencies = new Float64Array(limits.maxRequests)
  let issued = 0
  let done = 0
  let errors = 0
  let firstError = ''
  const fail = (message: string): void => {
    errors++
    if (firstError === '') firstError = message
  }
  const t0 = performance.now()
  const deadline = t0 + limits.maxMs
  const loop = async (): Promise<void> => {
    let conn: OpenConnection | undefined
    // Each pass issues one request or counts one error, so the loop ends with the limits.
    while (issued < limits.maxRequests && performance.now() < deadline) {
      issued++
      try {
        if (conn === undefined) conn = await open()
        const start = performance.now()
        const answer = conn.reader.next()
        conn.socket.write(request)
        const head = await answer
        if (head.status !== expectStatus) fail(`HTTP ${head.status}, expected ${expectStatus}`)
        else latencies[done++] = performance.now() - start
        if (head.close) {
          conn.socket.destroy()
          conn = undefined
        }
      } catch (error) {
        fail((error as Error).message)
        conn?.socket.destroy()
        conn = undefined
      }
    }
    conn?.socket.destroy()
  }
  await Promise.all(Array.from({ length: limits.concurrency }, loop))
  return {
    requests: done,
    errors,
    firstError,
    wallMs: performance.now() - t0,
    latenciesMs: latencies.subarray(0, done),
  }
}

/**
 * CONNECT setup: each operation opens a connection to the proxy, sends CONNECT `authority`, awaits the
 * `200` head (the proxy has reached the origin by then) and closes. Latency covers connect to 200.
 */
export async function runConnectSetup(
  proxyPort: number,
  authority: string,
  limits: LoadLimits,
): Promise<LoadResult> {
  const latencies = new Float64Array(limits.maxRequests)
  const request = Buffer.from(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`)
  let issued = 0
  let done = 0
  let errors = 0
  let firstError = ''
  const t0 = performance.now()
  const deadline = t0 + limits.maxMs
  const loop = async (): Promise<void> => {
    while (issued < limits.maxRequests && performance.now() < deadline) {
      issued++
      const start = performance.now()
      let socket: Socket | undefined
      try {
        socket = await tcp(proxyPort)
        const reader = new ResponseReader(socket)
        const answer = reader.next(true)
        socket.write(request)
        const head = await answer
        if (head.status === 200) latencies[done++] = performance.now() - start
        else {
          errors++
          if (firstError === '') firstError = `CONNECT answered ${head.status}`
        }
      } catch (error) {
        errors++
        if (firstError === '') firstError = (error as Error).message
      } finally {
        socket?.destroy()
      }
    }
  }
  await Promise.all(Array.from({ length: limits.concurrency }, loop))
  return {
    requests: done,
    errors,
    firstError,
    wallMs: performance.now() - t0,
    latenciesMs: latencies.subarray(0, done),
  }
}
