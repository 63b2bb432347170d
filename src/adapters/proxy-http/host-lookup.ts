// Name resolution for upstream connections: configured `proxy.hosts` entries first (air-gapped
// networks, tests), then the given resolver or the system's.
import { lookup as dnsLookup } from 'node:dns'
import { isIP, type LookupFunction } from 'node:net'
import type { ProxySettings } from '../../core/proxy/proxy-settings.ts'

/** A lookup function that consults the current settings' hosts map before `fallback`. */
export function hostsLookup(
  settings: () => ProxySettings,
  fallback: LookupFunction = dnsLookup,
): LookupFunction {
  return (hostname, options, callback) => {
    const pinned = settings().hosts.get(hostname.toLowerCase().replace(/\.$/, ''))
    if (pinned === undefined) {
      fallback(hostname, options, callback)
      return
    }
    const family = isIP(pinned)
    if (options.all === true) callback(null, [{ address: pinned, family }])
    else (callback as (err: null, address: string, family: number) => void)(null, pinned, family)
  }
}
