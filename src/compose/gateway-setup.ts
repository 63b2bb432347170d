// sluice.yaml + catalog → the immutable GatewaySetup snapshot the gateway use case reads.

import type { UpstreamTarget } from '../app/gateway/gateway-ports.ts'
import type { GatewaySetup } from '../app/gateway/gateway-setup.ts'
import { upstreamApiKey } from '../config/load-config-file.ts'
import type { SluiceConfig, UpstreamConfig } from '../config/sluice-config-schema.ts'
import { compileTenantPolicies } from '../config/tenant-policies.ts'
import type { Catalog } from '../core/catalog/catalog.ts'
import { compileSubjects } from '../core/policy/resolve-subject.ts'

const defaultUpstreamTimeoutMs = 120_000

/** Builds one snapshot. Throws when a name does not resolve (an upstream's service missing from the catalog). */
export function buildGatewaySetup(
  config: SluiceConfig,
  catalog: Catalog,
  env: Readonly<Record<string, string | undefined>>,
): GatewaySetup {
  const subjects = compileSubjects({
    keys: config.keys.map((k) => ({
      hash: k.hash,
      tenant: k.tenant,
      user: k.user,
      ...(k.groups === undefined ? {} : { groups: k.groups }),
    })),
    zones: config.zones.map((z) => ({
      id: z.id,
      cidrs: z.cidrs,
      keyless: z.keyless,
      ...(z.tenant === undefined ? {} : { tenant: z.tenant }),
    })),
  })
  const policies = compileTenantPolicies(config)
  const upstreams = new Map<string, UpstreamTarget>()
  for (const [id, upstream] of Object.entries(config.upstreams)) {
    if (upstream.service !== undefined && catalog.byId(upstream.service) === undefined) {
      throw new Error(`upstreams.${id}.service: '${upstream.service}' is not in the catalog`)
    }
    upstreams.set(id, toTarget(id, upstream, env))
  }
  const routes = config.models.map((m) => ({ pattern: globToRegExp(m.match), upstream: m.upstream }))
  return {
    identify: (input) => subjects.resolve(input),
    policyFor: (tenant) => policies.get(tenant),
    catalog,
    upstream: (id) => upstreams.get(id),
    upstreamForModel: (model) => {
      const route = routes.find((r) => r.pattern.test(model))
      return route === undefined ? undefined : upstreams.get(route.upstream)
    },
    upstreams: [...upstreams.values()],
    inspection: {
      failMode: config.inspection.failMode,
      minScore: config.inspection.minScore,
      responses: config.inspection.responses,
      timeoutMs: config.inspection.timeoutMs,
    },
  }
}

function toTarget(
  id: string,
  upstream: UpstreamConfig,
  env: Readonly<Record<string, string | undefined>>,
): UpstreamTarget {
  const apiKey = upstreamApiKey(upstream, env)
  return {
    id,
    kind: upstream.kind,
    baseUrl: versionedBase(upstream),
    keyMode: upstream.keyMode,
    timeoutMs: upstream.timeoutMs ?? defaultUpstreamTimeoutMs,
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(upstream.apiKeyEnv === undefined || apiKey !== undefined
      ? {}
      : { missingKeyEnv: upstream.apiKeyEnv }),
    ...(upstream.service === undefined ? {} : { service: upstream.service }),
    ...(upstream.model === undefined ? {} : { model: upstream.model }),
  }
}

// Clients call /v1/...; the base URL is what '/v1' stands for. Anthropic documents its base URL
// without the version, so '/v1' is added for it when missing.
function versionedBase(upstream: UpstreamConfig): string {
  const base = upstream.baseUrl.replace(/\/+$/, '')
  return upstream.kind === 'anthropic' && !/\/v\d+$/.test(base) ? `${base}/v1` : base
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')
  return new RegExp(`^${escaped}$`)
}
