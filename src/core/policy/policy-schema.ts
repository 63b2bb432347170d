// The shape of policy rules as people write them in YAML (sluice.yaml and the preset files). Kept in
// the core because compiling and testing policies is pure logic; the config layer embeds these pieces
// in the schema of the whole file.
import { z } from 'zod'
import { dataCategories, entityTypes } from '../detection/entity-type.ts'
import { actions, contentKinds, redactModes, riskLevels, serviceKinds, trainingUses } from './policy-types.ts'

const country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code in capitals, e.g. KR')
  .describe('ISO 3166-1 alpha-2 country code')

const ids = (what: string) => z.array(z.string().min(1)).min(1).describe(`any of these ${what}`)

/** A user-facing message in Korean and English. */
export const noticeSchema = z
  .object({
    ko: z.string().min(1).describe('Korean text shown to the user'),
    en: z.string().min(1).describe('English text shown to the user'),
  })
  .strict()

/** Where a rule looks: requests (the default), responses, or both. */
export const ruleDirections = ['request', 'response', 'both'] as const

/** One of {@link ruleDirections}. */
export type RuleDirection = (typeof ruleDirections)[number]

/**
 * Conditions of a rule. Every field given must hold; a list holds when any of its items does.
 * Service attributes never hold for a destination that is not in the catalog.
 */
export const conditionSchema = z
  .object({
    tenants: ids('tenant ids').optional(),
    zones: ids('network zone ids').optional(),
    groups: ids('groups (the subject is in at least one)').optional(),
    users: ids('user ids').optional(),
    services: ids('catalog service ids').optional(),
    allowlisted: z
      .boolean()
      .optional()
      .describe("true: the service is on the policy's allowlist; false: it is not (or not in the catalog)"),
    unknownService: z
      .boolean()
      .optional()
      .describe('true: the destination is not in the catalog; false: it is'),
    operatorCountries: z
      .array(country)
      .min(1)
      .optional()
      .describe("the service operator's country is one of these"),
    minRisk: z.enum(riskLevels).optional().describe("the service's catalog risk is at least this"),
    training: z
      .array(z.enum(trainingUses))
      .min(1)
      .optional()
      .describe('the service trains on user content by default: one of these values'),
    tiers: ids('service tiers').optional(),
    serviceKinds: z
      .array(z.enum(serviceKinds))
      .min(1)
      .optional()
      .describe('the service is one of these kinds'),
    types: z
      .array(z.enum(entityTypes))
      .min(1)
      .optional()
      .describe('any of these entity types was detected with a score of at least minScore'),
    categories: z
      .array(z.enum(dataCategories))
      .min(1)
      .optional()
      .describe('data of any of these categories was detected with a score of at least minScore'),
    minScore: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('score floor for types and categories (default: inspection.minScore, else 0.5)'),
    destinationCountries: z
      .array(country)
      .min(1)
      .optional()
      .describe('any recipient is in one of these countries'),
    notDestinationCountries: z
      .array(country)
      .min(1)
      .optional()
      .describe('any recipient is outside all of these countries (e.g. [KR]: data leaves Korea)'),
    content: z
      .array(z.enum(contentKinds))
      .min(1)
      .optional()
      .describe('the request carries any of these kinds of non-text content'),
    direction: z
      .enum(ruleDirections)
      .optional()
      .describe('request (default), response (inspect answers) or both'),
  })
  .strict()

/** Parsed conditions of a rule. */
export type Condition = z.infer<typeof conditionSchema>

const ruleId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash or underscore')
  .refine((id) => id !== 'default', "'default' names the policy default; pick another rule id")

const decisionFields = {
  action: z.enum(actions),
  notice: noticeSchema.optional().describe('shown to the user; required for block and warn'),
  redactMode: z.enum(redactModes).optional().describe('for redact: mask (default), tag or hash'),
  routeTo: z.string().min(1).optional().describe('for route: the upstream id'),
}

type DecisionFields = {
  action: (typeof actions)[number]
  notice?: unknown
  redactMode?: unknown
  routeTo?: unknown
}

function checkDecisionFields(value: DecisionFields, ctx: z.RefinementCtx): void {
  if ((value.action === 'block' || value.action === 'warn') && value.notice === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['notice'],
      message: `a ${value.action} needs a notice in Korean and English`,
    })
  }
  if (value.action === 'route' && value.routeTo === undefined) {
    ctx.addIssue({ code: 'custom', path: ['routeTo'], message: 'route needs routeTo (an upstream id)' })
  }
  if (value.action !== 'route' && value.routeTo !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['routeTo'], message: 'routeTo is only for action route' })
  }
  if (value.action !== 'redact' && value.redactMode !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['redactMode'], message: 'redactMode is only for action redact' })
  }
}

// Actions that cannot apply to an answer: nobody can resend a response with a reason, a response
// cannot be re-routed, and pseudonyms are made for requests and restored in responses.
const requestOnlyActions: ReadonlySet<string> = new Set(['warn', 'route', 'pseudonymise'])

