// From decoded packets to audit flows: TCP connections are tracked and reassembled per direction,
// each one read as HTTP/1.x (one flow per request/response pair), TLS (one encrypted flow named by
// the ClientHello's SNI) or something else (one flow with byte counts); DNS responses name the
// server IPs of flows the capture cannot name otherwise; other UDP conversations become one flow
// each. Memory is bounded: out-of-order buffers, kept bodies and the number of open connections.
import type { AuditFlow, AuditWarning } from '../../core/audit/flow.ts'
import { type DecodeProblem, decodeFrame, type Segment, tcpFlags } from './decode-packet.ts'
import { parseDnsResponse } from './dns-message.ts'
import {
  type BodyBudget,
  Http1Stream,
  type HttpMessage,
  looksLikeHttpRequest,
  looksLikeHttpResponse,
} from './http1-stream.ts'
import { isIpLiteral } from './ip-text.ts'
import type { CapturedPacket, PacketSink } from './packet.ts'
import { type ReorderBudget, TcpDirection } from './tcp-direction.ts'
import { type ClientHello, looksLikeTls, maxClientHelloBytes, parseClientHello } from './tls-client-hello.ts'

/** Bounds of the packet reader. */
export interface PacketFlowLimits {
  /** Body bytes kept per HTTP message (default 16 MiB); the rest is counted. */
  maxBodyBytes?: number
  /** Out-of-order bytes buffered per direction before a gap is declared (default 4 MiB). */
  maxReorderBytes?: number
  /** Out-of-order bytes buffered across all connections (default 128 MiB). */
  maxReorderTotalBytes?: number
  /** Body bytes kept across all HTTP messages being read at once (default 384 MiB); beyond, bodies are counted, not kept. */
  maxBodyTotalBytes?: number
  /** Open connections tracked at once (default 50,000): the least recently active is closed first. */
  maxConnections?: number
}

interface Endpoint {
  ip: string
  port: number
}

interface Connection {
  key: string
  client: Endpoint
  server: Endpoint
  firstMs: number
  lastMs: number
  sawSyn: boolean
  protocol: 'unknown' | 'http' | 'tls' | 'other'
  up: TcpDirection
  down: TcpDirection
  /** First client bytes while the protocol or the ClientHello is not known yet. */
  hello: Uint8Array[]
  helloBytes: number
  helloDone: boolean
  tls?: ClientHello
  requests?: Http1Stream
  responses?: Http1Stream
  /** Requests waiting for their response (pipelining: responses come in request order). */
  pendingRequests: HttpMessage[]
  /** Responses whose request is not complete yet (a hole in the client stream, capture reordering). */
  heldResponses: HttpMessage[]
  gaps: number
  missingBytes: number
  /** A segment was cut by the snap length (reported once). */
  cut: boolean
  closed: boolean
}

interface UdpConversation {
  client: Endpoint
  server: Endpoint
  firstMs: number
  sent: number
  received: number
}

/** Turns packets into flows; call `end()` when the file is read. */
export class PacketFlows implements PacketSink {
  private readonly connections = new Map<string, Connection>()
  private readonly udp = new Map<string, UdpConversation>()
  private readonly names = new Map<string, { name: string; timeMs: number }[]>()
  private readonly problems = new Map<string, { count: number; first: string; where: string }>()
  private readonly source: number
  private readonly emitFlow: (f: Omit<AuditFlow, 'id' | 'source'>) => void
  private readonly emitWarning: (w: AuditWarning) => void
  private readonly maxBody: number
  private readonly maxReorder: number
  private readonly reorderBudget: ReorderBudget
  private readonly bodyBudget: BodyBudget
  private readonly maxConnections: number
  /** Packets read. */
  packets = 0

  constructor(
    source: number,
    emitFlow: (f: Omit<AuditFlow, 'id' | 'source'>) => void,
    emitWarning: (w: AuditWarning) => void,
    limits: PacketFlowLimits = {},
  ) {
    this.source = source
    this.emitFlow = emitFlow
    this.emitWarning = emitWarning
    this.maxBody = limits.maxBodyBytes ?? 16 << 20
    this.maxReorder = limits.maxReorderBytes ?? 4 << 20
    this.reorderBudget = { used: 0, limit: limits.maxReorderTotalBytes ?? 128 << 20 }
    this.bodyBudget = { used: 0, limit: limits.maxBodyTotalBytes ?? 384 << 20 }
    this.maxConnections = limits.maxConnections ?? 50_000
  }

