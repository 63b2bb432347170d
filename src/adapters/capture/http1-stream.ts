// HTTP/1.x messages from one direction of a reassembled TCP stream: heads, bodies by Content-Length,
// chunked transfer coding or (responses) connection close, several messages in a row (keep-alive and
// pipelining). Bodies are kept up to a bound and counted beyond it. After a gap in the stream the
// parser waits for bytes that start a new message, so one lost segment costs one message, not the
// rest of the connection.

/** One HTTP message as seen on the wire. */
export interface HttpMessage {
  /** Request: method, target, version. Response: version, status, reason. */
  line: [string, string, string]
  headers: [string, string][]
  /** The body after de-chunking (content coding not undone), up to the parser's bound. */
  body: Uint8Array
  /** Body bytes after de-chunking, all of them (also those beyond the bound). */
  bodyBytes: number
  /** Bytes on the wire: head, framing and body. */
  wireBytes: number
  timeMs: number
  /** Something is missing: a gap, the stream ended early, or the body was longer than the bound. */
  partial: boolean
  /** Why it is partial, for the warning. */
  partialReason?: string
}

/** Body bytes kept by all parsers of a capture at once, and the most allowed. */
export interface BodyBudget {
  used: number
  readonly limit: number
}

/** What the response parser needs to know about the request a response answers. */
export type RequestMethodLookup = () => string | undefined

/** Most bytes of one message head. */
const maxHead = 64 * 1024

const requestLine = /^([A-Z][A-Z_-]{0,19}) (\S+) (HTTP\/1\.[019])$/
const statusLine = /^(HTTP\/1\.[019]) (\d{3})(?: (.*))?$/

const methodStart = /^[A-Z][A-Z_-]{0,19} /
/** True when `b` starts like an HTTP/1.x request line. */
export function looksLikeHttpRequest(b: Uint8Array): boolean {
  const s = String.fromCharCode(...b.subarray(0, 24))
  return methodStart.test(s) && !s.startsWith('PRI * HTTP/2')
}
/** True when `b` starts like an HTTP/1.x status line. */
export function looksLikeHttpResponse(b: Uint8Array): boolean {
  return String.fromCharCode(...b.subarray(0, 7)) === 'HTTP/1.'
}

type State =
  | { s: 'head' }
  | { s: 'length'; left: number }
  | { s: 'chunk-size' }
  | { s: 'chunk-data'; left: number }
  | { s: 'chunk-crlf'; left: number }
  | { s: 'trailers' }
  | { s: 'close' }
  | { s: 'lost' }
  | { s: 'opaque' }

/** An incremental parser of the HTTP messages in one direction. */
export class Http1Stream {
  private state: State = { s: 'head' }
  private head: Uint8Array[] = []
  private headLen = 0
  private line = new Uint8Array(0)
  private current: HttpMessage | undefined
  private bodyParts: Uint8Array[] = []
  private kept = 0
  /** Bytes of the current message lost in gaps. */
  private missingInMessage = 0
  private readonly kind: 'request' | 'response'
  private readonly maxBody: number
  private readonly budget: BodyBudget
  private readonly onMessage: (m: HttpMessage) => void
  private readonly methodOfRequest: RequestMethodLookup
  /** Set when the stream stopped being HTTP (upgrade, CONNECT tunnel): the rest is not parsed. */
  switched = false

  constructor(
    kind: 'request' | 'response',
    maxBody: number,
    budget: BodyBudget,
    onMessage: (m: HttpMessage) => void,
    methodOfRequest: RequestMethodLookup = () => undefined,
  ) {
    this.kind = kind
    this.maxBody = maxBody
    this.budget = budget
    this.onMessage = onMessage
    this.methodOfRequest = methodOfRequest
  }

