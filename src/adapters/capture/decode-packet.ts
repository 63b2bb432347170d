// From a captured frame to a TCP or UDP segment: link layer (Ethernet with VLAN tags, raw IP, Linux
// cooked SLL/SLL2, BSD and OpenBSD loopback), then IPv4 or IPv6 (with extension headers), then the
// transport header. Frames that carry nothing an audit needs (ARP, ICMP…) decode to `undefined`;
// frames that cannot be read decode to a `problem` the caller turns into a warning.
import { ipv4Text, ipv6Text } from './ip-text.ts'

/** Link types this decoder reads (LINKTYPE_* numbers). */
export const linkTypes = {
  null: 0,
  ethernet: 1,
  rawLegacy12: 12,
  rawLegacy14: 14,
  raw: 101,
  loop: 108,
  sll: 113,
  ipv4: 228,
  ipv6: 229,
  sll2: 276,
} as const

/** A TCP or UDP segment. `payload` is a view into the frame. */
export interface Segment {
  proto: 'tcp' | 'udp'
  src: string
  dst: string
  srcPort: number
  dstPort: number
  /** TCP only: sequence and acknowledgement numbers. */
  seq: number
  ack: number
  flags: number
  payload: Uint8Array
  /** The snap length cut this segment: its payload is shorter than what was sent. */
  cut: boolean
}

/** Why a frame could not be used. `kind` groups warnings so each kind is reported once with a count. */
export interface DecodeProblem {
  problem: string
  kind: 'link' | 'fragment' | 'malformed' | 'esp'
}

export const tcpFlags = { fin: 1, syn: 2, rst: 4, psh: 8, ack: 16 } as const

/** Decodes one frame of the given link type. */
export function decodeFrame(linkType: number, frame: Uint8Array): Segment | DecodeProblem | undefined {
  let at = 0
  let etherType = -1
  switch (linkType) {
    case linkTypes.ethernet: {
      if (frame.length < 14) return { problem: 'Ethernet frame shorter than its header', kind: 'malformed' }
      etherType = (frame[12] as number) * 256 + (frame[13] as number)
      at = 14
      // 802.1Q / 802.1ad tags, possibly stacked (QinQ); bounded by the frame length.
      while (
        (etherType === 0x8100 || etherType === 0x88a8 || etherType === 0x9100) &&
        at + 4 <= frame.length
      ) {
        etherType = (frame[at + 2] as number) * 256 + (frame[at + 3] as number)
        at += 4
      }
      break
    }
    case linkTypes.raw:
    case linkTypes.rawLegacy12:
    case linkTypes.rawLegacy14:
    case linkTypes.ipv4:
    case linkTypes.ipv6:
      etherType = (frame[0] ?? 0) >> 4 === 6 ? 0x86dd : 0x0800
      break
    case linkTypes.null:
    case linkTypes.loop: {
      if (frame.length < 4) return { problem: 'loopback frame shorter than its header', kind: 'malformed' }
      // NULL stores the address family in the capturing host's byte order; LOOP in network order.
      const be =
        (((frame[0] as number) << 24) |
          ((frame[1] as number) << 16) |
          ((frame[2] as number) << 8) |
          (frame[3] as number)) >>>
        0
      const le =
        (((frame[3] as number) << 24) |
          ((frame[2] as number) << 16) |
          ((frame[1] as number) << 8) |
          (frame[0] as number)) >>>
        0
      const family = linkType === linkTypes.loop ? be : Math.min(be, le)
      if (family === 2) etherType = 0x0800
      else if (family === 24 || family === 28 || family === 30 || family === 10) etherType = 0x86dd
      at = 4
      break
    }
    case linkTypes.sll:
      if (frame.length < 16)
        return { problem: 'Linux cooked (SLL) frame shorter than its header', kind: 'malformed' }
      etherType = (frame[14] as number) * 256 + (frame[15] as number)
      at = 16
      break
    case linkTypes.sll2:
      if (frame.length < 20)
        return { problem: 'Linux cooked (SLL2) frame shorter than its header', kind: 'malformed' }
      etherType = (frame[0] as number) * 256 + (frame[1] as number)
      at = 20
      break
    default:
      return { problem: `link type ${linkType} is not supported: its packets are skipped`, kind: 'link' }
  }
  if (etherType === 0x0800) return decodeIpv4(frame, at)
  if (etherType === 0x86dd) return decodeIpv6(frame, at)
  return undefined
}