  warn(where: string, message: string): void {
    this.emitWarning({ source: this.source, where, message })
  }

  name(ip: string, host: string): void {
    this.remember(ip, host, Number.NEGATIVE_INFINITY)
  }

  packet(p: CapturedPacket): void {
    this.packets++
    const seg = decodeFrame(p.linkType, p.data)
    if (seg === undefined) return
    if ('problem' in seg) {
      this.problem(seg, p)
      return
    }
    if (seg.proto === 'tcp') this.tcp(seg, p.timeMs)
    else this.udpSegment(seg, p.timeMs)
  }

  /** The capture ended: every open connection is closed and its flows emitted; repeated problems summarised. */
  end(): void {
    for (const c of this.connections.values()) this.close(c, 'the capture ended before the connection closed')
    this.connections.clear()
    for (const u of this.udp.values()) this.emitUdp(u)
    this.udp.clear()
    for (const [kind, p] of this.problems) {
      if (p.count > 1) this.warn('capture', `${p.count} packets skipped (${kind}); first: ${p.first}`)
    }
  }

  private problem(d: DecodeProblem, p: CapturedPacket): void {
    const kind = d.kind === 'link' ? `link type ${p.linkType}` : d.kind
    const seen = this.problems.get(kind)
    if (seen === undefined) {
      this.problems.set(kind, { count: 1, first: d.problem, where: `packet ${p.ordinal}` })
      this.warn(`packet ${p.ordinal}`, d.problem)
    } else seen.count++
  }

  private remember(ip: string, name: string, timeMs: number): void {
    let list = this.names.get(ip)
    if (list === undefined) {
      list = []
      this.names.set(ip, list)
    }
    if (list.some((n) => n.name === name && n.timeMs <= timeMs)) return
    list.push({ name, timeMs })
    if (list.length > 16) list.shift()
  }

  /** The name the capture's DNS gave `ip` most recently before `timeMs` (or the first one after). */
  private nameOf(ip: string, timeMs: number): string | undefined {
    const list = this.names.get(ip)
    if (list === undefined || list.length === 0) return undefined
    let best: { name: string; timeMs: number } | undefined
    for (const n of list) if (n.timeMs <= timeMs && (best === undefined || n.timeMs >= best.timeMs)) best = n
    return (best ?? list[0])?.name
  }

  private udpSegment(seg: Segment, timeMs: number): void {
    if (seg.srcPort === 53 || seg.dstPort === 53) {
      if (seg.srcPort !== 53) return // queries: the response says all they say, and what was answered
      const dns = parseDnsResponse(seg.payload)
      if (dns === undefined) return
      // Every name of a CNAME chain leads to the question: flows are named by what the client asked for.
      const asked = dns.question
      for (const a of dns.answers) {
        if (a.type !== 'CNAME') this.remember(a.value, asked ?? a.name, timeMs)
      }
      if (asked !== undefined && dns.answers.length > 0) {
        this.emitFlow({
          time: iso(timeMs),
          clientIp: seg.dst,
          serverIp: seg.src,
          serverPort: 53,
          host: asked,
          hostEvidence: 'dns',
          scheme: 'dns',
          encrypted: false,
          bytesReceived: seg.payload.length,
        })
      }
      return
    }
    const fwd = `${seg.src}|${seg.srcPort}|${seg.dst}|${seg.dstPort}`
    const rev = `${seg.dst}|${seg.dstPort}|${seg.src}|${seg.srcPort}`
    const existing = this.udp.get(fwd) ?? this.udp.get(rev)
    if (existing !== undefined) {
      if (existing.client.ip === seg.src && existing.client.port === seg.srcPort)
        existing.sent += seg.payload.length
      else existing.received += seg.payload.length
      return
    }
    const serverFirst = isServerPort(seg.srcPort) && !isServerPort(seg.dstPort)
    const conv: UdpConversation = serverFirst
      ? {
          client: { ip: seg.dst, port: seg.dstPort },
          server: { ip: seg.src, port: seg.srcPort },
          firstMs: timeMs,
          sent: 0,
          received: seg.payload.length,
        }
      : {
          client: { ip: seg.src, port: seg.srcPort },
          server: { ip: seg.dst, port: seg.dstPort },
          firstMs: timeMs,
          sent: seg.payload.length,
          received: 0,
        }
    this.udp.set(fwd, conv)
    if (this.udp.size > this.maxConnections) {
      const [oldKey, old] = this.udp.entries().next().value as [string, UdpConversation]
      this.udp.delete(oldKey)
      this.emitUdp(old)
    }
  }