/** One rule: conditions, the decision it makes, and why it exists. */
export const ruleSchema = z
  .object({
    id: ruleId.describe('unique within the policy; recorded with every decision'),
    description: z.string().optional(),
    basis: z.string().optional().describe('the law, guideline or internal policy the rule implements'),
    when: z
      .union([conditionSchema, z.array(conditionSchema).min(1)])
      .optional()
      .describe(
        'conditions (all must hold); a list of condition blocks holds when any block does; absent = always',
      ),
    ...decisionFields,
  })
  .strict()
  .superRefine((rule, ctx) => {
    checkDecisionFields(rule, ctx)
    const blocks = rule.when === undefined ? [] : Array.isArray(rule.when) ? rule.when : [rule.when]
    blocks.forEach((block, i) => {
      if (
        (block.direction === 'response' || block.direction === 'both') &&
        requestOnlyActions.has(rule.action)
      ) {
        const path = Array.isArray(rule.when) ? ['when', i, 'direction'] : ['when', 'direction']
        ctx.addIssue({ code: 'custom', path, message: `action ${rule.action} cannot apply to responses` })
      }
    })
  })

/** A parsed rule. */
export type Rule = z.infer<typeof ruleSchema>

/** What happens to a request no rule matched. */
export const defaultDecisionSchema = z
  .object(decisionFields)
  .strict()
  .superRefine((value, ctx) => checkDecisionFields(value, ctx))

/** A parsed default decision. */
export type DefaultDecision = z.infer<typeof defaultDecisionSchema>

/** A service on the allowlist, with the reference of the security review that cleared it. */
export const allowlistEntrySchema = z.union([
  z.string().min(1).describe('catalog service id'),
  z
    .object({
      service: z.string().min(1).describe('catalog service id'),
      reviewRef: z
        .string()
        .min(1)
        .optional()
        .describe('security review reference (e.g. NIS 보안성 검토 number)'),
      note: z.string().optional(),
    })
    .strict(),
])

/** A parsed allowlist entry. */
export type AllowlistEntry = z.infer<typeof allowlistEntrySchema>

const detectionInput = z.union([
  z.enum(entityTypes),
  z
    .object({
      type: z.enum(entityTypes),
      score: z.number().min(0).max(1).optional().describe('default 1'),
      count: z.number().int().min(1).optional().describe('default 1'),
    })
    .strict(),
])

/** One policy test case: a request described by ids, and the decision expected for it. */
export const policyTestCaseSchema = z
  .object({
    name: z.string().min(1),
    allowlist: z
      .array(allowlistEntrySchema)
      .optional()
      .describe("evaluate this case as if the policy's allowlist were this list"),
    request: z
      .object({
        tenant: z.string().min(1).optional().describe('default: the tenant under test'),
        zone: z.string().min(1).optional(),
        user: z.string().min(1).optional(),
        groups: z.array(z.string().min(1)).optional(),
        service: z
          .string()
          .min(1)
          .optional()
          .describe('catalog service id; absent = a destination not in the catalog'),
        destinationCountries: z
          .array(country)
          .optional()
          .describe("default: the service operator's country, or none for an unknown service"),
        detections: z.array(detectionInput).optional(),
        content: z.array(z.enum(contentKinds)).optional(),
        direction: z.enum(['request', 'response']).optional(),
        warnReason: z.string().optional(),
      })
      .strict(),
    expect: z
      .object({
        action: z.enum(actions),
        rule: z.string().min(1).optional(),
        redactMode: z.enum(redactModes).optional(),
        routeTo: z.string().min(1).optional(),
        transformTypes: z.array(z.enum(entityTypes)).optional(),
      })
      .strict(),
  })
  .strict()

/** A parsed policy test case. */
export type PolicyTestCase = z.infer<typeof policyTestCaseSchema>

/** A policy as written: an allowlist, rules in order, a default, and test cases. */
export const policySpecSchema = z
  .object({
    allowlist: z
      .array(allowlistEntrySchema)
      .optional()
      .describe('services cleared for use (see `allowlisted`)'),
    rules: z.array(ruleSchema).optional().describe('first match wins'),
    default: defaultDecisionSchema.optional(),
    tests: z.array(policyTestCaseSchema).optional(),
  })
  .strict()

/** A parsed policy. */
export type PolicySpec = z.infer<typeof policySpecSchema>

/** A preset file (src/config/presets/*.yaml): a complete policy with a name and a default. */
export const presetFileSchema = z
  .object({
    id: z.string().min(1),
    name: noticeSchema,
    description: z.string().optional(),
    requireReviewRef: z
      .boolean()
      .optional()
      .describe('lint allowlist entries without a security review reference'),
    allowlist: z.array(allowlistEntrySchema).optional(),
    rules: z.array(ruleSchema),
    default: defaultDecisionSchema,
    tests: z.array(policyTestCaseSchema).optional(),
  })
  .strict()

/** A parsed preset file. */
export type PresetFile = z.infer<typeof presetFileSchema>
