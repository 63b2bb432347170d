/** An IPv6 address as two unsigned 64-bit halves (high, low). */
export interface Ipv6Number {
  readonly hi: bigint
  readonly lo: bigint
}

/**
 * Parses a dotted-quad IPv4 address into an unsigned 32-bit number; undefined for anything else.
 * Char codes instead of split/parseInt: IP parsing, not the table search, dominates lookups.
 */
export function parseIpv4(text: string): number | undefined {
  let value = 0
  let part = -1
  let parts = 0
  let digits = 0
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46
    if (c === 46) {
      if (digits === 0 || part > 255) return undefined
      value = value * 256 + part
      parts++
      part = -1
      digits = 0
    } else if (c >= 48 && c <= 57) {
      if (digits === 3 || (digits > 0 && part === 0)) return undefined
      part = part < 0 ? c - 48 : part * 10 + (c - 48)
      digits++
    } else return undefined
  }
  return parts === 4 ? value >>> 0 : undefined
}

/** Formats an unsigned 32-bit number as a dotted quad. */
export function formatIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`
}

/**
 * Parses an IPv6 address (with `::`, an embedded dotted quad, or a `%zone`) into two 64-bit halves;
 * undefined when it is not one.
 */
export function parseIpv6(text: string): Ipv6Number | undefined {
  let s = text
  const zone = s.indexOf('%')
  if (zone >= 0) s = s.slice(0, zone)
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1)
  if (s.length < 2 || !s.includes(':')) return undefined
  const halves = s.split('::')
  if (halves.length > 2) return undefined
  const readGroups = (part: string): number[] | undefined => {
    if (part === '') return []
    const out: number[] = []
    const pieces = part.split(':')
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i] as string
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece)
        if (v4 === undefined) return undefined
        out.push(v4 >>> 16, v4 & 0xffff)
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return undefined
        out.push(Number.parseInt(piece, 16))
      }
    }
    return out
  }
  const head = readGroups(halves[0] as string)
  const tail = halves.length === 2 ? readGroups(halves[1] as string) : []
  if (head === undefined || tail === undefined) return undefined
  const missing = 8 - head.length - tail.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail]
  let hi = 0n
  let lo = 0n
  for (let i = 0; i < 4; i++) hi = (hi << 16n) | BigInt(groups[i] as number)
  for (let i = 4; i < 8; i++) lo = (lo << 16n) | BigInt(groups[i] as number)
  return { hi, lo }
}
