// sluice.yaml text → a validated, frozen SluiceConfig. Order: YAML syntax, `${VAR}` expansion,
// SLUICE_* environment overrides, schema with cross-references, preset rule-id clashes. Every problem
// found is reported at once in one ConfigError.
import { parseDocument } from 'yaml'
import { deepFreeze } from '../core/catalog/catalog-schema.ts'
import { formatIssues } from '../core/policy/format-issues.ts'
import { ConfigError } from './config-error.ts'
import { expandEnv } from './expand-env.ts'
import { loadPreset } from './presets.ts'
import { type SluiceConfig, sluiceConfigSchema } from './sluice-config-schema.ts'

/** Options of {@link parseConfig}. */
export interface ParseConfigOptions {
  /** Environment for `${VAR}` expansion and SLUICE_* overrides (default: none). */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Name of the file for messages (default 'sluice.yaml'). */
  readonly source?: string
}

/**
 * Parses and validates sluice.yaml. Precedence of settings: CLI flags (applied by the caller) >
 * environment (SLUICE_HOST, SLUICE_PORT, SLUICE_DATA_DIR, SLUICE_FAIL_MODE, SLUICE_MIN_SCORE,
 * SLUICE_STORAGE_URL) > the file > defaults. Throws a {@link ConfigError} listing every problem as 'path: message'.
 */
export function parseConfig(yamlText: string, options: ParseConfigOptions = {}): SluiceConfig {
  const env = options.env ?? {}
  const source = options.source ?? 'sluice.yaml'
  const doc = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true })
  if (doc.errors.length > 0) {
    throw new ConfigError(
      source,
      doc.errors.map((e) => {
        const at = e.linePos?.[0]
        return `${at ? `line ${at.line}, column ${at.col}` : 'YAML'}: ${e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`
      }),
    )
  }
  let raw: unknown
  try {
    // A low alias limit defuses "billion laughs" documents.
    raw = doc.toJS({ maxAliasCount: 100 }) ?? {}
  } catch (error) {
    throw new ConfigError(source, [`YAML: ${(error as Error).message}`])
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(source, ['(top): the file must be a mapping (server:, tenants:, …)'])
  }
  const problems: string[] = []
  const expanded = expandEnv(raw, env, problems) as Record<string, unknown>
  applyEnvOverrides(expanded, env, problems)
  if (problems.length > 0) throw new ConfigError(source, problems)

  const parsed = sluiceConfigSchema.safeParse(expanded)
  if (!parsed.success) {
    throw new ConfigError(source, formatIssues(parsed.error.issues))
  }
  const config = parsed.data
  for (const [tenantId, tenant] of Object.entries(config.tenants)) {
    if (tenant.policy.preset === undefined) continue
    const presetRules = new Set(loadPreset(tenant.policy.preset).rules.map((r) => r.id))
    ;(tenant.policy.rules ?? []).forEach((rule, i) => {
      if (presetRules.has(rule.id)) {
        problems.push(
          `tenants.${tenantId}.policy.rules.${i}.id: '${rule.id}' is already a rule of preset ${tenant.policy.preset}; pick another id`,
        )
      }
    })
  }
  if (problems.length > 0) throw new ConfigError(source, problems)
  return deepFreeze(config)
}

function section(raw: Record<string, unknown>, name: string): Record<string, unknown> {
  const existing = raw[name]
  if (typeof existing === 'object' && existing !== null && !Array.isArray(existing)) {
    return existing as Record<string, unknown>
  }
  // Leave a wrong-typed section for the schema to report; overrides then have nowhere to go.
  if (existing !== undefined) return {}
  const created: Record<string, unknown> = {}
  raw[name] = created
  return created
}

function applyEnvOverrides(
  raw: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
  problems: string[],
): void {
  const value = (name: string) => {
    const v = env[name]
    return v === undefined || v === '' ? undefined : v
  }
  const host = value('SLUICE_HOST')
  if (host !== undefined) section(raw, 'server').host = host
  const port = value('SLUICE_PORT')
  if (port !== undefined) {
    if (/^\d{1,5}$/.test(port) && Number(port) <= 65535) section(raw, 'server').port = Number(port)
    else problems.push(`SLUICE_PORT: '${port}' is not a port number (0-65535)`)
  }
  const dataDir = value('SLUICE_DATA_DIR')
  if (dataDir !== undefined) section(raw, 'server').dataDir = dataDir
  const failMode = value('SLUICE_FAIL_MODE')
  if (failMode !== undefined) {
    if (failMode === 'closed' || failMode === 'open') section(raw, 'inspection').failMode = failMode
    else problems.push(`SLUICE_FAIL_MODE: '${failMode}' must be closed or open`)
  }
  // A storage URL alone means PostgreSQL (the only kind with a URL), unless the file says otherwise.
  const storageUrl = value('SLUICE_STORAGE_URL')
  if (storageUrl !== undefined) {
    const storage = section(raw, 'storage')
    storage.url = storageUrl
    storage.kind ??= 'postgres'
  }
  const minScore = value('SLUICE_MIN_SCORE')
  if (minScore !== undefined) {
    const n = Number(minScore)
    if (Number.isFinite(n) && n >= 0 && n <= 1) section(raw, 'inspection').minScore = n
    else problems.push(`SLUICE_MIN_SCORE: '${minScore}' must be a number from 0 to 1`)
  }
}