  private emitUdp(u: UdpConversation): void {
    const host = this.nameOf(u.server.ip, u.firstMs)
    this.emitFlow({
      time: iso(u.firstMs),
      clientIp: u.client.ip,
      serverIp: u.server.ip,
      serverPort: u.server.port,
      ...(host === undefined ? {} : { host, hostEvidence: 'dns' as const }),
      scheme: 'other',
      // UDP 443 is QUIC: encrypted, and its SNI is not read by this reader.
      encrypted: u.server.port === 443,
      bytesSent: u.sent,
      bytesReceived: u.received,
    })
  }

  private tcp(seg: Segment, timeMs: number): void {
    const fwd = `${seg.src}|${seg.srcPort}|${seg.dst}|${seg.dstPort}`
    const rev = `${seg.dst}|${seg.dstPort}|${seg.src}|${seg.srcPort}`
    const syn = (seg.flags & tcpFlags.syn) !== 0
    const ack = (seg.flags & tcpFlags.ack) !== 0
    let c = this.connections.get(fwd) ?? this.connections.get(rev)
    if (
      c !== undefined &&
      syn &&
      !ack &&
      c.client.ip === seg.src &&
      c.client.port === seg.srcPort &&
      c.up.delivered + c.down.delivered > 0
    ) {
      // The port pair is reused for a new connection.
      this.close(c, 'the port pair was reused')
      c = undefined
    }
    if (c === undefined) {
      if (!syn && seg.payload.length === 0) return
      c = this.open(seg, timeMs, fwd)
    }
    c.lastMs = timeMs
    // Keep the map in least-recently-active order for eviction.
    this.connections.delete(c.key)
    this.connections.set(c.key, c)
    c.up.tick()
    c.down.tick()
    const fromClient = c.client.ip === seg.src && c.client.port === seg.srcPort
    const dir = fromClient ? c.up : c.down
    if (syn) {
      dir.syn(seg.seq)
      c.sawSyn = true
    }
    if (seg.payload.length > 0) dir.segment(syn ? (seg.seq + 1) >>> 0 : seg.seq, seg.payload, timeMs)
    if (ack) (fromClient ? c.down : c.up).acked(seg.ack)
    if (seg.cut && !c.cut) {
      c.cut = true
      this.warn(connWhere(c), 'segments were cut by the capture snap length: bytes are missing')
    }
    if ((seg.flags & tcpFlags.fin) !== 0) dir.finished((seg.seq + seg.payload.length + (syn ? 1 : 0)) >>> 0)
    if ((seg.flags & tcpFlags.rst) !== 0 || (c.up.fin && c.down.fin)) {
      this.connections.delete(c.key)
      this.close(c, undefined)
    }
  }

  private open(seg: Segment, timeMs: number, key: string): Connection {
    const syn = (seg.flags & tcpFlags.syn) !== 0
    const ack = (seg.flags & tcpFlags.ack) !== 0
    // Client: the sender of a bare SYN; else (capture began mid-connection) the side on the higher,
    // non-service port.
    let fromClient = true
    if (syn) fromClient = !ack
    else if (isServerPort(seg.srcPort) && !isServerPort(seg.dstPort)) fromClient = false
    const a = { ip: seg.src, port: seg.srcPort }
    const b = { ip: seg.dst, port: seg.dstPort }
    const c: Connection = {
      key,
      client: fromClient ? a : b,
      server: fromClient ? b : a,
      firstMs: timeMs,
      lastMs: timeMs,
      sawSyn: false,
      protocol: 'unknown',
      up: undefined as unknown as TcpDirection,
      down: undefined as unknown as TcpDirection,
      hello: [],
      helloBytes: 0,
      helloDone: false,
      pendingRequests: [],
      heldResponses: [],
      gaps: 0,
      missingBytes: 0,
      cut: false,
      closed: false,
    }
    c.up = new TcpDirection(
      { data: (b2, t) => this.clientData(c, b2, t), gap: (n) => this.gap(c, true, n) },
      this.maxReorder,
      this.reorderBudget,
    )
    c.down = new TcpDirection(
      { data: (b2, t) => this.serverData(c, b2, t), gap: (n) => this.gap(c, false, n) },
      this.maxReorder,
      this.reorderBudget,
    )
    this.connections.set(key, c)
    if (this.connections.size > this.maxConnections) {
      const oldest = this.connections.values().next().value as Connection
      this.connections.delete(oldest.key)
      this.close(
        oldest,
        `more than ${this.maxConnections} connections open at once: closed the least recently active`,
      )
    }
    return c
  }

