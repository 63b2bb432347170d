// Turns a policy as written (YAML rules, maybe on top of a preset) into a form that is cheap to
// evaluate per request: lists become sets, risk levels become numbers, defaults are filled in.
import { defaultMinScore } from '../detection/create-engine.ts'
import type { DataCategory, EntityType } from '../detection/entity-type.ts'
import { defaultNotice } from './default-notice.ts'
import type {
  AllowlistEntry,
  Condition,
  DefaultDecision,
  PolicySpec,
  PresetFile,
  Rule,
} from './policy-schema.ts'
import type { Action, ContentKind, Notice, RedactMode } from './policy-types.ts'
import { riskLevels } from './policy-types.ts'

/** One condition block with its lists as sets. Absent fields do not constrain. */
export interface CompiledCondition {
  readonly tenants?: ReadonlySet<string>
  readonly zones?: ReadonlySet<string>
  readonly groups?: ReadonlySet<string>
  readonly users?: ReadonlySet<string>
  readonly services?: ReadonlySet<string>
  readonly allowlisted?: boolean
  readonly unknownService?: boolean
  readonly operatorCountries?: ReadonlySet<string>
  /** Position in {@link riskLevels}. */
  readonly minRisk?: number
  readonly training?: ReadonlySet<string>
  readonly tiers?: ReadonlySet<string>
  readonly serviceKinds?: ReadonlySet<string>
  readonly types?: ReadonlySet<EntityType>
  readonly categories?: ReadonlySet<DataCategory>
  /** Score floor for types and categories (and for the types a transform applies to). */
  readonly minScore: number
  readonly destinationCountries?: ReadonlySet<string>
  readonly notDestinationCountries?: ReadonlySet<string>
  readonly content?: readonly ContentKind[]
  readonly request: boolean
  readonly response: boolean
}

/** A rule ready to evaluate. */
export interface CompiledRule {
  readonly id: string
  /** 'tenant' for the tenant's own rules, else the preset id the rule came from. */
  readonly source: string
  /** Position in the source's rule list (for messages that point into the YAML). */
  readonly index: number
  /** Any block matching makes the rule match. */
  readonly blocks: readonly CompiledCondition[]
  readonly action: Action
  readonly notice: Notice
  readonly redactMode?: RedactMode
  readonly routeTo?: string
  readonly basis?: string
  /** The conditions as written, for lint messages and tools that show the rule. */
  readonly written: readonly Condition[]
}

/** The decision for requests no rule matched. */
export interface CompiledDefault {
  readonly action: Action
  readonly notice: Notice
  readonly redactMode?: RedactMode
  readonly routeTo?: string
}

/** A policy ready for {@link evaluatePolicy}. Build with {@link compilePolicy}. */
export interface CompiledPolicy {
  readonly rules: readonly CompiledRule[]
  readonly default: CompiledDefault
  readonly allowlist: ReadonlySet<string>
  readonly allowlistEntries: readonly { readonly service: string; readonly reviewRef?: string }[]
  /** The preset the policy builds on, if any. */
  readonly preset?: string
  /** Whether the preset asks for a security review reference on each allowlist entry. */
  readonly requireReviewRef: boolean
  /** Score floor for rules that set none. */
  readonly minScore: number
  /** Whether any rule judges answers: without one, answers need restoring but not inspecting. */
  readonly judgesResponses: boolean
}

/** Options of {@link compilePolicy}. */
export interface CompilePolicyOptions {
  /** A preset whose rules follow the policy's own and whose default and allowlist apply unless the policy sets its own. */
  readonly preset?: PresetFile
  /** Score floor for rules without `minScore` (default: the detection engine's default, 0.5). */
  readonly minScore?: number
  /** Overrides the allowlist (policy tests evaluate "as if" with another list). */
  readonly allowlist?: readonly AllowlistEntry[]
}

// Fail closed: a policy with neither its own default nor a preset's blocks what no rule allows.
const fallbackDefault: CompiledDefault = {
  action: 'block',
  notice: {
    ko: '이 요청을 허용하는 정책 규칙이 없어 차단되었습니다. 보안담당자에게 문의하세요.',
    en: 'Blocked: no policy rule allows this request. Contact your security officer.',
  },
}

