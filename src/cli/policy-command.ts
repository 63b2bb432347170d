import { parseArgs } from 'node:util'
import { isConfigError } from '../config/config-error.ts'
import { defaultConfig } from '../config/default-config.ts'
import { fromConfig, type PolicySource, readPolicySource } from '../config/policy-source.ts'
import { type LintFinding, lintPolicy } from '../core/policy/lint-policy.ts'
import { runPolicyTests } from '../core/policy/policy-tests.ts'
import type { ConfigCommandDeps } from './config-command.ts'
import { UsageError } from './usage-error.ts'

/** Help text of `sluice policy`. */
export const policyUsage = `usage: sluice policy <command>
  test FILE                     run the test cases written beside the rules (tests: in a sluice.yaml
                                tenant policy, or in a preset-shaped file); exit 1 when one fails
  lint [--config FILE | FILE]   find unreachable rules, duplicate ids, unknown services, upstreams and
                                zones (default: the embedded configuration); exit 1 on an error
`

/** What `sluice policy` needs: the same as `sluice config`. */
export type PolicyCommandDeps = ConfigCommandDeps

/** Runs `sluice policy …`; resolves to the exit code. */
export async function runPolicyCommand(argv: readonly string[], deps: PolicyCommandDeps): Promise<number> {
  const [sub, ...rest] = argv
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  })
  if (values.help || sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    deps.write(policyUsage)
    return 0
  }
  if (positionals.length > 1) throw new UsageError(`one FILE at a time (got ${positionals.length})`)
  const file = values.config ?? positionals[0]
  if (values.config !== undefined && positionals[0] !== undefined)
    throw new UsageError('give --config FILE or FILE, not both')
  switch (sub) {
    case 'test':
      if (file === undefined)
        throw new UsageError('policy test needs a FILE (a sluice.yaml or a preset file)')
      return test(file, deps)
    case 'lint':
      return lint(file, deps)
    default:
      throw new UsageError(`unknown policy command '${sub}'; run 'sluice policy --help'`)
  }
}

async function load(file: string | undefined, deps: PolicyCommandDeps): Promise<PolicySource | undefined> {
  try {
    if (file === undefined) return fromConfig(defaultConfig(deps.env))
    return readPolicySource(await deps.readFile(file), file, deps.env)
  } catch (error) {
    if (!isConfigError(error)) throw error
    deps.write(
      `${file ?? 'the embedded default configuration'}: invalid\n${error.problems.map((p) => `  ${p}`).join('\n')}\n`,
    )
    return undefined
  }
}

async function test(file: string, deps: PolicyCommandDeps): Promise<number> {
  const source = await load(file, deps)
  if (!source) return 1
  let passed = 0
  let total = 0
  for (const unit of source.policies) {
    const results = runPolicyTests(unit.policy, unit.tests, {
      tenant: unit.tenant,
      serviceFacts: deps.serviceFacts,
    })
    for (const r of results) {
      total++
      if (r.passed) {
        passed++
        deps.write(`ok    ${unit.label}: ${r.name}\n`)
      } else {
        deps.write(`FAIL  ${unit.label}: ${r.name}\n        ${r.message ?? ''}\n`)
      }
    }
  }
  if (total === 0) {
    deps.write(`${file}: no test cases (add 'tests:' beside the rules)\n`)
    return 1
  }
  deps.write(`${'-'.repeat(60)}\n${passed === total ? 'PASS' : 'FAIL'}: ${passed}/${total}\n`)
  return passed === total ? 0 : 1
}

async function lint(file: string | undefined, deps: PolicyCommandDeps): Promise<number> {
  const source = await load(file, deps)
  if (!source) return 1
  const findings = lintSource(source, deps.knownServices)
  deps.write(
    findings.length === 0
      ? `${file ?? 'the embedded default configuration'}: no findings\n`
      : formatFindings(findings),
  )
  return findings.some((f) => f.severity === 'error') ? 1 : 0
}

/** A finding with the policy (or config section) it was found in. */
export interface LocatedFinding extends LintFinding {
  readonly where: string
}

/** Lints every policy of a source, plus the catalog ids its upstreams name. */
export function lintSource(source: PolicySource, knownServices: ReadonlySet<string>): LocatedFinding[] {
  const config = source.config
  // Services the config adds to the catalog are as known as the built-in ones (and removed ones are not).
  const removed = new Set(config?.catalog?.remove ?? [])
  knownServices = new Set([
    ...[...knownServices].filter((id) => !removed.has(id)),
    ...(config?.catalog?.add ?? []).map((e) => e.id),
  ])
  const knownUpstreams = new Set(config === undefined ? [] : Object.keys(config.upstreams))
  const knownZones = config === undefined ? undefined : new Set(config.zones.map((z) => z.id))
  const findings: LocatedFinding[] = []
  for (const unit of source.policies) {
    const context = { knownServices, knownUpstreams, ...(knownZones === undefined ? {} : { knownZones }) }
    for (const f of lintPolicy(unit.policy, context)) findings.push({ ...f, where: unit.label })
  }
  for (const [id, upstream] of Object.entries(config?.upstreams ?? {})) {
    if (upstream.service !== undefined && !knownServices.has(upstream.service)) {
      findings.push({
        severity: 'error',
        where: `upstreams.${id}`,
        message: `unknown service '${upstream.service}' (not in the catalog)`,
      })
    }
  }
  return findings
}

/** One line per finding: severity, where, rule, message. */
export function formatFindings(findings: readonly LocatedFinding[]): string {
  return findings
    .map((f) => {
      const rule =
        f.rule === undefined
          ? ''
          : ` ${f.rule}${f.source !== undefined && f.source !== 'tenant' ? ` (${f.source})` : ''}`
      return `${f.severity.padEnd(7)} ${f.where}${rule}: ${f.message}\n`
    })
    .join('')
}
