/**
 * Parses a dotted-quad IPv4 address into its four octets, or undefined. Strict: exactly four
 * decimal parts, each 0–255 with no leading zero, because `010.1.1.1` is read as octal by some
 * tools and as decimal by others, so it is not a trustworthy address.
 */
export function parseIpv4(text: string): [number, number, number, number] | undefined {
  const parts = text.split('.')
  if (parts.length !== 4) return undefined
  const octets: number[] = []
  for (const part of parts) {
    if (part.length === 0 || part.length > 3) return undefined
    if (part.length > 1 && part.charCodeAt(0) === 48) return undefined
    let value = 0
    for (let i = 0; i < part.length; i++) {
      const d = part.charCodeAt(i) - 48
      if (d < 0 || d > 9) return undefined
      value = value * 10 + d
    }
    if (value > 255) return undefined
    octets.push(value)
  }
  const [a = 0, b = 0, c = 0, d = 0] = octets
  return [a, b, c, d]
}
