// The server name (SNI) and ALPN protocols of a TLS ClientHello, read from the first bytes a client
// sent on a connection. The hello may span several TCP segments (post-quantum key shares make it
// ~1.8 KB) and, rarely, several TLS records: the caller accumulates bytes and asks again.

/** What a ClientHello says about where the client meant to go. */
export interface ClientHello {
  sni?: string
  alpn: string[]
}

/** Largest ClientHello waited for; beyond this the bytes are not a hello worth reading. */
export const maxClientHelloBytes = 64 * 1024

/** True when the bytes start like a TLS handshake record (content type 22, version 3.x). */
export function looksLikeTls(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0x16 && b[1] === 0x03 && (b[2] as number) <= 0x04
}

/**
 * Parses the ClientHello at the start of `b`: the hello, `'more'` when more bytes are needed, or a
 * problem text when the bytes are not a ClientHello.
 */
export function parseClientHello(b: Uint8Array): ClientHello | 'more' | string {
  // Gather the handshake bytes from consecutive handshake records.
  const parts: Uint8Array[] = []
  let have = 0
  let need = -1
  let at = 0
  while (need < 0 || have < need) {
    if (at + 5 > b.length) return 'more'
    if (b[at] !== 0x16) return 'not a TLS handshake record'
    const len = (b[at + 3] as number) * 256 + (b[at + 4] as number)
    if (at + 5 + len > b.length) {
      // The handshake header alone can already tell it is no ClientHello.
      if (need < 0 && len >= 1 && at + 6 <= b.length && b[at + 5] !== 1)
        return 'first handshake message is not a ClientHello'
      return 'more'
    }
    parts.push(b.subarray(at + 5, at + 5 + len))
    have += len
    at += 5 + len
    if (need < 0 && have >= 4) {
      const h = parts.length === 1 ? (parts[0] as Uint8Array) : concat(parts)
      if (h[0] !== 1) return 'first handshake message is not a ClientHello'
      need = 4 + (((h[1] as number) << 16) | ((h[2] as number) << 8) | (h[3] as number))
      if (need > maxClientHelloBytes) return 'ClientHello too large'
    }
    if (len === 0) return 'empty TLS record'
  }
  const hs = concat(parts).subarray(4, need)
  return readHello(hs) ?? 'malformed ClientHello'
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

function readHello(h: Uint8Array): ClientHello | undefined {
  const u16 = (i: number): number => (h[i] as number) * 256 + (h[i + 1] as number)
  let p = 2 + 32 // version, random
  if (p + 1 > h.length) return undefined
  p += 1 + (h[p] as number) // session id
  if (p + 2 > h.length) return undefined
  p += 2 + u16(p) // cipher suites
  if (p + 1 > h.length) return undefined
  p += 1 + (h[p] as number) // compression methods
  const hello: ClientHello = { alpn: [] }
  if (p + 2 > h.length) return p === h.length ? hello : undefined
  const end = p + 2 + u16(p)
  if (end > h.length) return undefined
  p += 2
  const text = new TextDecoder()
  while (p + 4 <= end) {
    const type = u16(p)
    const len = u16(p + 2)
    const data = p + 4
    if (data + len > end) return undefined
    if (type === 0 && len >= 5) {
      // server_name_list: list length, then entries of type (0 = host_name), length, name.
      let q = data + 2
      while (q + 3 <= data + len) {
        const nameLen = u16(q + 1)
        if (h[q] === 0 && q + 3 + nameLen <= data + len) {
          hello.sni = text.decode(h.subarray(q + 3, q + 3 + nameLen)).toLowerCase()
          break
        }
        q += 3 + nameLen
      }
    } else if (type === 16 && len >= 2) {
      let q = data + 2
      while (q < data + len) {
        const l = h[q] as number
        if (q + 1 + l > data + len) break
        hello.alpn.push(text.decode(h.subarray(q + 1, q + 1 + l)))
        q += 1 + l
      }
    }
    p = data + len
  }
  return hello
}
