// Compiles every tenant's policy (its own rules, then its preset's) once per configuration.
import { type CompiledPolicy, compilePolicy } from '../core/policy/compile-policy.ts'
import { loadPreset } from './presets.ts'
import type { SluiceConfig, TenantConfig } from './sluice-config-schema.ts'

/** Compiles one tenant's policy with the configuration's score floor. */
export function compileTenantPolicy(config: SluiceConfig, tenant: TenantConfig): CompiledPolicy {
  const { preset, ...spec } = tenant.policy
  return compilePolicy(spec, {
    minScore: config.inspection.minScore,
    ...(preset === undefined ? {} : { preset: loadPreset(preset) }),
  })
}

/** Every tenant's compiled policy, by tenant id. The gateway looks the subject's tenant up here. */
export function compileTenantPolicies(config: SluiceConfig): ReadonlyMap<string, CompiledPolicy> {
  return new Map(
    Object.entries(config.tenants).map(([id, tenant]) => [id, compileTenantPolicy(config, tenant)]),
  )
}
