import { parseIpv4 } from './parse-ipv4.ts'

const hexGroup = /^[0-9A-Fa-f]{1,4}$/

function parseGroups(part: string, allowTrailingIpv4: boolean): number[] | undefined {
  if (part === '') return []
  const groups = part.split(':')
  const words: number[] = []
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i] ?? ''
    if (allowTrailingIpv4 && i === groups.length - 1 && group.includes('.')) {
      const v4 = parseIpv4(group)
      if (!v4) return undefined
      words.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3])
    } else if (hexGroup.test(group)) {
      words.push(Number.parseInt(group, 16))
    } else {
      return undefined
    }
  }
  return words
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
