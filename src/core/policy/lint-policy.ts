// Static checks of a compiled policy: mistakes that the schema cannot see because they depend on the
// order of rules or on what the catalog and the upstreams are.
import { categoryOfType } from '../detection/entity-type.ts'
import type { CompiledCondition, CompiledPolicy, CompiledRule } from './compile-policy.ts'

/** One problem found by {@link lintPolicy}. Errors make `sluice policy lint` fail; warnings do not. */
export interface LintFinding {
  readonly severity: 'error' | 'warning'
  /** The rule concerned ('default' or 'allowlist' for those), when there is one. */
  readonly rule?: string
  /** Where the rule comes from: 'tenant' or a preset id. */
  readonly source?: string
  readonly message: string
}

/** What the linter checks names against. */
export interface LintContext {
  readonly knownServices: ReadonlySet<string>
  readonly knownUpstreams: ReadonlySet<string>
  /** Zone ids defined in the config; zones named in the tenant's own rules are checked against it when given. */
  readonly knownZones?: ReadonlySet<string>
}

/**
 * Finds duplicate rule ids, rules no request can reach (an earlier rule matches everything they
 * match), service ids the catalog does not know, routes to unknown upstreams, unknown zones, and
 * allowlist entries without the security review reference a preset asks for.
 */
export function lintPolicy(policy: CompiledPolicy, context: LintContext): LintFinding[] {
  const findings: LintFinding[] = []
  const seen = new Map<string, CompiledRule>()
  policy.rules.forEach((rule, i) => {
    const at = { rule: rule.id, source: rule.source }
    const first = seen.get(rule.id)
    if (first) {
      findings.push({
        severity: 'error',
        ...at,
        message: `duplicate rule id '${rule.id}' (also from ${first.source})`,
      })
    } else {
      seen.set(rule.id, rule)
    }
    const shadow = policy.rules.slice(0, i).find((earlier) => covers(earlier, rule))
    if (shadow) {
      findings.push({
        // A tenant rule placed before a preset rule is how a tenant overrides its preset: worth
        // saying, not an error. Anything else that can never match is a mistake.
        severity: shadow.source !== rule.source && rule.source !== 'tenant' ? 'warning' : 'error',
        ...at,
        message: `unreachable: rule '${shadow.id}' (${shadow.source}) before it matches everything it matches`,
      })
    }
    for (const block of rule.blocks) {
      for (const service of block.services ?? []) {
        if (!context.knownServices.has(service)) {
          findings.push({
            severity: 'error',
            ...at,
            message: `unknown service '${service}' (not in the catalog)`,
          })
        }
      }
      if (context.knownZones && rule.source === 'tenant') {
        for (const zone of block.zones ?? []) {
          if (!context.knownZones.has(zone)) {
            findings.push({ severity: 'warning', ...at, message: `zone '${zone}' is not defined in zones` })
          }
        }
      }
    }
    if (rule.routeTo !== undefined && !context.knownUpstreams.has(rule.routeTo)) {
      findings.push({ severity: 'error', ...at, message: `routes to unknown upstream '${rule.routeTo}'` })
    }
  })
  if (policy.default.routeTo !== undefined && !context.knownUpstreams.has(policy.default.routeTo)) {
    findings.push({
      severity: 'error',
      rule: 'default',
      message: `routes to unknown upstream '${policy.default.routeTo}'`,
    })
  }
  for (const entry of policy.allowlistEntries) {
    if (!context.knownServices.has(entry.service)) {
      findings.push({
        severity: 'error',
        rule: 'allowlist',
        message: `unknown service '${entry.service}' (not in the catalog)`,
      })
    }
    if (policy.requireReviewRef && entry.reviewRef === undefined) {
      findings.push({
        severity: 'warning',
        rule: 'allowlist',
        message: `'${entry.service}' has no reviewRef: ${policy.preset ?? 'this policy'} allowlists only services with a security review (NIS 보안성 검토) on record`,
      })
    }
  }
  return findings
}

/** True when `earlier` matches every request `later` matches, so `later` never decides. */
function covers(earlier: CompiledRule, later: CompiledRule): boolean {
  // A warn rule steps aside once the user gives a reason; only another warn rule is hidden behind it.
  if (earlier.action === 'warn' && later.action !== 'warn') return false
  return later.blocks.every((b) => earlier.blocks.some((a) => blockCovers(a, b)))
}

type SetKey =
  | 'tenants'
  | 'zones'
  | 'groups'
  | 'users'
  | 'services'
  | 'operatorCountries'
  | 'training'
  | 'tiers'
const setKeys: readonly (SetKey | 'serviceKinds' | 'destinationCountries')[] = [
  'tenants',
  'zones',
  'groups',
  'users',
  'services',
  'operatorCountries',
  'training',
  'tiers',
  'serviceKinds',
  'destinationCountries',
]

// Each field of `a` must be at least as loose as the same field of `b`. Conservative: when unsure
// (fields that interact), it answers false, so a finding is always a real one.
function blockCovers(a: CompiledCondition, b: CompiledCondition): boolean {
  if ((b.request && !a.request) || (b.response && !a.response)) return false
  for (const key of setKeys) {
    const wide = a[key] as ReadonlySet<string> | undefined
    if (wide === undefined) continue
    const narrow = b[key] as ReadonlySet<string> | undefined
    if (narrow === undefined || ![...narrow].every((x) => wide.has(x))) return false
  }
  if (a.allowlisted !== undefined && a.allowlisted !== b.allowlisted) return false
  if (a.unknownService !== undefined && a.unknownService !== b.unknownService) return false
  if (a.minRisk !== undefined && (b.minRisk === undefined || b.minRisk < a.minRisk)) return false
  if (a.notDestinationCountries) {
    const bNot = b.notDestinationCountries
    if (bNot === undefined || ![...a.notDestinationCountries].every((x) => bNot.has(x))) return false
  }
  if (a.content && (b.content === undefined || !b.content.every((k) => a.content?.includes(k)))) return false
  if (a.types || a.categories) {
    if (b.minScore < a.minScore) return false
    // b holds only when all its data conditions hold, so one of them implying a's is enough.
    if (a.types && !(b.types && [...b.types].every((t) => a.types?.has(t)))) return false
    if (a.categories) {
      const viaTypes =
        b.types !== undefined && [...b.types].every((t) => a.categories?.has(categoryOfType[t]))
      const viaCategories = b.categories !== undefined && [...b.categories].every((c) => a.categories?.has(c))
      if (!viaTypes && !viaCategories) return false
    }
  }
  return true
}