  private decide(c: Connection, first: Uint8Array, fromClient: boolean): void {
    if (fromClient) {
      if (looksLikeTls(first)) c.protocol = 'tls'
      else if (looksLikeHttpRequest(first)) c.protocol = 'http'
      else c.protocol = 'other'
    } else c.protocol = looksLikeHttpResponse(first) ? 'http' : 'other'
    if (c.protocol === 'http') this.startHttp(c)
  }

  private startHttp(c: Connection): void {
    c.requests = new Http1Stream('request', this.maxBody, this.bodyBudget, (m) => {
      // Held responses older than this request answered requests the capture lost.
      while (c.heldResponses.length > 0 && (c.heldResponses[0] as HttpMessage).timeMs < m.timeMs) {
        this.pair(c, undefined, c.heldResponses.shift())
      }
      const held = c.heldResponses.shift()
      if (held !== undefined) this.pair(c, m, held)
      else {
        c.pendingRequests.push(m)
        // Bounded: a connection whose responses were never captured cannot hold more than 256 requests.
        if (c.pendingRequests.length > 256) {
          if (c.pendingRequests.length === 257)
            this.warn(
              connWhere(c),
              'more than 256 requests without responses: the oldest are reported without theirs',
            )
          this.pair(c, c.pendingRequests.shift(), undefined)
        }
      }
      if (c.requests?.switched && m.line[0] === 'CONNECT') {
        // A tunnel follows: its first client bytes may be a TLS ClientHello worth reading.
        c.helloDone = false
      }
    })
    c.requests.onProblem = (r) => this.warn(connWhere(c), `client stream: ${r}`)
    c.responses = new Http1Stream(
      'response',
      this.maxBody,
      this.bodyBudget,
      (m) => {
        const req = c.pendingRequests.shift()
        if (req !== undefined) this.pair(c, req, m)
        else {
          c.heldResponses.push(m)
          // Bounded: a client stream stuck behind a hole cannot hold more than 64 responses.
          if (c.heldResponses.length > 64) this.pair(c, undefined, c.heldResponses.shift())
        }
      },
      () => c.pendingRequests[0]?.line[0],
    )
    c.responses.onProblem = (r) => this.warn(connWhere(c), `server stream: ${r}`)
  }

  private clientData(c: Connection, b: Uint8Array, t: number): void {
    if (c.protocol === 'unknown') this.decide(c, b, true)
    if (c.protocol === 'http') {
      const req = c.requests as Http1Stream
      if (!req.switched) {
        req.push(b, t)
        return
      }
      if (c.helloDone) return
      this.readHello(c, b)
      return
    }
    if (c.protocol === 'tls' && !c.helloDone) this.readHello(c, b)
  }

  private readHello(c: Connection, b: Uint8Array): void {
    c.hello.push(b.slice(0, maxClientHelloBytes - c.helloBytes))
    c.helloBytes += Math.min(b.length, maxClientHelloBytes - c.helloBytes)
    const all = c.hello.length === 1 ? (c.hello[0] as Uint8Array) : Buffer.concat(c.hello)
    c.hello = [all]
    if (!looksLikeTls(all) && all.length >= 3) {
      c.helloDone = true
      c.hello = []
      return
    }
    const r = parseClientHello(all)
    if (r === 'more' && c.helloBytes < maxClientHelloBytes) return
    c.helloDone = true
    c.hello = []
    if (typeof r === 'object') c.tls = r
    else this.warn(connWhere(c), `TLS ClientHello not read: ${r === 'more' ? 'longer than 64 KiB' : r}`)
  }

