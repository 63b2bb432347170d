// `opa test` for Sluice policies: each case describes a request by ids and type names and states the
// decision it must get. Service attributes come from the catalog through a lookup, so a test reads
// "a request to deepseek" and still exercises the operator-country and training conditions.
import { categoryOfType } from '../detection/entity-type.ts'
import type { CompiledPolicy } from './compile-policy.ts'
import { evaluatePolicy } from './evaluate-policy.ts'
import type { PolicyTestCase } from './policy-schema.ts'
import type { Decision, DetectionSummary, RequestFacts, ServiceFacts } from './policy-types.ts'

/** The outcome of one test case. */
export interface PolicyTestResult {
  readonly name: string
  readonly passed: boolean
  /** Why it failed: what was expected and what came out. */
  readonly message?: string
  /** The decision the policy made (absent when the case could not be run). */
  readonly decision?: Decision
}

/** What the test runner needs besides the policy. */
export interface PolicyTestOptions {
  /** The tenant the policy belongs to (a case's `request.tenant` defaults to it). */
  readonly tenant: string
  /** Catalog lookup: the attributes of a service id, or undefined when the catalog has no such id. */
  readonly serviceFacts: (id: string) => ServiceFacts | undefined
}

/** Runs every case against the policy, in order. */
export function runPolicyTests(
  policy: CompiledPolicy,
  cases: readonly PolicyTestCase[],
  options: PolicyTestOptions,
): PolicyTestResult[] {
  return cases.map((c) => runCase(policy, c, options))
}

function runCase(policy: CompiledPolicy, c: PolicyTestCase, options: PolicyTestOptions): PolicyTestResult {
  const built = buildFacts(c, options)
  if (typeof built === 'string') return { name: c.name, passed: false, message: built }
  const effective =
    c.allowlist === undefined
      ? policy
      : { ...policy, allowlist: new Set(c.allowlist.map((e) => (typeof e === 'string' ? e : e.service))) }
  const decision = evaluatePolicy(effective, built)
  const problems = compare(c.expect, decision)
  return problems.length === 0
    ? { name: c.name, passed: true, decision }
    : { name: c.name, passed: false, decision, message: problems.join('; ') }
}

/** Turns a case's request into the facts the gateway would build, or says why it cannot. */
export function buildFacts(c: PolicyTestCase, options: PolicyTestOptions): RequestFacts | string {
  const r = c.request
  let service: ServiceFacts | undefined
  if (r.service !== undefined) {
    service = options.serviceFacts(r.service)
    if (service === undefined) {
      return `service '${r.service}' is not in the catalog (leave 'service' out to test an unknown destination)`
    }
  }
  const detections: DetectionSummary[] = (r.detections ?? []).map((d) => {
    const type = typeof d === 'string' ? d : d.type
    const score = typeof d === 'string' ? 1 : (d.score ?? 1)
    const count = typeof d === 'string' ? 1 : (d.count ?? 1)
    return { type, category: categoryOfType[type], maxScore: score, count }
  })
  const content = new Set(r.content ?? [])
  const facts: RequestFacts = {
    tenant: r.tenant ?? options.tenant,
    groups: r.groups ?? [],
    destinationCountries: r.destinationCountries ?? (service === undefined ? [] : [service.operatorCountry]),
    detections,
    content: { files: content.has('files'), images: content.has('images'), audio: content.has('audio') },
    direction: r.direction ?? 'request',
  }
  if (r.zone !== undefined) facts.zone = r.zone
  if (r.user !== undefined) facts.user = r.user
  if (service !== undefined) facts.service = service
  if (r.warnReason !== undefined) facts.warnReason = r.warnReason
  return facts
}

function compare(expect: PolicyTestCase['expect'], got: Decision): string[] {
  const problems: string[] = []
  const said = `${got.action} by ${got.rule}`
  if (expect.action !== got.action || (expect.rule !== undefined && expect.rule !== got.rule)) {
    problems.push(
      `expected ${expect.action}${expect.rule === undefined ? '' : ` by ${expect.rule}`}, got ${said}`,
    )
  }
  if (expect.redactMode !== undefined && expect.redactMode !== got.redactMode) {
    problems.push(`expected redactMode ${expect.redactMode}, got ${got.redactMode ?? 'none'}`)
  }
  if (expect.routeTo !== undefined && expect.routeTo !== got.routeTo) {
    problems.push(`expected routeTo ${expect.routeTo}, got ${got.routeTo ?? 'none'}`)
  }
  if (expect.transformTypes !== undefined) {
    const want = [...expect.transformTypes].sort().join(',')
    const have = [...(got.transformTypes ?? [])].sort().join(',')
    if (want !== have) problems.push(`expected transformTypes [${want}], got [${have}]`)
  }
  return problems
}
