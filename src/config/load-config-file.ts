import { readFile } from 'node:fs/promises'
import { defaultConfig } from './default-config.ts'
import { parseConfig } from './parse-config.ts'
import type { SluiceConfig, UpstreamConfig } from './sluice-config-schema.ts'

/**
 * Loads the configuration: the file when one is given, else the embedded default. Environment
 * overrides apply to both. Throws ConfigError for an invalid file and the fs error for a missing one.
 */
export async function loadConfig(
  file: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Promise<SluiceConfig> {
  if (file === undefined) return defaultConfig(env)
  return parseConfig(await readFile(file, 'utf8'), { env, source: file })
}

/**
 * The provider key Sluice holds for an upstream: `apiKey` as written (after `${VAR}` expansion) or the
 * current value of `apiKeyEnv`. Undefined when there is none (the gateway answers 502 naming the variable).
 */
export function upstreamApiKey(
  upstream: UpstreamConfig,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  if (upstream.apiKey !== undefined) return upstream.apiKey
  if (upstream.apiKeyEnv === undefined) return undefined
  const value = env[upstream.apiKeyEnv]
  return value === undefined || value === '' ? undefined : value
}
