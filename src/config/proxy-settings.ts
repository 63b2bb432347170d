// sluice.yaml → the proxy's settings snapshot (zones, tenants' notice details, interception lists).
import { type Cidr, cidrContains, parseCidr, parseIpAddress } from '../core/policy/cidr.ts'
import type { ProxySettings, TenantNotice } from '../core/proxy/proxy-settings.ts'
import type { SluiceConfig } from './sluice-config-schema.ts'

/** Builds the proxy settings of one configuration. Zone prefixes were validated by the schema. */
export function proxySettingsFrom(config: SluiceConfig): ProxySettings {
  const cidrs: Cidr[] = []
  for (const zone of config.zones) {
    for (const text of zone.cidrs) {
      const parsed = parseCidr(text)
      if (typeof parsed === 'string') throw new Error(`zone ${zone.id}: ${parsed}`)
      cidrs.push(parsed)
    }
  }
  const tenants = new Map<string, TenantNotice>()
  for (const [id, tenant] of Object.entries(config.tenants)) {
    tenants.set(id, {
      name: tenant.name,
      ...(tenant.contact === undefined ? {} : { contact: tenant.contact }),
    })
  }
  const proxy = config.proxy
  return {
    enabled: proxy.enabled,
    port: proxy.port,
    auth: proxy.auth,
    xForwardedFor: proxy.xForwardedFor,
    upstreamTimeoutMs: proxy.upstreamTimeoutMs,
    maxBodyBytes: config.inspection.maxBodyBytes,
    intercept: {
      enabled: proxy.intercept.enabled,
      hosts: proxy.intercept.hosts,
      doNotIntercept: proxy.intercept.doNotIntercept,
      allowedApps: proxy.intercept.allowedApps,
    },
    extraHosts: proxy.extraHosts,
    hosts: new Map(Object.entries(proxy.hosts)),
    pacProxy: proxy.pacProxy,
    inZone: (remoteAddress) => {
      const address = parseIpAddress(remoteAddress)
      return address !== undefined && cidrs.some((c) => cidrContains(c, address))
    },
    tenant: (id) => tenants.get(id),
  }
}
