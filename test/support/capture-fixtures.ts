// Builders of real capture files from synthetic exchanges, for the audit tests and the audit bench:
// pcap and pcapng (Ethernet with or without a VLAN tag, raw IP, Linux cooked SLL/SLL2, BSD loopback;
// IPv4 or IPv6; TCP with a handshake, correct sequence numbers, segmentation at an MSS, optionally
// reordered, retransmitted or lost segments; UDP DNS), HAR 1.2 and Squid access logs (native, common,
// combined). The same exchange list yields every format, as the same traffic seen by different tools:
// an `https` exchange is readable in a HAR (the browser saw it) but in a pcap it is a TLS connection
// whose ClientHello names the host, and in a Squid log a CONNECT.

/** An HTTP request and its response. */
export interface HttpExchange {
  kind: 'http'
  /** When the request starts: ISO text or epoch milliseconds. */
  time: string | number
  clientIp: string
  serverIp: string
  /** Default: a port derived from the exchange's position (49152 and up). */
  clientPort?: number
  /** Default 80 for http, 443 for https. */
  serverPort?: number
  /** Default 'http'. `https`: content visible in HAR only; TLS with SNI = host in pcap; CONNECT in Squid. */
  scheme?: 'http' | 'https'
  host: string
  /** Default 'GET'. */
  method?: string
  /** Default '/'. */
  path?: string
  requestHeaders?: [string, string][]
  requestBody?: string | Uint8Array
  /** Send the request body with chunked transfer coding. */
  requestChunked?: boolean
  /** Default 200. */
  status?: number
  responseHeaders?: [string, string][]
  responseBody?: string | Uint8Array
  responseChunked?: boolean
  /** Exchanges with the same id share one TCP connection (keep-alive), in list order. */
  connection?: string
  /** On a shared connection: all requests are sent before the first response (HTTP pipelining). */
  pipelined?: boolean
}

/** A TLS connection: a ClientHello (with or without SNI), then encrypted bytes each way. */
export interface TlsExchange {
  kind: 'tls'
  time: string | number
  clientIp: string
  serverIp: string
  clientPort?: number
  /** Default 443. */
  serverPort?: number
  sni?: string
  /** ALPN protocols offered, e.g. ['h2', 'http/1.1']. */
  alpn?: string[]
  /** Bytes of padding extension: 1500 makes the ClientHello span two Ethernet-MTU segments. */
  helloPadding?: number
  /** Application data bytes after the hello (default 500 / 1500). */
  bytesSent?: number
  bytesReceived?: number
}

/** A DNS query and its response over UDP port 53. */
export interface DnsExchange {
  kind: 'dns'
  time: string | number
  clientIp: string
  resolverIp: string
  clientPort?: number
  /** The name asked for. */
  name: string
  answers: { type: 'A' | 'AAAA' | 'CNAME'; name?: string; value: string; ttl?: number }[]
}

/** Anything the builders can write. */
export type SyntheticExchange = HttpExchange | TlsExchange | DnsExchange

/** Link layers the pcap builders can write. */
export type FixtureLinkType = 'ethernet' | 'ethernet-vlan' | 'raw' | 'sll' | 'sll2' | 'null'

/** Options of {@link buildPcap}. */
export interface PcapOptions {
  /** Default 'pcap'. */
  format?: 'pcap' | 'pcapng'
  /** Default 'ethernet'. */
  linkType?: FixtureLinkType
  /** pcap: nanosecond timestamps (magic a1b23c4d). */
  nanosecond?: boolean
  /** Write big-endian headers (default little-endian). */
  bigEndian?: boolean
  /** TCP payload bytes per segment (default 1460). */
  segmentSize?: number
  /** Swap each pair of consecutive data segments in each direction (out-of-order delivery). */
  reorder?: boolean
  /** Send each client data segment twice (retransmissions). */
  retransmit?: boolean
  /** Leave out the data segments for which this returns true (losses → gaps). */
  drop?: (s: { exchange: number; fromClient: boolean; segment: number }) => boolean
  /** Put an IPv6 hop-by-hop options header before TCP/UDP in IPv6 packets. */
  ipv6HopByHop?: boolean
  /** pcapng: several interfaces; exchange i goes to interface i % n. Overrides linkType. */
  interfaces?: { linkType: FixtureLinkType; tsResolution?: 6 | 9 }[]
  /** pcapng: write packets of interface 0 as Simple Packet Blocks (no timestamps). */
  simplePackets?: boolean
  /** pcapng: a Name Resolution Block with these pairs. */
  names?: { ip: string; name: string }[]
  /** Keep at most this many bytes of each frame (the capture's snap length); the original length is recorded. */
  snapLength?: number
}

