// DNS responses: the question and the A, AAAA and CNAME answers, so server IPs seen later in the
// same capture can be named (never live DNS: only what the capture itself shows).
import { ipv4Text, ipv6Text } from './ip-text.ts'

/** One answer record this reader keeps. */
export interface DnsAnswer {
  name: string
  type: 'A' | 'AAAA' | 'CNAME'
  /** The address, or the CNAME target. */
  value: string
}

/** A DNS response. */
export interface DnsResponse {
  question?: string
  answers: DnsAnswer[]
}

/** Parses a DNS message; undefined when it is not a response or is malformed. */
export function parseDnsResponse(b: Uint8Array): DnsResponse | undefined {
  if (b.length < 12) return undefined
  if (((b[2] as number) & 0x80) === 0) return undefined // a query
  const u16 = (i: number): number => (b[i] as number) * 256 + (b[i + 1] as number)
  const qd = u16(4)
  const an = u16(6)
  let p = 12
  let question: string | undefined
  for (let i = 0; i < qd; i++) {
    const name = readName(b, p)
    if (name === undefined) return undefined
    if (i === 0) question = name.name
    p = name.end + 4
  }
  const answers: DnsAnswer[] = []
  for (let i = 0; i < an; i++) {
    const name = readName(b, p)
    if (name === undefined || name.end + 10 > b.length) return undefined
    const type = u16(name.end)
    const len = u16(name.end + 8)
    const data = name.end + 10
    if (data + len > b.length) return undefined
    if (type === 1 && len === 4) answers.push({ name: name.name, type: 'A', value: ipv4Text(b, data) })
    else if (type === 28 && len === 16)
      answers.push({ name: name.name, type: 'AAAA', value: ipv6Text(b, data) })
    else if (type === 5) {
      const target = readName(b, data)
      if (target !== undefined) answers.push({ name: name.name, type: 'CNAME', value: target.name })
    }
    p = data + len
  }
  return { ...(question === undefined ? {} : { question }), answers }
}

/** A (possibly compressed) domain name at `at`: the name and where the field ends. */
function readName(b: Uint8Array, at: number): { name: string; end: number } | undefined {
  const labels: string[] = []
  let p = at
  let end = -1
  // Compression pointers could loop: at most 128 jumps.
  for (let jumps = 0; jumps < 128; ) {
    if (p >= b.length) return undefined
    const len = b[p] as number
    if (len === 0) {
      if (end < 0) end = p + 1
      return { name: labels.join('.').toLowerCase(), end }
    }
    if ((len & 0xc0) === 0xc0) {
      if (p + 1 >= b.length) return undefined
      if (end < 0) end = p + 2
      p = ((len & 0x3f) << 8) | (b[p + 1] as number)
      jumps++
      continue
    }
    if (p + 1 + len > b.length) return undefined
    labels.push(String.fromCharCode(...b.subarray(p + 1, p + 1 + len)))
    p += 1 + len
  }
  return undefined
}
