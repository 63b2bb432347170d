/** What kind of network an address belongs to: the finding's subtype. */
export type IpKind = 'private' | 'loopback' | 'link-local' | 'public' | 'reserved'

/** Classifies an IPv4 address by its octets (RFC 1918, RFC 6598, RFC 3927, RFC 1122). */
export function classifyIpv4(octets: readonly [number, number, number, number]): IpKind {
  const [a, b] = octets
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private'
  // Carrier-grade NAT space is internal addressing too.
  if (a === 100 && b >= 64 && b <= 127) return 'private'
  if (a === 127) return 'loopback'
  if (a === 169 && b === 254) return 'link-local'
  // 0/8 "this network", 224/4 multicast, 240/4 reserved and broadcast, netmasks like 255.255.255.0.
  if (a === 0 || a >= 224) return 'reserved'
  return 'public'
}

/** Classifies an IPv6 address by its eight words (RFC 4291, RFC 4193); IPv4-mapped follows IPv4. */
export function classifyIpv6(words: readonly number[]): IpKind {
  const [w0 = 0, w1 = 0, w2 = 0, w3 = 0, w4 = 0, w5 = 0, w6 = 0, w7 = 0] = words
  const upperZero = w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0
  if (upperZero && w5 === 0 && w6 === 0 && w7 === 1) return 'loopback'
  if (upperZero && w5 === 0xffff) return classifyIpv4([w6 >> 8, w6 & 0xff, w7 >> 8, w7 & 0xff])
  if ((w0 & 0xfe00) === 0xfc00) return 'private'
  if ((w0 & 0xffc0) === 0xfe80) return 'link-local'
  if (upperZero && w5 === 0 && w6 === 0 && w7 === 0) return 'reserved'
  if ((w0 & 0xff00) === 0xff00) return 'reserved'
  return 'public'
}