const linkNumbers: Record<FixtureLinkType, number> = {
  ethernet: 1,
  'ethernet-vlan': 1,
  raw: 101,
  sll: 113,
  sll2: 276,
  null: 0,
}

const enc = new TextEncoder()
const bytesOf = (b: string | Uint8Array | undefined): Uint8Array =>
  b === undefined ? new Uint8Array(0) : typeof b === 'string' ? enc.encode(b) : b
const msOf = (t: string | number): number => (typeof t === 'number' ? t : Date.parse(t))

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0
  for (const p of parts) n += p.length
  const out = new Uint8Array(n)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Addresses and checksums

function ipBytes(ip: string): Uint8Array {
  if (!ip.includes(':')) return new Uint8Array(ip.split('.').map(Number))
  const [l, r] = ip.includes('::') ? ip.split('::') : [ip, undefined]
  const left = l === '' || l === undefined ? [] : l.split(':')
  const right = r === undefined || r === '' ? [] : r.split(':')
  const groups =
    r === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
  const out = new Uint8Array(16)
  groups.forEach((g, i) => {
    const v = Number.parseInt(g, 16)
    out[2 * i] = v >> 8
    out[2 * i + 1] = v & 255
  })
  return out
}

function checksum(parts: readonly Uint8Array[]): number {
  let sum = 0
  let odd: number | undefined
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) {
      if (odd === undefined) odd = p[i] as number
      else {
        sum += (odd << 8) | (p[i] as number)
        odd = undefined
      }
    }
  }
  if (odd !== undefined) sum += odd << 8
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16)
  return ~sum & 0xffff
}

// ---------------------------------------------------------------------------------------------
// IP, TCP, UDP

interface L4 {
  proto: 6 | 17
  src: string
  dst: string
  header: Uint8Array
  payload: Uint8Array
}

function tcpHeader(srcPort: number, dstPort: number, seq: number, ack: number, flags: number): Uint8Array {
  const h = new Uint8Array(20)
  const v = new DataView(h.buffer)
  v.setUint16(0, srcPort)
  v.setUint16(2, dstPort)
  v.setUint32(4, seq >>> 0)
  v.setUint32(8, ack >>> 0)
  h[12] = 5 << 4
  h[13] = flags
  v.setUint16(14, 65535)
  return h
}

function udpHeader(srcPort: number, dstPort: number, length: number): Uint8Array {
  const h = new Uint8Array(8)
  const v = new DataView(h.buffer)
  v.setUint16(0, srcPort)
  v.setUint16(2, dstPort)
  v.setUint16(4, 8 + length)
  return h
}

let ipId = 1
function ipPacket(l4: L4, hopByHop: boolean): Uint8Array {
  const src = ipBytes(l4.src)
  const dst = ipBytes(l4.dst)
  const l4len = l4.header.length + l4.payload.length
  const v6 = src.length === 16
  // Transport checksum over the pseudo header.
  const pseudo = v6 ? new Uint8Array(40) : new Uint8Array(12)
  if (v6) {
    pseudo.set(src, 0)
    pseudo.set(dst, 16)
    new DataView(pseudo.buffer).setUint32(32, l4len)
    pseudo[39] = l4.proto
  } else {
    pseudo.set(src, 0)
    pseudo.set(dst, 4)
    pseudo[9] = l4.proto
    new DataView(pseudo.buffer).setUint16(10, l4len)
  }
  const header = l4.header.slice()
  const at = l4.proto === 6 ? 16 : 6
  header[at] = 0
  header[at + 1] = 0
  const sum = checksum([pseudo, header, l4.payload])
  header[at] = sum >> 8
  header[at + 1] = sum & 255
  if (v6) {
    const ext = hopByHop ? new Uint8Array([l4.proto, 0, 1, 4, 0, 0, 0, 0]) : new Uint8Array(0)
    const ip = new Uint8Array(40)
    const v = new DataView(ip.buffer)
    v.setUint32(0, 0x60000000)
    v.setUint16(4, ext.length + l4len)
    ip[6] = hopByHop ? 0 : l4.proto
    ip[7] = 64
    ip.set(src, 8)
    ip.set(dst, 24)
    return concat([ip, ext, header, l4.payload])
  }
  const ip = new Uint8Array(20)
  const v = new DataView(ip.buffer)
  ip[0] = 0x45
  v.setUint16(2, 20 + l4len)
  v.setUint16(4, ipId++ & 0xffff)
  v.setUint16(6, 0x4000) // don't fragment
  ip[8] = 64
  ip[9] = l4.proto
  ip.set(src, 12)
  ip.set(dst, 16)
  v.setUint16(10, checksum([ip]))
  return concat([ip, header, l4.payload])
}

