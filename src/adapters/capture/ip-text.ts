// IP addresses as text, from the bytes of a packet.

/** Dotted-quad text of the IPv4 address at `at`. */
export function ipv4Text(b: Uint8Array, at: number): string {
  return `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`
}

/** RFC 5952 text of the IPv6 address at `at` (lowercase, longest zero run compressed). */
export function ipv6Text(b: Uint8Array, at: number): string {
  const groups: number[] = []
  for (let i = 0; i < 8; i++) groups.push(((b[at + 2 * i] ?? 0) << 8) | (b[at + 2 * i + 1] ?? 0))
  let bestStart = -1
  let bestLen = 0
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && groups[j] === 0) j++
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i
      bestLen = j - i
    }
    i = j
  }
  const hex = groups.map((g) => g.toString(16))
  if (bestStart < 0) return hex.join(':')
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`
}

/** True when a host field holds an address, not a name (`192.0.2.1`, `2001:db8::1`). */
export function isIpLiteral(s: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(s) || (s.includes(':') && /^[0-9a-f:.]+$/i.test(s))
}
