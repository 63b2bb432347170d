import { parseIpv4 } from './parse-ipv4.ts'

// The value of the 1–4 hex digits text[from, to), or -1: read by code, without split, regex or parseInt
// (the IP detector parses every colon-joined candidate, MAC-like ones included).
function hexGroup(text: string, from: number, to: number): number {
  if (to - from < 1 || to - from > 4) return -1
  let value = 0
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    const digit =
      c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1
    if (digit < 0) return -1
    value = value * 16 + digit
  }
  return value
}

// The groups of `part` (colon-separated, no "::"), the last one optionally a dotted IPv4 address.
function parseGroups(part: string, allowTrailingIpv4: boolean): number[] | undefined {
  if (part === '') return []
  const words: number[] = []
  for (let start = 0; ; ) {
    const colon = part.indexOf(':', start)
    const end = colon === -1 ? part.length : colon
    if (allowTrailingIpv4 && colon === -1 && part.indexOf('.', start) !== -1) {
      const v4 = parseIpv4(part.slice(start))
      if (!v4) return undefined
      words.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3])
    } else {
      const value = hexGroup(part, start, end)
      if (value < 0) return undefined
      words.push(value)
    }
    if (colon === -1) return words
    start = colon + 1
  }
}

/**
 * Parses an IPv6 address (RFC 4291 text forms: full, `::`-compressed, trailing embedded IPv4;
 * without zone or prefix) into its eight 16-bit words, or undefined when it is not one.
 */
export function parseIpv6(text: string): number[] | undefined {
  if (text.length < 2 || text.length > 45) return undefined
  const gap = text.indexOf('::')
  if (gap === -1) {
    const words = parseGroups(text, true)
    return words && words.length === 8 ? words : undefined
  }
  if (text.indexOf('::', gap + 1) !== -1) return undefined
  const head = parseGroups(text.slice(0, gap), false)
  const tail = parseGroups(text.slice(gap + 2), true)
  if (!head || !tail) return undefined
  // '::' stands for at least one zero group (RFC 5952 §4.2.2 only recommends, RFC 4291 allows it).
  const missing = 8 - head.length - tail.length
  if (missing < 1) return undefined
  return [...head, ...new Array<number>(missing).fill(0), ...tail]
}