  private serverData(c: Connection, b: Uint8Array, t: number): void {
    if (c.protocol === 'unknown') this.decide(c, b, false)
    if (c.protocol === 'http') (c.responses as Http1Stream).push(b, t)
  }

  private gap(c: Connection, fromClient: boolean, missing: number): void {
    c.gaps++
    c.missingBytes += missing
    // The first gap of a connection is reported at once; the others are summed up when it closes,
    // so a lossy or snap-length-cut capture gives a warning per connection, not per packet.
    if (c.gaps === 1) {
      this.warn(
        connWhere(c),
        `${missing} bytes of the ${fromClient ? 'client' : 'server'} stream are missing from the capture (lost or not captured): the flow is partial`,
      )
    }
    if (c.protocol === 'http') (fromClient ? c.requests : c.responses)?.gap(missing)
    if (c.protocol === 'tls' && fromClient && !c.helloDone) {
      c.helloDone = true
      c.hello = []
    }
  }

  private close(c: Connection, why: string | undefined): void {
    if (c.closed) return
    c.closed = true
    c.up.end()
    c.down.end()
    if (c.gaps > 1) {
      this.warn(
        connWhere(c),
        `${c.gaps} gaps in all, ${c.missingBytes} bytes missing from the capture: its flows are partial`,
      )
    }
    if (c.protocol === 'http') {
      c.requests?.end()
      c.responses?.end()
      // Requests never answered: flows without a response.
      for (const r of c.pendingRequests) this.pair(c, r, undefined)
      for (const r of c.heldResponses) this.pair(c, undefined, r)
      c.pendingRequests = []
      c.heldResponses = []
      if (!(c.requests?.switched ?? false)) return
    }
    if (c.up.delivered + c.down.delivered === 0 && c.tls === undefined) return
    if (c.protocol === 'unknown') c.protocol = 'other'
    const sni = c.tls?.sni
    const dnsName = sni === undefined ? this.nameOf(c.server.ip, c.firstMs) : undefined
    const isTls = c.protocol === 'tls' || c.tls !== undefined
    const web = c.tls?.alpn.some((a) => a === 'h2' || a.startsWith('http/')) ?? false
    this.emitFlow({
      time: iso(c.up.firstTimeMs ?? c.firstMs),
      clientIp: c.client.ip,
      serverIp: c.server.ip,
      serverPort: c.server.port,
      ...(sni !== undefined
        ? { host: sni, hostEvidence: 'sni' as const }
        : dnsName !== undefined
          ? { host: dnsName, hostEvidence: 'dns' as const }
          : {}),
      scheme: isTls ? (web ? 'https' : 'tls') : 'other',
      encrypted: isTls,
      bytesSent: c.up.delivered,
      bytesReceived: c.down.delivered,
      ...(c.gaps > 0 || c.cut || (!c.sawSyn && why !== undefined) ? { partial: true } : {}),
    })
  }

