// First match wins. Pure: the same policy and facts always give the same decision.
import type { EntityType } from '../detection/entity-type.ts'
import type { CompiledCondition, CompiledPolicy, CompiledRule } from './compile-policy.ts'
import type { Decision, RequestFacts } from './policy-types.ts'
import { riskLevels } from './policy-types.ts'

// What a response gets when no response rule matched: answers pass unless a rule says otherwise,
// because the policy default is about what may leave the organisation, not what comes back.
const responseAllowed: Decision = {
  action: 'allow',
  rule: 'default',
  notice: { ko: '응답이 전달되었습니다.', en: 'The response was delivered.' },
}

/**
 * Decides one request or response. Rules are tried in order; the first whose conditions hold decides.
 * A `warn` rule does not match a request that already carries a non-empty `warnReason` (the user has
 * resent with a reason), so evaluation continues with the rules after it. Requests no rule matched get
 * the policy default (a `warn` default turns into `allow` once a reason is given); responses no rule
 * matched are allowed with rule 'default'.
 */
export function evaluatePolicy(policy: CompiledPolicy, facts: RequestFacts): Decision {
  const resent = facts.warnReason !== undefined && facts.warnReason.trim() !== ''
  for (const rule of policy.rules) {
    if (rule.action === 'warn' && resent) continue
    for (const block of rule.blocks) {
      if (matches(block, facts, policy)) return decide(rule, block, facts)
    }
  }
  if (facts.direction === 'response') return responseAllowed
  const d = policy.default
  if (d.action === 'warn' && resent) {
    return {
      action: 'allow',
      rule: 'default',
      notice: { ko: '입력한 사유와 함께 허용되었습니다.', en: 'Allowed with the reason you gave.' },
    }
  }
  const decision: Decision = { action: d.action, rule: 'default', notice: d.notice }
  if (d.redactMode !== undefined) decision.redactMode = d.redactMode
  if (d.routeTo !== undefined) decision.routeTo = d.routeTo
  if (d.action === 'redact' || d.action === 'pseudonymise') {
    decision.transformTypes = detectedTypes(facts, policy.minScore, undefined)
  }
  return decision
}

function decide(rule: CompiledRule, block: CompiledCondition, facts: RequestFacts): Decision {
  const decision: Decision = { action: rule.action, rule: rule.id, notice: rule.notice }
  if (rule.redactMode !== undefined) decision.redactMode = rule.redactMode
  if (rule.routeTo !== undefined) decision.routeTo = rule.routeTo
  if (rule.action === 'redact' || rule.action === 'pseudonymise') {
    decision.transformTypes = detectedTypes(facts, block.minScore, block)
  }
  return decision
}

/** The detected types at or above `floor` — only those the block names, when it names data. */
function detectedTypes(
  facts: RequestFacts,
  floor: number,
  block: CompiledCondition | undefined,
): readonly EntityType[] {
  const namesData = block !== undefined && (block.types !== undefined || block.categories !== undefined)
  const out: EntityType[] = []
  for (const d of facts.detections) {
    if (d.maxScore < floor || out.includes(d.type)) continue
    if (namesData && !(block.types?.has(d.type) || block.categories?.has(d.category))) continue
    out.push(d.type)
  }
  return out
}

function matches(c: CompiledCondition, facts: RequestFacts, policy: CompiledPolicy): boolean {
  if (!(facts.direction === 'request' ? c.request : c.response)) return false
  if (c.tenants && !c.tenants.has(facts.tenant)) return false
  if (c.zones && (facts.zone === undefined || !c.zones.has(facts.zone))) return false
  if (c.users && (facts.user === undefined || !c.users.has(facts.user))) return false
  if (c.groups && !facts.groups.some((g) => c.groups?.has(g))) return false
  if (!matchesService(c, facts, policy)) return false
  if (c.destinationCountries && !facts.destinationCountries.some((x) => c.destinationCountries?.has(x))) {
    return false
  }
  if (
    c.notDestinationCountries &&
    !facts.destinationCountries.some((x) => !c.notDestinationCountries?.has(x))
  ) {
    return false
  }
  if (c.content && !c.content.some((kind) => facts.content[kind])) return false
  if (c.types && !facts.detections.some((d) => d.maxScore >= c.minScore && c.types?.has(d.type))) return false
  if (
    c.categories &&
    !facts.detections.some((d) => d.maxScore >= c.minScore && c.categories?.has(d.category))
  ) {
    return false
  }
  return true
}

function matchesService(c: CompiledCondition, facts: RequestFacts, policy: CompiledPolicy): boolean {
  const s = facts.service
  if (c.unknownService !== undefined && c.unknownService !== (s === undefined)) return false
  if (c.allowlisted !== undefined && c.allowlisted !== (s !== undefined && policy.allowlist.has(s.id))) {
    return false
  }
  // Every service attribute is unknown for a destination outside the catalog, so none holds.
  if (c.services && (s === undefined || !c.services.has(s.id))) return false
  if (c.operatorCountries && (s === undefined || !c.operatorCountries.has(s.operatorCountry))) return false
  if (c.minRisk !== undefined && (s === undefined || riskLevels.indexOf(s.risk) < c.minRisk)) return false
  if (c.training && (s === undefined || !c.training.has(s.trainingByDefault))) return false
  if (c.tiers && (s === undefined || !c.tiers.has(s.tier))) return false
  if (c.serviceKinds && (s === undefined || !c.serviceKinds.has(s.kind))) return false
  return true
}
