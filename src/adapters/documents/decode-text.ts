const utf8 = new TextDecoder('utf-8', { fatal: true })
// WHATWG "euc-kr" is Windows code page 949, which older Korean text and CSV exports still use.
const cp949 = new TextDecoder('euc-kr', { fatal: true })
const utf16le = new TextDecoder('utf-16le', { fatal: true })
const utf16be = new TextDecoder('utf-16be', { fatal: true })

// C0 controls other than tab, line feed, vertical tab, form feed, carriage return and escape.
const controlPattern = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f\u007f]/g

function tryDecode(decoder: typeof utf8, bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes)
  } catch {
    return undefined
  }
}

function looksLikeText(text: string): boolean {
  if (text.includes('\u0000')) return false
  const controls = text.match(controlPattern)?.length ?? 0
  return controls <= text.length / 100
}

/**
 * Decodes bytes that should be human-readable text (UTF-8, UTF-16 with a byte-order mark, or CP949),
 * returning undefined when they look like binary data instead.
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  let text: string | undefined
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = tryDecode(utf16le, bytes.subarray(2))
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = tryDecode(utf16be, bytes.subarray(2))
  else text = tryDecode(utf8, bytes) ?? tryDecode(cp949, bytes)
  if (text === undefined || !looksLikeText(text)) return undefined
  return text.startsWith('\uFEFF') ? text.slice(1) : text
}