  /** Bytes of the stream, in order. */
  push(data: Uint8Array, timeMs: number): void {
    let at = 0
    // Each turn consumes bytes or changes state toward consuming them; bounded by data.length.
    while (at < data.length) {
      const st = this.state
      switch (st.s) {
        case 'opaque':
          return
        case 'lost': {
          const rest = data.subarray(at)
          if (this.kind === 'request' ? looksLikeHttpRequest(rest) : looksLikeHttpResponse(rest)) {
            this.state = { s: 'head' }
            continue
          }
          return
        }
        case 'head': {
          if (this.current === undefined) {
            this.current = {
              line: ['', '', ''],
              headers: [],
              body: new Uint8Array(0),
              bodyBytes: 0,
              wireBytes: 0,
              timeMs,
              partial: false,
            }
          }
          const end = this.findHeadEnd(data, at)
          const stop = end < 0 ? data.length : end
          this.head.push(data.slice(at, stop))
          this.headLen += stop - at
          this.current.wireBytes += stop - at
          at = stop
          if (end < 0) {
            if (this.headLen > maxHead) this.fail('message head longer than 64 KiB')
            return
          }
          this.startBody()
          break
        }
        case 'length': {
          const take = Math.min(st.left, data.length - at)
          this.keep(data.subarray(at, at + take))
          st.left -= take
          at += take
          if (st.left === 0) this.finish()
          break
        }
        case 'close': {
          this.keep(data.subarray(at))
          return
        }
        case 'chunk-data': {
          const take = Math.min(st.left, data.length - at)
          this.keep(data.subarray(at, at + take))
          st.left -= take
          at += take
          if (st.left === 0) this.state = { s: 'chunk-crlf', left: 2 }
          break
        }
        case 'chunk-crlf': {
          const take = Math.min(st.left, data.length - at)
          this.wire(take)
          st.left -= take
          at += take
          if (st.left === 0) this.state = { s: 'chunk-size' }
          break
        }
        case 'chunk-size':
        case 'trailers': {
          const nl = data.indexOf(10, at)
          const stop = nl < 0 ? data.length : nl + 1
          this.appendLine(data.subarray(at, stop))
          this.wire(stop - at)
          at = stop
          if (nl < 0) {
            if (this.line.length > 8192) this.fail('chunk size line longer than 8 KiB')
            return
          }
          const text = String.fromCharCode(...this.line).trim()
          this.line = new Uint8Array(0)
          if (st.s === 'trailers') {
            if (text === '') this.finish()
            continue
          }
          const size = Number.parseInt(text.split(';')[0] ?? '', 16)
          if (!/^[0-9a-fA-F]+/.test(text) || !Number.isSafeInteger(size)) {
            this.fail(`invalid chunk size '${text.slice(0, 40)}'`)
            return
          }
          this.state = size === 0 ? { s: 'trailers' } : { s: 'chunk-data', left: size }
          break
        }
      }
    }
  }

  /**
   * `missing` bytes of the stream were never captured. Inside a body of known length the parser
   * stays in step (the bytes are counted as missing); anywhere else it waits for the next message.
   */
  gap(missing: number): void {
    const st = this.state
    const cur = this.current
    if (st.s === 'opaque' || st.s === 'lost') return
    if (cur === undefined && st.s === 'head') {
      this.state = { s: 'lost' }
      return
    }
    if (cur !== undefined) {
      cur.partial = true
      this.missingInMessage += missing
      cur.partialReason = `${this.missingInMessage} bytes missing from the capture`
    }
    if (st.s === 'length' && missing < st.left) {
      st.left -= missing
      if (cur !== undefined) {
        cur.bodyBytes += missing
        cur.wireBytes += missing
      }
      return
    }
    if (st.s === 'close') return
    this.emit()
    this.state = { s: 'lost' }
  }

  /** The stream ended (FIN, RST or end of capture). */
  end(): void {
    const st = this.state
    if (this.current === undefined) return
    if (st.s === 'close') {
      this.emit()
      return
    }
    if (st.s === 'head' && this.headLen === 0) return
    this.current.partial = true
    this.current.partialReason ??= 'the stream ended inside the message'
    if (st.s === 'head') {
      // A head without its blank line: parse what there is, so the request line is not lost.
      this.parseHead()
    }
    this.emit()
  }

  private findHeadEnd(data: Uint8Array, at: number): number {
    // The blank line may straddle pushes: look at the last 3 bytes kept too.
    const prev = this.head.length > 0 ? this.tail(3) : []
    const window = prev.length
    for (let i = at; i < data.length; i++) {
      if (data[i] !== 10) continue
      const b1 = i - 1 >= at ? data[i - 1] : prev[window - (at - (i - 1))]
      if (b1 === 10) return i + 1
      const b2 = i - 2 >= at ? data[i - 2] : prev[window - (at - (i - 2))]
      if (b1 === 13 && b2 === 10) return i + 1
    }
    return -1
  }

  private tail(n: number): number[] {
    const out: number[] = []
    for (let i = this.head.length - 1; i >= 0 && out.length < n; i--) {
      const part = this.head[i] as Uint8Array
      for (let j = part.length - 1; j >= 0 && out.length < n; j--) out.unshift(part[j] as number)
    }
    return out
  }

