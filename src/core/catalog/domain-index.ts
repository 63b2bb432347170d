import { CatalogError } from './catalog-error.ts'
import type { CatalogEntry } from './catalog-schema.ts'

/** The catalog entry a host belongs to, through which listed domain, and whether that is a web or API domain. */
export interface DomainMatch {
  readonly entry: CatalogEntry
  readonly kind: 'web' | 'api'
  /** The listed suffix that matched (the longest one). */
  readonly domain: string
  /** The matched domain also carries the operator's non-AI content (its `sharedDomains`). */
  readonly shared: boolean
}

/** Host → catalog entry lookup. */
export interface DomainIndex {
  /**
   * The entry whose listed domain is the longest suffix of `host` on a label boundary: `volces.com`
   * matches `ark.cn-beijing.volces.com` but not `evilvolces.com`. Case-insensitive; a trailing dot and
   * a `:port` are ignored; IP literals and malformed hosts match nothing.
   */
  match(host: string): DomainMatch | undefined
}

// Longer than any DNS name (253) plus a port: nothing that long can match, so it is not looked at.
const maxHostLength = 300

/**
 * Builds the index: one Map entry per listed domain, so a lookup costs one Map probe per label of the
 * host (longest suffix first) whatever the size of the catalog. A domain listed by two entries is an
 * error, since which service a host belongs to must not depend on order.
 */
export function createDomainIndex(entries: readonly CatalogEntry[]): DomainIndex {
  const byDomain = new Map<string, DomainMatch>()
  for (const entry of entries) {
    const shared = new Set(entry.sharedDomains)
    for (const [kind, list] of [
      ['web', entry.webDomains],
      ['api', entry.apiDomains],
    ] as const) {
      for (const domain of list) {
        const existing = byDomain.get(domain)
        if (existing !== undefined)
          throw new CatalogError(
            `catalog domain ${domain} is listed by both ${existing.entry.id} (${existing.kind}) and ${entry.id} (${kind})`,
          )
        byDomain.set(domain, { entry, kind, domain, shared: shared.has(domain) })
      }
    }
  }
  return {
    match(host) {
      let name = normalizeHost(host)
      if (name === undefined) return undefined
      for (;;) {
        const found = byDomain.get(name)
        if (found !== undefined) return found
        const dot = name.indexOf('.')
        if (dot < 0) return undefined
        name = name.slice(dot + 1)
      }
    },
  }
}

/** Lowercases a Host value and drops a `:port` and a trailing dot; undefined for IP literals or junk. */
export function normalizeHost(host: string): string | undefined {
  if (host.length === 0 || host.length > maxHostLength || host.startsWith('[')) return undefined
  let name = host.trim().toLowerCase()
  const colon = name.indexOf(':')
  if (colon >= 0) {
    const port = name.slice(colon + 1)
    // More than one colon is a bare IPv6 address; a non-numeric port is not a host.
    if (!/^[0-9]{1,5}$/.test(port) || Number(port) > 65535) return undefined
    name = name.slice(0, colon)
  }
  if (name.endsWith('.')) name = name.slice(0, -1)
  return name === '' ? undefined : name
}
