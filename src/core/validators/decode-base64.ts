// Both alphabets at once: '+' and '-' are 62, '/' and '_' are 63 (RFC 4648 §4 and §5).
const table = new Int8Array(128).fill(-1)
for (let i = 0; i < 64; i++) {
  table['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i
}
table[45] = 62
table[95] = 63

/** Longest input accepted: callers decode short headers and credentials, never whole documents. */
export const maxBase64Length = 8192

/**
 * Decodes standard or URL-safe base64 (padding optional) into a binary string, one char per byte
 * (0–255); undefined when a character is outside the alphabet, the length is impossible or the input
 * is longer than {@link maxBase64Length}.
 */
export function decodeBase64(input: string): string | undefined {
  if (input.length > maxBase64Length) return undefined
  let end = input.length
  while (end > 0 && input.charCodeAt(end - 1) === 61) end--
  if (input.length - end > 2 || end % 4 === 1) return undefined
  const bytes: number[] = []
  let buffer = 0
  let bits = 0
  for (let i = 0; i < end; i++) {
    const c = input.charCodeAt(i)
    const v = c < 128 ? (table[c] ?? -1) : -1
    if (v < 0) return undefined
    buffer = ((buffer << 6) | v) & 0xffffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes.push((buffer >> bits) & 0xff)
    }
  }
  return String.fromCharCode(...bytes)
}
