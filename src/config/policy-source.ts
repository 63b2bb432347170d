// `sluice policy test|lint FILE` accept either a whole sluice.yaml or a preset-shaped policy file
// (id, name, rules, default, tests). This tells them apart and gives back compiled policies to check.
import { parse } from 'yaml'
import { type CompiledPolicy, compilePolicy } from '../core/policy/compile-policy.ts'
import type { PolicyTestCase } from '../core/policy/policy-schema.ts'
import { ConfigError } from './config-error.ts'
import { parseConfig } from './parse-config.ts'
import { parsePresetText } from './presets.ts'
import type { SluiceConfig } from './sluice-config-schema.ts'
import { compileTenantPolicy } from './tenant-policies.ts'

/** One policy to test or lint, with where it came from. */
export interface PolicyUnderTest {
  /** 'tenants.<id>' for a tenant of a sluice.yaml, else the preset id. */
  readonly label: string
  /** Tenant id the tests run as. */
  readonly tenant: string
  readonly policy: CompiledPolicy
  readonly tests: readonly PolicyTestCase[]
}

/** The policies in a file, and the configuration when the file was a sluice.yaml. */
export interface PolicySource {
  readonly policies: readonly PolicyUnderTest[]
  readonly config?: SluiceConfig
}

/** Reads the policies of a sluice.yaml (one per tenant) or of a preset-shaped file. */
export function readPolicySource(
  text: string,
  source: string,
  env: Readonly<Record<string, string | undefined>> = {},
): PolicySource {
  let raw: unknown
  try {
    raw = parse(text)
  } catch (error) {
    throw new ConfigError(source, [`YAML: ${(error as Error).message.split('\n')[0]}`])
  }
  if (typeof raw === 'object' && raw !== null && 'tenants' in raw)
    return fromConfig(parseConfig(text, { env, source }))
  const preset = parsePresetText(text, source)
  return {
    policies: [
      {
        label: preset.id,
        tenant: preset.id,
        policy: compilePolicy({}, { preset }),
        tests: preset.tests ?? [],
      },
    ],
  }
}

/** The policies of every tenant of a parsed configuration. */
export function fromConfig(config: SluiceConfig): PolicySource {
  const policies = Object.entries(config.tenants).map(([id, tenant]) => ({
    label: `tenants.${id}`,
    tenant: id,
    policy: compileTenantPolicy(config, tenant),
    tests: tenant.policy.tests ?? [],
  }))
  return { policies, config }
}