function frame(link: FixtureLinkType, ip: Uint8Array, outgoing: boolean): Uint8Array {
  const v6 = (ip[0] as number) >> 4 === 6
  const etherType = v6 ? 0x86dd : 0x0800
  switch (link) {
    case 'raw':
      return ip
    case 'null': {
      const h = new Uint8Array(4)
      new DataView(h.buffer).setUint32(0, v6 ? 30 : 2, true)
      return concat([h, ip])
    }
    case 'ethernet':
    case 'ethernet-vlan': {
      const h = new Uint8Array(link === 'ethernet' ? 14 : 18)
      h.set([2, 0, 0, 0, 0, outgoing ? 2 : 1], 0)
      h.set([2, 0, 0, 0, 0, outgoing ? 1 : 2], 6)
      const v = new DataView(h.buffer)
      if (link === 'ethernet-vlan') {
        v.setUint16(12, 0x8100)
        v.setUint16(14, 100)
        v.setUint16(16, etherType)
      } else v.setUint16(12, etherType)
      return concat([h, ip])
    }
    case 'sll': {
      const h = new Uint8Array(16)
      const v = new DataView(h.buffer)
      v.setUint16(0, outgoing ? 4 : 0)
      v.setUint16(2, 1)
      v.setUint16(4, 6)
      h.set([2, 0, 0, 0, 0, 1], 6)
      v.setUint16(14, etherType)
      return concat([h, ip])
    }
    case 'sll2': {
      const h = new Uint8Array(20)
      const v = new DataView(h.buffer)
      v.setUint16(0, etherType)
      v.setUint32(4, 1)
      v.setUint16(8, 1)
      h[10] = outgoing ? 4 : 0
      h[11] = 6
      h.set([2, 0, 0, 0, 0, 1], 12)
      return concat([h, ip])
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Application payloads

const reasons: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  304: 'Not Modified',
  404: 'Not Found',
}

function chunked(body: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = []
  const size = Math.max(1, Math.ceil(body.length / 3))
  for (let at = 0; at < body.length; at += size) {
    const piece = body.subarray(at, at + size)
    parts.push(enc.encode(`${piece.length.toString(16)}\r\n`), piece, enc.encode('\r\n'))
  }
  parts.push(enc.encode('0\r\n\r\n'))
  return concat(parts)
}

/** The bytes of an exchange's request as sent on the wire. */
export function httpRequestBytes(x: HttpExchange): Uint8Array {
  const body = bytesOf(x.requestBody)
  const lines = [`${x.method ?? 'GET'} ${x.path ?? '/'} HTTP/1.1`, `Host: ${x.host}`]
  for (const [k, v] of x.requestHeaders ?? []) lines.push(`${k}: ${v}`)
  if (x.requestChunked) lines.push('Transfer-Encoding: chunked')
  else if (body.length > 0) lines.push(`Content-Length: ${body.length}`)
  return concat([enc.encode(`${lines.join('\r\n')}\r\n\r\n`), x.requestChunked ? chunked(body) : body])
}

/** The bytes of an exchange's response as sent on the wire. */
export function httpResponseBytes(x: HttpExchange): Uint8Array {
  const status = x.status ?? 200
  const body = bytesOf(x.responseBody)
  const lines = [`HTTP/1.1 ${status} ${reasons[status] ?? 'Status'}`]
  for (const [k, v] of x.responseHeaders ?? []) lines.push(`${k}: ${v}`)
  const noBody = status === 204 || status === 304 || x.method === 'HEAD'
  if (!noBody) {
    if (x.responseChunked) lines.push('Transfer-Encoding: chunked')
    else lines.push(`Content-Length: ${body.length}`)
  }
  return concat([
    enc.encode(`${lines.join('\r\n')}\r\n\r\n`),
    noBody ? new Uint8Array(0) : x.responseChunked ? chunked(body) : body,
  ])
}

/** A TLS 1.2/1.3-style ClientHello record with SNI, ALPN and optional padding. */
export function buildClientHello(
  sni: string | undefined,
  options: { alpn?: string[]; padding?: number } = {},
): Uint8Array {
  const ext: Uint8Array[] = []
  const u16 = (n: number): number[] => [n >> 8, n & 255]
  if (sni !== undefined) {
    const name = enc.encode(sni)
    ext.push(
      new Uint8Array([
        0,
        0,
        ...u16(name.length + 5),
        ...u16(name.length + 3),
        0,
        ...u16(name.length),
        ...name,
      ]),
    )
  }
  if (options.alpn !== undefined) {
    const list = concat(options.alpn.map((p) => concat([new Uint8Array([p.length]), enc.encode(p)])))
    ext.push(new Uint8Array([0, 16, ...u16(list.length + 2), ...u16(list.length), ...list]))
  }
  // supported_versions (TLS 1.3, 1.2).
  ext.push(new Uint8Array([0, 43, 0, 5, 4, 3, 4, 3, 3]))
  if (options.padding !== undefined && options.padding > 0) {
    ext.push(concat([new Uint8Array([0, 21, ...u16(options.padding)]), new Uint8Array(options.padding)]))
  }
  const extensions = concat(ext)
  const random = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 255)
  const body = concat([
    new Uint8Array([3, 3]),
    random,
    new Uint8Array([32]),
    new Uint8Array(32).fill(7),
    new Uint8Array([0, 4, 0x13, 0x01, 0xc0, 0x2f]),
    new Uint8Array([1, 0]),
    new Uint8Array(u16(extensions.length)),
    extensions,
  ])
  const hs = concat([
    new Uint8Array([1, body.length >> 16, (body.length >> 8) & 255, body.length & 255]),
    body,
  ])
  return concat([new Uint8Array([0x16, 3, 1, ...u16(hs.length)]), hs])
}

function tlsRecords(type: number, total: number, seed: number): Uint8Array {
  const parts: Uint8Array[] = []
  let left = total
  while (left > 0) {
    const n = Math.min(left, 16384)
    const rec = new Uint8Array(5 + n)
    rec[0] = type
    rec[1] = 3
    rec[2] = 3
    rec[3] = n >> 8
    rec[4] = n & 255
    for (let i = 0; i < n; i++) rec[5 + i] = (i * 131 + seed) & 255
    parts.push(rec)
    left -= n
  }
  return concat(parts)
}

function dnsName(name: string): Uint8Array {
  const parts: number[] = []
  for (const label of name.split('.')) {
    if (label === '') continue
    const b = enc.encode(label)
    parts.push(b.length, ...b)
  }
  parts.push(0)
  return new Uint8Array(parts)
}

/** A DNS response (or, with no answers and `query`, the query) for `name`. */
export function buildDnsMessage(
  id: number,
  name: string,
  answers: DnsExchange['answers'],
  query = false,
): Uint8Array {
  const header = new Uint8Array(12)
  const v = new DataView(header.buffer)
  v.setUint16(0, id)
  v.setUint16(2, query ? 0x0100 : 0x8180)
  v.setUint16(4, 1)
  v.setUint16(6, query ? 0 : answers.length)
  const question = concat([dnsName(name), new Uint8Array([0, 1, 0, 1])])
  const rrs = query
    ? []
    : answers.map((a) => {
        const owner = a.name === undefined || a.name === name ? new Uint8Array([0xc0, 12]) : dnsName(a.name)
        const type = a.type === 'A' ? 1 : a.type === 'AAAA' ? 28 : 5
        const data = a.type === 'CNAME' ? dnsName(a.value) : ipBytes(a.value)
        const fixed = new Uint8Array(10)
        const fv = new DataView(fixed.buffer)
        fv.setUint16(0, type)
        fv.setUint16(2, 1)
        fv.setUint32(4, a.ttl ?? 300)
        fv.setUint16(8, data.length)
        return concat([owner, fixed, data])
      })
  return concat([header, question, ...rrs])
}

// ---------------------------------------------------------------------------------------------
// Conversations → packets

interface Pkt {
  timeMs: number
  iface: number
  outgoing: boolean
  ip: Uint8Array
}

interface Message {
  fromClient: boolean
  bytes: Uint8Array
}

function isnFor(seed: number, fromClient: boolean): number {
  return ((seed + 1) * 2654435761 + (fromClient ? 12345 : 987654)) >>> 0
}

function tcpConversation(
  ends: { clientIp: string; serverIp: string; clientPort: number; serverPort: number },
  startMs: number,
  messages: readonly Message[],
  exchange: number,
  iface: number,
  o: PcapOptions,
): Pkt[] {
  const out: Pkt[] = []
  let t = startMs
  const step = 0.25
  const mss = o.segmentSize ?? 1460
  const hop = o.ipv6HopByHop ?? false
  let cSeq = isnFor(exchange, true)
  let sSeq = isnFor(exchange, false)
  const send = (fromClient: boolean, seq: number, ack: number, flags: number, payload: Uint8Array): void => {
    const [src, dst, sp, dp] = fromClient
      ? [ends.clientIp, ends.serverIp, ends.clientPort, ends.serverPort]
      : [ends.serverIp, ends.clientIp, ends.serverPort, ends.clientPort]
    out.push({
      timeMs: t,
      iface,
      outgoing: fromClient,
      ip: ipPacket({ proto: 6, src, dst, header: tcpHeader(sp, dp, seq, ack, flags), payload }, hop),
    })
    t += step
  }
  send(true, cSeq, 0, 0x02, new Uint8Array(0))
  send(false, sSeq, cSeq + 1, 0x12, new Uint8Array(0))
  cSeq = (cSeq + 1) >>> 0
  sSeq = (sSeq + 1) >>> 0
  send(true, cSeq, sSeq, 0x10, new Uint8Array(0))
  const counters = { client: 0, server: 0 }
  for (const m of messages) {
    const segs: { seq: number; data: Uint8Array; index: number }[] = []
    for (let at = 0; at < m.bytes.length; at += mss) {
      const data = m.bytes.subarray(at, at + mss)
      const index = m.fromClient ? counters.client++ : counters.server++
      segs.push({ seq: ((m.fromClient ? cSeq : sSeq) + at) >>> 0, data, index })
    }
    if (o.reorder) {
      for (let i = 0; i + 1 < segs.length; i += 2) {
        const a = segs[i] as (typeof segs)[number]
        segs[i] = segs[i + 1] as (typeof segs)[number]
        segs[i + 1] = a
      }
    }
    for (const s of segs) {
      if (o.drop?.({ exchange, fromClient: m.fromClient, segment: s.index })) continue
      send(m.fromClient, s.seq, m.fromClient ? sSeq : cSeq, 0x18, s.data)
      if (o.retransmit && m.fromClient) send(true, s.seq, sSeq, 0x18, s.data)
    }
    if (m.fromClient) cSeq = (cSeq + m.bytes.length) >>> 0
    else sSeq = (sSeq + m.bytes.length) >>> 0
  }
  send(true, cSeq, sSeq, 0x11, new Uint8Array(0))
  send(false, sSeq, cSeq + 1, 0x11, new Uint8Array(0))
  send(true, cSeq + 1, sSeq + 1, 0x10, new Uint8Array(0))
  return out
}

function portFor(i: number): number {
  return 49152 + (i % 16000)
}

/** The packets of a list of exchanges (not yet sorted by time). */
function exchangePackets(exchanges: readonly SyntheticExchange[], o: PcapOptions, base = 0): Pkt[] {
  const out: Pkt[] = []
  const nIf = o.interfaces?.length ?? 1
  const grouped = new Map<string, { first: number; list: HttpExchange[] }>()
  exchanges.forEach((x, i) => {
    const idx = base + i
    const iface = idx % nIf
    if (x.kind === 'dns') {
      const cport = x.clientPort ?? portFor(idx)
      const t = msOf(x.time)
      const q = buildDnsMessage(idx & 0xffff, x.name, [], true)
      const r = buildDnsMessage(idx & 0xffff, x.name, x.answers)
      out.push({
        timeMs: t,
        iface,
        outgoing: true,
        ip: ipPacket(
          {
            proto: 17,
            src: x.clientIp,
            dst: x.resolverIp,
            header: udpHeader(cport, 53, q.length),
            payload: q,
          },
          o.ipv6HopByHop ?? false,
        ),
      })
      out.push({
        timeMs: t + 1,
        iface,
        outgoing: false,
        ip: ipPacket(
          {
            proto: 17,
            src: x.resolverIp,
            dst: x.clientIp,
            header: udpHeader(53, cport, r.length),
            payload: r,
          },
          o.ipv6HopByHop ?? false,
        ),
      })
      return
    }
    if (x.kind === 'tls') {
      const hello = buildClientHello(x.sni, {
        ...(x.alpn === undefined ? {} : { alpn: x.alpn }),
        ...(x.helloPadding === undefined ? {} : { padding: x.helloPadding }),
      })
      const messages: Message[] = [
        { fromClient: true, bytes: hello },
        { fromClient: false, bytes: tlsRecords(0x16, 120, idx) },
        { fromClient: true, bytes: tlsRecords(0x17, x.bytesSent ?? 500, idx) },
        { fromClient: false, bytes: tlsRecords(0x17, x.bytesReceived ?? 1500, idx + 1) },
      ]
      const ends = {
        clientIp: x.clientIp,
        serverIp: x.serverIp,
        clientPort: x.clientPort ?? portFor(idx),
        serverPort: x.serverPort ?? 443,
      }
      out.push(...tcpConversation(ends, msOf(x.time), messages, idx, iface, o))
      return
    }
    const key = x.connection === undefined ? `#${idx}` : `c:${x.connection}`
    const g = grouped.get(key)
    if (g === undefined) grouped.set(key, { first: idx, list: [x] })
    else g.list.push(x)
  })
  for (const { first, list } of grouped.values()) {
    const x = list[0] as HttpExchange
    const iface = first % nIf
    const https = x.scheme === 'https'
    const ends = {
      clientIp: x.clientIp,
      serverIp: x.serverIp,
      clientPort: x.clientPort ?? portFor(first),
      serverPort: x.serverPort ?? (https ? 443 : 80),
    }
    let messages: Message[]
    if (https) {
      const up = list.reduce((n, e) => n + httpRequestBytes(e).length, 0)
      const down = list.reduce((n, e) => n + httpResponseBytes(e).length, 0)
      messages = [
        { fromClient: true, bytes: buildClientHello(x.host, { alpn: ['http/1.1'] }) },
        { fromClient: false, bytes: tlsRecords(0x16, 120, first) },
        { fromClient: true, bytes: tlsRecords(0x17, up + 22, first) },
        { fromClient: false, bytes: tlsRecords(0x17, down + 22, first + 1) },
      ]
    } else if (x.pipelined) {
      messages = [
        { fromClient: true, bytes: concat(list.map(httpRequestBytes)) },
        { fromClient: false, bytes: concat(list.map(httpResponseBytes)) },
      ]
    } else {
      messages = list.flatMap((e) => [
        { fromClient: true, bytes: httpRequestBytes(e) },
        { fromClient: false, bytes: httpResponseBytes(e) },
      ])
    }
    out.push(...tcpConversation(ends, msOf(x.time), messages, first, iface, o))
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// File writers

/** A capture writer for streaming large files: the file header, then packet records batch by batch. */
export interface CaptureWriter {
  header(): Uint8Array
  /** Records of the exchanges' packets, sorted by time within the batch. `base` numbers the exchanges. */
  records(exchanges: readonly SyntheticExchange[], base?: number): Uint8Array
}

/** A writer of pcap or pcapng files with the given options. */
export function createCaptureWriter(o: PcapOptions = {}): CaptureWriter {
  const le = !(o.bigEndian ?? false)
  const format = o.format ?? 'pcap'
  const ifaces = o.interfaces ?? [{ linkType: o.linkType ?? 'ethernet', tsResolution: o.nanosecond ? 9 : 6 }]
  const block = (type: number, body: Uint8Array): Uint8Array => {
    const padded = (body.length + 3) & ~3
    const len = 12 + padded
    const b = new Uint8Array(len)
    const v = new DataView(b.buffer)
    v.setUint32(0, type, le)
    v.setUint32(4, len, le)
    b.set(body, 8)
    v.setUint32(len - 4, len, le)
    return b
  }
  return {
    header() {
      if (format === 'pcap') {
        const h = new Uint8Array(24)
        const v = new DataView(h.buffer)
        v.setUint32(0, o.nanosecond ? 0xa1b23c4d : 0xa1b2c3d4, le)
        v.setUint16(4, 2, le)
        v.setUint16(6, 4, le)
        v.setUint32(16, 262144, le)
        v.setUint32(20, linkNumbers[o.linkType ?? 'ethernet'], le)
        return h
      }
      const shb = new Uint8Array(16)
      const sv = new DataView(shb.buffer)
      sv.setUint32(0, 0x1a2b3c4d, le)
      sv.setUint16(4, 1, le)
      sv.setUint16(6, 0, le)
      sv.setBigInt64(8, -1n, le)
      const parts = [block(0x0a0d0d0a, shb)]
      for (const i of ifaces) {
        const idb = new Uint8Array(8 + 8 + 4)
        const iv = new DataView(idb.buffer)
        iv.setUint16(0, linkNumbers[i.linkType], le)
        iv.setUint32(4, 262144, le)
        // if_tsresol option, then opt_endofopt.
        iv.setUint16(8, 9, le)
        iv.setUint16(10, 1, le)
        idb[12] = i.tsResolution ?? 6
        parts.push(block(1, idb))
      }
      if (o.names !== undefined && o.names.length > 0) {
        const recs: Uint8Array[] = []
        for (const n of o.names) {
          const ip = ipBytes(n.ip)
          const value = concat([ip, enc.encode(n.name), new Uint8Array([0])])
          const head = new Uint8Array(4)
          const hv = new DataView(head.buffer)
          hv.setUint16(0, ip.length === 4 ? 1 : 2, le)
          hv.setUint16(2, value.length, le)
          recs.push(head, value, new Uint8Array(((value.length + 3) & ~3) - value.length))
        }
        recs.push(new Uint8Array(4))
        parts.push(block(4, concat(recs)))
      }
      return concat(parts)
    },
    records(exchanges, base = 0) {
      const pkts = exchangePackets(exchanges, o, base).sort((a, b) => a.timeMs - b.timeMs)
      const parts: Uint8Array[] = []
      for (const p of pkts) {
        const link = ifaces[p.iface]?.linkType ?? 'ethernet'
        const whole = frame(link, p.ip, p.outgoing)
        const data = o.snapLength === undefined ? whole : whole.subarray(0, o.snapLength)
        if (format === 'pcap') {
          const h = new Uint8Array(16)
          const v = new DataView(h.buffer)
          const sec = Math.floor(p.timeMs / 1000)
          const fracMs = p.timeMs - sec * 1000
          v.setUint32(0, sec, le)
          v.setUint32(4, Math.round(o.nanosecond ? fracMs * 1e6 : fracMs * 1e3), le)
          v.setUint32(8, data.length, le)
          v.setUint32(12, whole.length, le)
          parts.push(h, data)
          continue
        }
        if (o.simplePackets && p.iface === 0) {
          const body = new Uint8Array(4 + data.length)
          new DataView(body.buffer).setUint32(0, data.length, le)
          body.set(data, 4)
          parts.push(block(3, body))
          continue
        }
        const res = ifaces[p.iface]?.tsResolution ?? 6
        const units = BigInt(Math.round(p.timeMs * 1000)) * (res === 9 ? 1000n : 1n)
        const body = new Uint8Array(20 + data.length)
        const v = new DataView(body.buffer)
        v.setUint32(0, p.iface, le)
        v.setUint32(4, Number(units >> 32n), le)
        v.setUint32(8, Number(units & 0xffffffffn), le)
        v.setUint32(12, data.length, le)
        v.setUint32(16, whole.length, le)
        body.set(data, 20)
        parts.push(block(6, body))
      }
      return concat(parts)
    },
  }
}

/** A whole pcap or pcapng file of the exchanges. */
export function buildPcap(exchanges: readonly SyntheticExchange[], options: PcapOptions = {}): Uint8Array {
  const w = createCaptureWriter(options)
  return concat([w.header(), w.records(exchanges)])
}

function urlOf(x: HttpExchange): string {
  const scheme = x.scheme ?? 'http'
  const port =
    x.serverPort === undefined || x.serverPort === (scheme === 'https' ? 443 : 80) ? '' : `:${x.serverPort}`
  return `${scheme}://${x.host}${port}${x.path ?? '/'}`
}

function isUtf8Text(b: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b)
    return true
  } catch {
    return false
  }
}

/** One HAR 1.2 entry of an HTTP exchange (TLS and DNS exchanges have none: browsers do not log them). */
export function harEntry(x: HttpExchange): Record<string, unknown> {
  const reqBody = bytesOf(x.requestBody)
  const resBody = bytesOf(x.responseBody)
  const header = (list: [string, string][] | undefined, name: string): string | undefined =>
    list?.find(([k]) => k.toLowerCase() === name)?.[1]
  const reqType = header(x.requestHeaders, 'content-type') ?? 'application/octet-stream'
  const resType = header(x.responseHeaders, 'content-type') ?? 'application/octet-stream'
  const url = new URL(urlOf(x))
  const resText = isUtf8Text(resBody)
    ? { text: new TextDecoder().decode(resBody) }
    : { text: Buffer.from(resBody).toString('base64'), encoding: 'base64' }
  return {
    startedDateTime: new Date(msOf(x.time)).toISOString(),
    time: 12,
    request: {
      method: x.method ?? 'GET',
      url: url.href,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [['Host', x.host] as [string, string], ...(x.requestHeaders ?? [])].map(([name, value]) => ({
        name,
        value,
      })),
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      ...(reqBody.length > 0
        ? { postData: { mimeType: reqType, text: new TextDecoder().decode(reqBody) } }
        : {}),
      headersSize: -1,
      bodySize: reqBody.length,
    },
    response: {
      status: x.status ?? 200,
      statusText: reasons[x.status ?? 200] ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: (x.responseHeaders ?? []).map(([name, value]) => ({ name, value })),
      content: { size: resBody.length, mimeType: resType, ...(resBody.length > 0 ? resText : {}) },
      redirectURL: '',
      headersSize: -1,
      bodySize: resBody.length,
    },
    cache: {},
    timings: { send: 1, wait: 10, receive: 1 },
    serverIPAddress: x.serverIp,
    connection: String(x.clientPort ?? ''),
  }
}

/** A HAR 1.2 document (pretty-printed) of the HTTP exchanges, in time order. */
export function buildHar(exchanges: readonly SyntheticExchange[], creator = 'sluice-test-fixtures'): string {
  const entries = exchanges
    .filter((x): x is HttpExchange => x.kind === 'http')
    .sort((a, b) => msOf(a.time) - msOf(b.time))
    .map(harEntry)
  return `${JSON.stringify({ log: { version: '1.2', creator: { name: creator, version: '1' }, pages: [], entries } }, null, 2)}\n`
}

function clfTime(ms: number): string {
  const d = new Date(ms)
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  const p = (n: number): string => String(n).padStart(2, '0')
  return `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`
}

/**
 * A Squid access log of the exchanges as a forward proxy sees them: plain HTTP requests with their
 * URL, https and TLS as CONNECT host:port; DNS is not logged.
 */
export function buildSquidLog(
  exchanges: readonly SyntheticExchange[],
  options: { format?: 'native' | 'common' | 'combined' } = {},
): string {
  const format = options.format ?? 'native'
  const lines: string[] = []
  const sorted = [...exchanges].sort((a, b) => msOf(a.time) - msOf(b.time))
  for (const x of sorted) {
    if (x.kind === 'dns') continue
    const ms = msOf(x.time)
    const connect = x.kind === 'tls' || x.scheme === 'https'
    const host = x.kind === 'tls' ? (x.sni ?? x.serverIp) : x.host
    const method = connect ? 'CONNECT' : (x.method ?? 'GET')
    const url = connect ? `${host}:${x.serverPort ?? 443}` : urlOf(x as HttpExchange)
    const status = connect ? 200 : ((x as HttpExchange).status ?? 200)
    const bytes =
      x.kind === 'tls'
        ? (x.bytesReceived ?? 1500)
        : connect
          ? httpResponseBytes(x).length + 142
          : httpResponseBytes(x).length
    const type = connect
      ? '-'
      : ((x as HttpExchange).responseHeaders?.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '-')
    if (format === 'native') {
      const elapsed = 35
      lines.push(
        `${((ms + elapsed) / 1000).toFixed(3)} ${String(elapsed).padStart(6)} ${x.clientIp} ${connect ? 'TCP_TUNNEL' : 'TCP_MISS'}/${status} ${bytes} ${method} ${url} - HIER_DIRECT/${x.serverIp} ${type}`,
      )
    } else {
      const headers = x.kind === 'http' ? (x.requestHeaders ?? []) : []
      const get = (n: string): string => headers.find(([k]) => k.toLowerCase() === n)?.[1] ?? '-'
      const extra = format === 'combined' ? ` "${get('referer')}" "${get('user-agent')}"` : ''
      lines.push(`${x.clientIp} - - [${clfTime(ms)}] "${method} ${url} HTTP/1.1" ${status} ${bytes}${extra}`)
    }
  }
  return `${lines.join('\n')}\n`
}
