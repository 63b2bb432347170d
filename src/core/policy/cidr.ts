// IPv4 and IPv6 prefix matching without packages. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d, what a
// dual-stack socket reports for an IPv4 client) and prefixes inside ::ffff:0:0/96 are turned into
// their IPv4 form, so '127.0.0.0/8' matches '::ffff:127.0.0.1' and the other way round.
import { parseIpv4 } from '../validators/parse-ipv4.ts'
import { parseIpv6 } from '../validators/parse-ipv6.ts'

/** An address as bytes: 4 for IPv4, 16 for IPv6. */
export type IpBytes = Uint8Array

/** A parsed prefix: the network bytes (host bits zero) and the prefix length. */
export interface Cidr {
  readonly bytes: IpBytes
  readonly prefix: number
}

/**
 * Parses an address as a socket reports it: dotted IPv4, IPv6 (brackets and a %zone are ignored),
 * IPv4-mapped IPv6 given back as IPv4. Undefined when it is not an address.
 */
export function parseIpAddress(text: string): IpBytes | undefined {
  let t = text.trim()
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1)
  const zone = t.indexOf('%')
  if (zone !== -1) t = t.slice(0, zone)
  const v4 = parseIpv4(t)
  if (v4) return Uint8Array.from(v4)
  const words = parseIpv6(t)
  if (!words) return undefined
  const bytes = new Uint8Array(16)
  words.forEach((w, i) => {
    bytes[2 * i] = w >> 8
    bytes[2 * i + 1] = w & 0xff
  })
  return isMapped(bytes) ? bytes.slice(12) : bytes
}

function isMapped(bytes: IpBytes): boolean {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false
  return bytes[10] === 0xff && bytes[11] === 0xff
}

/**
 * Parses 'address/prefix' (or a bare address, meaning the one host). Returns an error message for
 * text that is not one, or that has bits set past the prefix (usually a typo: 10.0.0.1/8).
 */
export function parseCidr(text: string): Cidr | string {
  const slash = text.indexOf('/')
  const addressText = slash === -1 ? text : text.slice(0, slash)
  const trimmed = addressText.trim()
  let t = trimmed
  const zone = t.indexOf('%')
  if (zone !== -1) t = t.slice(0, zone)
  const v4 = parseIpv4(t)
  const words = v4 ? undefined : parseIpv6(t)
  if (!v4 && !words) return `'${text}' is not an IPv4 or IPv6 address or prefix`
  const full = v4 ? 32 : 128
  let prefix = full
  if (slash !== -1) {
    const p = text.slice(slash + 1).trim()
    if (!/^\d{1,3}$/.test(p) || Number(p) > full) return `'${text}' has an invalid prefix length (0–${full})`
    prefix = Number(p)
  }
  let bytes: Uint8Array
  if (v4) {
    bytes = Uint8Array.from(v4)
  } else {
    bytes = new Uint8Array(16)
    ;(words ?? []).forEach((w, i) => {
      bytes[2 * i] = w >> 8
      bytes[2 * i + 1] = w & 0xff
    })
  }
  for (let bit = prefix; bit < full; bit++) {
    if (((bytes[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1) {
      return `'${text}' has bits set past the /${prefix} prefix (did you mean the network address?)`
    }
  }
  if (!v4 && prefix >= 96 && isMapped(bytes)) return { bytes: bytes.slice(12), prefix: prefix - 96 }
  return { bytes, prefix }
}

/** True when `address` (from {@link parseIpAddress}) lies inside `cidr`. Families never mix. */
export function cidrContains(cidr: Cidr, address: IpBytes): boolean {
  if (cidr.bytes.length !== address.length) return false
  const whole = cidr.prefix >> 3
  for (let i = 0; i < whole; i++) if (cidr.bytes[i] !== address[i]) return false
  const rest = cidr.prefix & 7
  if (rest === 0) return true
  const mask = (0xff << (8 - rest)) & 0xff
  return ((cidr.bytes[whole] ?? 0) & mask) === ((address[whole] ?? 0) & mask)
}
