// The configuration Sluice runs with when no file is given (`npm start`). Written as YAML so it can be
// printed as a starting point and goes through exactly the same parsing as a user's file.
import { parseConfig } from './parse-config.ts'
import type { SluiceConfig } from './sluice-config-schema.ts'

/**
 * The embedded default: one tenant `default` under the kr-ministry preset with the OpenAI and
 * Anthropic API tiers allowlisted (contractually excluded from training), loopback clients in a
 * keyless `local` zone so the quick start needs no key, and every other address refused without a
 * key (there are no keys). Provider keys are read from the environment when a call is made; a
 * missing one is not a configuration error — that call fails with 502 and says which variable to set.
 */
export const defaultConfigYaml = `# sluice.yaml — the embedded default. Copy it, edit it, run 'sluice serve --config sluice.yaml'.
server:
  host: 127.0.0.1
  port: 8080
  dataDir: ./data

inspection:
  failMode: closed
  minScore: 0.5
  responses: true

upstreams:
  openai:
    kind: openai
    baseUrl: https://api.openai.com/v1
    apiKeyEnv: OPENAI_API_KEY
    service: openai-api
  anthropic:
    kind: anthropic
    baseUrl: https://api.anthropic.com
    apiKeyEnv: ANTHROPIC_API_KEY
    service: anthropic-api
  deepseek:
    kind: openai-compatible
    baseUrl: https://api.deepseek.com
    apiKeyEnv: DEEPSEEK_API_KEY
    service: deepseek

models:
  - { match: 'gpt-*', upstream: openai }
  - { match: 'chatgpt-*', upstream: openai }
  # The o-series by prefix (o1, o3, o4-mini, …); a bare 'o*' would also catch other vendors' models.
  - { match: 'o1*', upstream: openai }
  - { match: 'o3*', upstream: openai }
  - { match: 'o4*', upstream: openai }
  - { match: 'text-embedding-*', upstream: openai }
  - { match: 'claude-*', upstream: anthropic }
  - { match: 'deepseek-*', upstream: deepseek }

tenants:
  default:
    name: Default tenant
    policy:
      preset: kr-ministry
      # kr-ministry allows only allowlisted services; a ministry lists each with its security review
      # reference: { service: openai-api, reviewRef: NIS-… }.
      allowlist: [openai-api, anthropic-api]

# Virtual API keys, stored hashed: 'printf %s "$KEY" | sluice config hash-key' prints the hash line.
keys: []

zones:
  # Loopback clients need no key, so the quick start works as printed; every other client needs one.
  - id: local
    cidrs: [127.0.0.0/8, '::1/128', '::ffff:127.0.0.0/104']
    tenant: default
    keyless: true
`

/** The embedded default configuration, with SLUICE_* environment overrides applied. */
export function defaultConfig(env: Readonly<Record<string, string | undefined>> = {}): SluiceConfig {
  return parseConfig(defaultConfigYaml, { env, source: 'the embedded default configuration' })
}
