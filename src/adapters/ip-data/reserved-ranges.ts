import { type Ipv6Number, parseIpv4 } from './parse-ip.ts'

// IANA special-purpose address registries (RFC 6890 and its updates). Geolocation data sets give
// confident but meaningless answers for some of these (TEST-NET-3 → AU), so they are answered first.
const ipv4Reserved: readonly [string, number, string][] = [
  ['0.0.0.0', 8, 'this network (RFC 791)'],
  ['10.0.0.0', 8, 'private use (RFC 1918)'],
  ['100.64.0.0', 10, 'shared address space / CGNAT (RFC 6598)'],
  ['127.0.0.0', 8, 'loopback (RFC 1122)'],
  ['169.254.0.0', 16, 'link local (RFC 3927)'],
  ['172.16.0.0', 12, 'private use (RFC 1918)'],
  ['192.0.0.0', 24, 'IETF protocol assignments (RFC 6890)'],
  ['192.0.2.0', 24, 'documentation TEST-NET-1 (RFC 5737)'],
  ['192.88.99.0', 24, '6to4 relay anycast (RFC 7526)'],
  ['192.168.0.0', 16, 'private use (RFC 1918)'],
  ['198.18.0.0', 15, 'benchmarking (RFC 2544)'],
  ['198.51.100.0', 24, 'documentation TEST-NET-2 (RFC 5737)'],
  ['203.0.113.0', 24, 'documentation TEST-NET-3 (RFC 5737)'],
  ['224.0.0.0', 4, 'multicast (RFC 5771)'],
  ['240.0.0.0', 4, 'reserved (RFC 1112)'],
]

const ipv4Table = ipv4Reserved.map(([base, bits, label]) => {
  const start = parseIpv4(base) as number
  const size = 2 ** (32 - bits)
  return { start, end: start + size - 1, label }
})

/** The special-purpose range an IPv4 address (as a number) lies in, or undefined for a global address. */
export function reservedIpv4(value: number): string | undefined {
  for (const r of ipv4Table) if (value >= r.start && value <= r.end) return r.label
  return undefined
}

/**
 * The special-purpose range of an IPv6 address, or undefined for a global one. IPv4-mapped addresses
 * (::ffff:a.b.c.d) are not listed here: the caller looks the embedded IPv4 address up instead.
 */
export function reservedIpv6(ip: Ipv6Number): string | undefined {
  const { hi, lo } = ip
  const top16 = Number(hi >> 48n)
  if (hi === 0n && lo === 0n) return 'unspecified (RFC 4291)'
  if (hi === 0n && lo === 1n) return 'loopback (RFC 4291)'
  if (hi === 0x0064ff9b00000000n && lo >> 32n === 0n) return 'IPv4/IPv6 translation (RFC 6052)'
  if (hi === 0x0100000000000000n) return 'discard only (RFC 6666)'
  if (hi >> 32n === 0x20010db8n) return 'documentation (RFC 3849)'
  // 2001::/23 is IETF protocol assignments (Teredo 2001::/32 among them).
  if (hi >> 41n === 0x20010000n >> 9n) return 'IETF protocol assignments (RFC 2928)'
  if (top16 === 0x2002) return '6to4 (RFC 3056)'
  if ((top16 & 0xfe00) === 0xfc00) return 'unique local (RFC 4193)'
  if ((top16 & 0xffc0) === 0xfe80) return 'link local (RFC 4291)'
  if ((top16 & 0xff00) === 0xff00) return 'multicast (RFC 4291)'
  return undefined
}

/** The embedded IPv4 address of an IPv4-mapped IPv6 address (::ffff:a.b.c.d), else undefined. */
export function mappedIpv4(ip: Ipv6Number): number | undefined {
  return ip.hi === 0n && ip.lo >> 32n === 0xffffn ? Number(ip.lo & 0xffffffffn) : undefined
}