function decodeIpv4(b: Uint8Array, at: number): Segment | DecodeProblem | undefined {
  if (at + 20 > b.length) return { problem: 'IPv4 header cut short', kind: 'malformed' }
  const first = b[at] as number
  if (first >> 4 !== 4) return { problem: 'IPv4 packet with a wrong version', kind: 'malformed' }
  const ihl = (first & 15) * 4
  const total = (b[at + 2] as number) * 256 + (b[at + 3] as number)
  if (ihl < 20 || total < ihl) return { problem: 'IPv4 header with invalid lengths', kind: 'malformed' }
  const fragment = ((b[at + 6] as number) * 256 + (b[at + 7] as number)) & 0x3fff
  const src = ipv4Text(b, at + 12)
  const dst = ipv4Text(b, at + 16)
  if (fragment !== 0) {
    return {
      problem: `IPv4 fragment ${src} → ${dst}: fragments are not reassembled; skipped`,
      kind: 'fragment',
    }
  }
  // Ethernet pads short frames: the IP total length, not the frame, says where the packet ends.
  const end = Math.min(at + total, b.length)
  return decodeTransport(b[at + 9] as number, b, at + ihl, end, at + total > b.length, src, dst)
}

function decodeIpv6(b: Uint8Array, at: number): Segment | DecodeProblem | undefined {
  if (at + 40 > b.length) return { problem: 'IPv6 header cut short', kind: 'malformed' }
  if ((b[at] as number) >> 4 !== 6) return { problem: 'IPv6 packet with a wrong version', kind: 'malformed' }
  const payloadLen = (b[at + 4] as number) * 256 + (b[at + 5] as number)
  let next = b[at + 6] as number
  const src = ipv6Text(b, at + 8)
  const dst = ipv6Text(b, at + 24)
  const end = Math.min(at + 40 + payloadLen, b.length)
  let p = at + 40
  // Extension headers: bounded by the packet length (each one advances p by at least 8).
  for (;;) {
    if (next === 0 || next === 43 || next === 60 || next === 135 || next === 139 || next === 140) {
      if (p + 8 > end) return { problem: 'IPv6 extension header cut short', kind: 'malformed' }
      next = b[p] as number
      p += ((b[p + 1] as number) + 1) * 8
    } else if (next === 51) {
      if (p + 8 > end) return { problem: 'IPv6 authentication header cut short', kind: 'malformed' }
      next = b[p] as number
      p += ((b[p + 1] as number) + 2) * 4
    } else if (next === 44) {
      return {
        problem: `IPv6 fragment ${src} → ${dst}: fragments are not reassembled; skipped`,
        kind: 'fragment',
      }
    } else if (next === 50) {
      return { problem: `IPsec ESP ${src} → ${dst}: encrypted at the IP layer; skipped`, kind: 'esp' }
    } else break
  }
  if (p > end) return { problem: 'IPv6 extension headers longer than the packet', kind: 'malformed' }
  return decodeTransport(next, b, p, end, at + 40 + payloadLen > b.length, src, dst)
}

function decodeTransport(
  proto: number,
  b: Uint8Array,
  at: number,
  end: number,
  cut: boolean,
  src: string,
  dst: string,
): Segment | DecodeProblem | undefined {
  if (proto === 6) {
    if (at + 20 > end) return { problem: 'TCP header cut short', kind: 'malformed' }
    const off = ((b[at + 12] as number) >> 4) * 4
    if (off < 20 || at + off > end)
      return { problem: 'TCP header with an invalid data offset', kind: 'malformed' }
    return {
      proto: 'tcp',
      src,
      dst,
      srcPort: (b[at] as number) * 256 + (b[at + 1] as number),
      dstPort: (b[at + 2] as number) * 256 + (b[at + 3] as number),
      seq:
        (((b[at + 4] as number) << 24) |
          ((b[at + 5] as number) << 16) |
          ((b[at + 6] as number) << 8) |
          (b[at + 7] as number)) >>>
        0,
      ack:
        (((b[at + 8] as number) << 24) |
          ((b[at + 9] as number) << 16) |
          ((b[at + 10] as number) << 8) |
          (b[at + 11] as number)) >>>
        0,
      flags: (b[at + 13] as number) & 0x3f,
      payload: b.subarray(at + off, end),
      cut,
    }
  }
  if (proto === 17) {
    if (at + 8 > end) return { problem: 'UDP header cut short', kind: 'malformed' }
    return {
      proto: 'udp',
      src,
      dst,
      srcPort: (b[at] as number) * 256 + (b[at + 1] as number),
      dstPort: (b[at + 2] as number) * 256 + (b[at + 3] as number),
      seq: 0,
      ack: 0,
      flags: 0,
      payload: b.subarray(at + 8, end),
      cut,
    }
  }
  return undefined
}