  private pair(c: Connection, req: HttpMessage | undefined, res: HttpMessage | undefined): void {
    if (req === undefined) {
      if (res === undefined) return
      // A response whose request was not captured (capture began mid-connection, or a gap).
      this.warn(
        connWhere(c),
        `response ${res.line[1]} without its request (not captured): the flow is partial`,
      )
      this.emitFlow({
        time: iso(res.timeMs),
        clientIp: c.client.ip,
        serverIp: c.server.ip,
        serverPort: c.server.port,
        ...this.hostOf(c, undefined, res.timeMs),
        scheme: 'http',
        status: Number(res.line[1]),
        ...(res.body.length > 0 ? { responseBody: res.body } : {}),
        ...contentType('response', res),
        encrypted: false,
        bytesReceived: res.wireBytes,
        partial: true,
      })
      return
    }
    const [method, target] = req.line
    const where = this.hostOf(c, req, req.timeMs)
    let url: string | undefined
    let path = target
    if (/^https?:\/\//i.test(target)) {
      url = target
      try {
        const u = new URL(target)
        path = `${u.pathname}${u.search}`
      } catch {
        // Kept as sent.
      }
    } else if (method === 'CONNECT') {
      url = undefined
    } else if (where.host !== undefined) {
      const port = c.server.port === 80 || where.host.includes(':') ? '' : `:${c.server.port}`
      url = `http://${where.hostHeader ?? where.host + port}${target}`
    }
    // An unanswered request on a connection with holes: its response may be what was lost.
    const partial = req.partial || (res?.partial ?? c.gaps > 0)
    if (req.partialReason !== undefined)
      this.warn(connWhere(c), `request ${method} ${target.slice(0, 80)}: ${req.partialReason}`)
    if (res?.partialReason !== undefined)
      this.warn(connWhere(c), `response to ${method} ${target.slice(0, 80)}: ${res.partialReason}`)
    const encoding = header(req, 'content-encoding')
    this.emitFlow({
      time: iso(req.timeMs),
      clientIp: c.client.ip,
      serverIp: c.server.ip,
      serverPort: c.server.port,
      ...(where.host === undefined ? {} : { host: where.host, hostEvidence: where.evidence }),
      scheme: 'http',
      method,
      ...(url === undefined ? {} : { url }),
      path,
      ...(res === undefined ? {} : { status: Number(res.line[1]) }),
      requestHeaders: req.headers,
      ...(req.body.length > 0 ? { requestBody: req.body } : {}),
      ...contentType('request', req),
      ...(encoding === undefined ? {} : { requestContentEncoding: encoding }),
      ...(res !== undefined && res.body.length > 0 ? { responseBody: res.body } : {}),
      ...(res === undefined ? {} : contentType('response', res)),
      encrypted: false,
      bytesSent: req.wireBytes,
      ...(res === undefined ? {} : { bytesReceived: res.wireBytes }),
      ...(partial ? { partial: true } : {}),
    })
  }

  private hostOf(
    c: Connection,
    req: HttpMessage | undefined,
    timeMs: number,
  ): { host?: string; hostHeader?: string; evidence?: 'http' | 'url' | 'dns' } {
    const target = req?.line[1]
    if (target !== undefined && /^https?:\/\//i.test(target)) {
      try {
        const host = new URL(target).hostname.replace(/^\[|\]$/g, '').toLowerCase()
        if (!isIpLiteral(host)) return { host, evidence: 'url' }
      } catch {
        // Fall through to the Host header.
      }
    }
    if (req?.line[0] === 'CONNECT' && target !== undefined) {
      const host = target
        .replace(/:\d+$/, '')
        .replace(/^\[|\]$/g, '')
        .toLowerCase()
      if (!isIpLiteral(host)) return { host, evidence: 'http' }
    }
    const fromDns = (): { host?: string; evidence?: 'dns' } => {
      const name = this.nameOf(c.server.ip, timeMs)
      return name === undefined ? {} : { host: name, evidence: 'dns' }
    }
    const hostHeader = req === undefined ? undefined : header(req, 'host')
    if (hostHeader !== undefined && hostHeader !== '') {
      const bare = hostHeader.startsWith('[')
        ? hostHeader.slice(1, hostHeader.indexOf(']'))
        : hostHeader.replace(/:\d+$/, '')
      const host = bare.toLowerCase()
      // An address in the Host header names nothing: the capture's DNS may.
      if (isIpLiteral(host)) return { hostHeader, ...fromDns() }
      return { host, hostHeader, evidence: 'http' }
    }
    return fromDns()
  }
}

function header(m: HttpMessage, name: string): string | undefined {
  for (const [k, v] of m.headers) if (k.toLowerCase() === name) return v
  return undefined
}

function contentType(kind: 'request' | 'response', m: HttpMessage): Partial<AuditFlow> {
  const ct = header(m, 'content-type')
  if (ct === undefined) return {}
  return kind === 'request' ? { requestContentType: ct } : { responseContentType: ct }
}

function connWhere(c: Connection): string {
  return `tcp ${hostPort(c.client)} → ${hostPort(c.server)}`
}

function hostPort(e: Endpoint): string {
  return e.ip.includes(':') ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`
}

/** Well-known and common service ports: used to tell client from server when no SYN was captured. */
function isServerPort(port: number): boolean {
  return port < 1024 || port === 8080 || port === 8443 || port === 3128 || port === 8000 || port === 8888
}

function iso(ms: number): string {
  const d = new Date(Number.isFinite(ms) ? ms : 0)
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString()
}