  private parseHead(): boolean {
    const cur = this.current as HttpMessage
    const all = new Uint8Array(this.headLen)
    let off = 0
    for (const p of this.head) {
      all.set(p, off)
      off += p.length
    }
    this.head = []
    this.headLen = 0
    const lines = new TextDecoder('latin1').decode(all).split(/\r?\n/)
    const first = (lines.shift() ?? '').trim()
    const m = (this.kind === 'request' ? requestLine : statusLine).exec(first)
    if (m === null) return false
    cur.line = [m[1] as string, m[2] as string, m[3] ?? '']
    for (const l of lines) {
      if (l === '') continue
      const colon = l.indexOf(':')
      if (colon <= 0) continue
      cur.headers.push([l.slice(0, colon).trim(), l.slice(colon + 1).trim()])
    }
    return true
  }

  private startBody(): void {
    const cur = this.current as HttpMessage
    if (!this.parseHead()) {
      this.current = undefined
      this.state = { s: 'lost' }
      this.onProblem(`not an HTTP/1.x ${this.kind}`)
      return
    }
    const header = (name: string): string | undefined =>
      cur.headers.find(([k]) => k.toLowerCase() === name)?.[1]
    const te = header('transfer-encoding')?.toLowerCase()
    const cl = header('content-length')
    if (this.kind === 'response') {
      const status = Number(cur.line[1])
      const method = this.methodOfRequest()
      if (status === 101 || (method === 'CONNECT' && status >= 200 && status < 300)) {
        this.emit()
        this.state = { s: 'opaque' }
        this.switched = true
        return
      }
      if (method === 'HEAD' || (status >= 100 && status < 200) || status === 204 || status === 304) {
        this.finish()
        return
      }
    }
    if (te?.includes('chunked')) this.state = { s: 'chunk-size' }
    else if (cl !== undefined && /^\d+$/.test(cl)) {
      const n = Number(cl)
      if (n === 0) this.finish()
      else this.state = { s: 'length', left: n }
    } else if (this.kind === 'response') this.state = { s: 'close' }
    else this.finish()
    if (this.kind === 'request' && cur.line[0] === 'CONNECT' && this.state.s === 'head') {
      // What follows a CONNECT is the tunnel, not more requests.
      this.state = { s: 'opaque' }
      this.switched = true
    }
  }

  private keep(b: Uint8Array): void {
    const cur = this.current
    if (cur === undefined || b.length === 0) return
    cur.bodyBytes += b.length
    cur.wireBytes += b.length
    const room = Math.min(this.maxBody - this.kept, this.budget.limit - this.budget.used)
    const take = Math.max(0, Math.min(b.length, room))
    if (take > 0) {
      this.bodyParts.push(b.slice(0, take))
      this.kept += take
      this.budget.used += take
    }
    if (take < b.length && !cur.partial) {
      cur.partial = true
      cur.partialReason =
        this.kept >= this.maxBody
          ? `body longer than ${this.maxBody} bytes: the rest is counted, not kept`
          : `bodies being read exceed ${this.budget.limit} bytes in all: the rest of this one is counted, not kept`
    }
  }

  private wire(n: number): void {
    if (this.current !== undefined) this.current.wireBytes += n
  }

  private appendLine(b: Uint8Array): void {
    const next = new Uint8Array(this.line.length + b.length)
    next.set(this.line)
    next.set(b, this.line.length)
    this.line = next
  }

  private finish(): void {
    this.emit()
    this.state = { s: 'head' }
  }

  private emit(): void {
    const cur = this.current
    if (cur === undefined) return
    if (this.bodyParts.length === 1) cur.body = this.bodyParts[0] as Uint8Array
    else if (this.bodyParts.length > 1) {
      const body = new Uint8Array(this.kept)
      let off = 0
      for (const p of this.bodyParts) {
        body.set(p, off)
        off += p.length
      }
      cur.body = body
    }
    this.bodyParts = []
    this.missingInMessage = 0
    this.budget.used -= this.kept
    this.kept = 0
    this.current = undefined
    if (cur.line[0] !== '') this.onMessage(cur)
  }

  private fail(reason: string): void {
    const cur = this.current
    if (cur !== undefined) {
      cur.partial = true
      cur.partialReason = reason
    }
    if (this.state.s === 'head') {
      this.parseHead()
    }
    this.emit()
    this.state = { s: 'lost' }
    this.onProblem(reason)
  }

  /** Set by the owner to hear about unparseable bytes. */
  onProblem: (reason: string) => void = () => {}
}