/** Compiles a policy (and the preset under it) for evaluation. Pure; the result is frozen. */
export function compilePolicy(spec: PolicySpec, options: CompilePolicyOptions = {}): CompiledPolicy {
  const floor = options.minScore ?? defaultMinScore
  const preset = options.preset
  const rules = [
    ...(spec.rules ?? []).map((rule, index) => compileRule(rule, 'tenant', index, floor)),
    ...(preset?.rules ?? []).map((rule, index) => compileRule(rule, preset?.id ?? 'preset', index, floor)),
  ]
  const written = spec.default ?? preset?.default
  const entries = (options.allowlist ?? spec.allowlist ?? preset?.allowlist ?? []).map(normaliseEntry)
  return Object.freeze({
    rules: Object.freeze(rules),
    default: written === undefined ? fallbackDefault : compileDefault(written),
    allowlist: new Set(entries.map((e) => e.service)),
    allowlistEntries: Object.freeze(entries),
    ...(preset === undefined ? {} : { preset: preset.id }),
    requireReviewRef: preset?.requireReviewRef === true,
    minScore: floor,
    judgesResponses: rules.some((rule) => rule.blocks.some((block) => block.response)),
  })
}

function normaliseEntry(entry: AllowlistEntry): { service: string; reviewRef?: string } {
  if (typeof entry === 'string') return { service: entry }
  return entry.reviewRef === undefined
    ? { service: entry.service }
    : { service: entry.service, reviewRef: entry.reviewRef }
}

function compileDefault(d: DefaultDecision): CompiledDefault {
  return {
    action: d.action,
    notice: d.notice ?? defaultNotice(d.action, 'default', d.routeTo),
    ...(d.action === 'redact' ? { redactMode: d.redactMode ?? 'mask' } : {}),
    ...(d.routeTo === undefined ? {} : { routeTo: d.routeTo }),
  }
}

function compileRule(rule: Rule, source: string, index: number, floor: number): CompiledRule {
  const written = rule.when === undefined ? [] : Array.isArray(rule.when) ? rule.when : [rule.when]
  // An absent `when` is one empty block: it matches every request (and, like any block without
  // `direction`, no response).
  const blocks = (written.length === 0 ? [{}] : written).map((c) => compileCondition(c, floor))
  return Object.freeze({
    id: rule.id,
    source,
    index,
    blocks: Object.freeze(blocks),
    action: rule.action,
    notice: rule.notice ?? defaultNotice(rule.action, rule.id, rule.routeTo),
    ...(rule.action === 'redact' ? { redactMode: rule.redactMode ?? 'mask' } : {}),
    ...(rule.routeTo === undefined ? {} : { routeTo: rule.routeTo }),
    ...(rule.basis === undefined ? {} : { basis: rule.basis }),
    written: Object.freeze(written),
  })
}

const set = <T extends string>(list: readonly T[] | undefined): ReadonlySet<T> | undefined =>
  list === undefined ? undefined : new Set(list)

function compileCondition(c: Condition, floor: number): CompiledCondition {
  const direction = c.direction ?? 'request'
  const compiled: Record<string, unknown> = {
    tenants: set(c.tenants),
    zones: set(c.zones),
    groups: set(c.groups),
    users: set(c.users),
    services: set(c.services),
    allowlisted: c.allowlisted,
    unknownService: c.unknownService,
    operatorCountries: set(c.operatorCountries),
    minRisk: c.minRisk === undefined ? undefined : riskLevels.indexOf(c.minRisk),
    training: set(c.training),
    tiers: set(c.tiers),
    serviceKinds: set(c.serviceKinds),
    types: set(c.types),
    categories: set(c.categories),
    minScore: c.minScore ?? floor,
    destinationCountries: set(c.destinationCountries),
    notDestinationCountries: set(c.notDestinationCountries),
    content: c.content,
    request: direction !== 'response',
    response: direction !== 'request',
  }
  // exactOptionalPropertyTypes: leave absent fields out rather than set them to undefined.
  for (const key of Object.keys(compiled)) if (compiled[key] === undefined) delete compiled[key]
  return Object.freeze(compiled as unknown as CompiledCondition)
}
