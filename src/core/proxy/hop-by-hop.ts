// Which headers a proxy must not pass on (RFC 9110 §7.6.1): the fixed hop-by-hop set, the non-standard
// Proxy-Connection, and every header the Connection header names for this hop.

const fixedHopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
])

/** True for a header name that belongs to one hop only (given the names the Connection header listed). */
export function isHopByHop(name: string, connectionNamed: ReadonlySet<string> = new Set()): boolean {
  const lower = name.toLowerCase()
  return fixedHopByHop.has(lower) || connectionNamed.has(lower)
}

/** The header names listed in every Connection header of a raw header list, lowercased. */
export function namedInConnection(rawHeaders: readonly string[]): Set<string> {
  const named = new Set<string>()
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if ((rawHeaders[i] as string).toLowerCase() !== 'connection') continue
    for (const token of (rawHeaders[i + 1] as string).split(',')) {
      const name = token.trim().toLowerCase()
      if (name !== '') named.add(name)
    }
  }
  return named
}

/**
 * The end-to-end headers of a raw header list (`[name, value, name, value, …]` as node:http gives
 * them), as [name, value] pairs in order, original case and repeats kept. `drop` names more headers to
 * leave out (lowercase), e.g. ones the proxy sets itself.
 */
export function endToEndHeaders(
  rawHeaders: readonly string[],
  drop: ReadonlySet<string> = new Set(),
): [string, string][] {
  const named = namedInConnection(rawHeaders)
  const kept: [string, string][] = []
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string
    const lower = name.toLowerCase()
    if (fixedHopByHop.has(lower) || named.has(lower) || drop.has(lower)) continue
    kept.push([name, rawHeaders[i + 1] as string])
  }
  return kept
}

/** The pseudonym Sluice uses in Via (RFC 9110 §7.6.3), never its host name or version. */
export const viaPseudonym = 'sluice'

/** The Via header value to send on: the received one(s) with this hop appended. */
export function viaValue(received: string | readonly string[] | undefined, httpVersion = '1.1'): string {
  const own = `${httpVersion === '1.0' ? '1.0' : '1.1'} ${viaPseudonym}`
  const before = received === undefined ? [] : typeof received === 'string' ? [received] : received
  return [...before.filter((v) => v.trim() !== ''), own].join(', ')
}

/** The X-Forwarded-For value to send on: the received chain with the client's address appended. */
export function forwardedForValue(received: string | readonly string[] | undefined, client: string): string {
  const before = received === undefined ? [] : typeof received === 'string' ? [received] : received
  // An IPv4 client on a dual-stack socket shows up as ::ffff:a.b.c.d; downstream logs expect a.b.c.d.
  const address = client.startsWith('::ffff:') && client.includes('.') ? client.slice(7) : client
  return [...before.filter((v) => v.trim() !== ''), address].join(', ')
}
