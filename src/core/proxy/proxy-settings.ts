// The forward proxy's part of one configuration snapshot: who may use it, which hosts are decrypted,
// and the per-tenant names and contacts the notice page shows. Built from sluice.yaml by
// src/config/proxy-settings.ts; swapped whole on reload.

/** A tenant's display name and contact, for the notice page. */
export interface TenantNotice {
  readonly name: string
  readonly contact?: string
}

/** Which hosts the proxy decrypts. */
export interface InterceptSettings {
  /**
   * Decrypt at all. undefined = yes when a CA (interceptor) is available; the adapter makes that call
   * because only it knows whether one was loaded.
   */
  readonly enabled: boolean | undefined
  /** Extra host suffixes to decrypt and inspect even though they are not AI services. */
  readonly hosts: readonly string[]
  /** Host suffixes never decrypted (pinned apps, banking, government): always tunnelled untouched. */
  readonly doNotIntercept: readonly string[]
  /** Decrypt allowed AI web apps to inspect what is pasted into them. */
  readonly allowedApps: boolean
}

/** The proxy's settings in one snapshot. */
export interface ProxySettings {
  readonly enabled: boolean
  /** A separate listening port for proxy traffic only; undefined = the gateway's port. */
  readonly port: number | undefined
  /** 'required': every proxy request carries Basic Proxy-Authorization whose password is a virtual key. */
  readonly auth: 'none' | 'required'
  readonly xForwardedFor: boolean
  readonly upstreamTimeoutMs: number
  /** Largest request body read for inspection inside an intercepted connection. */
  readonly maxBodyBytes: number
  readonly intercept: InterceptSettings
  /** Non-catalog host suffixes treated as AI services (policy applies, no catalog facts). */
  readonly extraHosts: readonly string[]
  /** Host → address to connect to instead of asking DNS (exact host names, lowercase). */
  readonly hosts: ReadonlyMap<string, string>
  /** `host:port` written into the PAC file; undefined = the Host the PAC was fetched from. */
  readonly pacProxy: string | undefined
  /** True when the source address lies in any configured zone (only those may use the proxy). */
  inZone(remoteAddress: string): boolean
  tenant(id: string): TenantNotice | undefined
}

/**
 * The listed suffix `host` equals or lies under on a label boundary, or undefined. Case-insensitive;
 * a trailing dot and a `:port` on `host` are ignored.
 */
export function matchSuffix(host: string, suffixes: readonly string[]): string | undefined {
  const name = normalHost(host)
  let best: string | undefined
  for (const raw of suffixes) {
    const suffix = raw.toLowerCase().replace(/^\.+/, '').replace(/\.$/, '')
    if (suffix === '') continue
    if (name === suffix || name.endsWith(`.${suffix}`)) {
      if (best === undefined || suffix.length > best.length) best = suffix
    }
  }
  return best
}

/** Lowercase host without a trailing dot, a port, or IPv6 brackets. */
export function normalHost(host: string): string {
  let name = host.trim().toLowerCase()
  if (name.startsWith('[')) {
    const end = name.indexOf(']')
    return end < 0 ? name : name.slice(1, end)
  }
  const colon = name.indexOf(':')
  if (colon >= 0 && name.indexOf(':', colon + 1) < 0) name = name.slice(0, colon)
  return name.endsWith('.') ? name.slice(0, -1) : name
}
