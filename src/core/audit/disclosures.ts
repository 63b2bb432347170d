import { z } from 'zod'
import { isCountryCode } from '../catalog/country-codes.ts'
import { type AuditCategory, auditCategories, parseAuditCategory } from './audit-categories.ts'

const categoryName = z.string().transform((name, ctx) => {
  const c = parseAuditCategory(name)
  if (c === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `unknown category '${name}'; use one of: ${auditCategories.join(', ')}`,
    })
    return z.NEVER
  }
  return c
})

const time = z.union([z.date(), z.string()]).transform((v, ctx) => {
  const ms = v instanceof Date ? v.getTime() : Date.parse(v)
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: `'${String(v)}' is not an ISO 8601 date or time` })
    return z.NEVER
  }
  return new Date(ms).toISOString()
})

const disclosedRecipientSchema = z.strictObject({
  entity: z.string().trim().min(1),
  country: z
    .string()
    .refine(isCountryCode, { error: 'must be an ISO 3166-1 alpha-2 code in upper case' })
    .optional(),
  purposes: z.array(z.string()).default([]),
  categories: z.array(categoryName).min(1),
  /** From when the disclosure applies (the policy version's date). */
  from: time.optional(),
})

/** The disclosures file: what the app's privacy policy says, and when the user consented. */
export const disclosuresFileSchema = z.strictObject({
  app: z.string().optional(),
  policyUrl: z.string().optional(),
  recipients: z.array(disclosedRecipientSchema).default([]),
  consent: z.array(z.strictObject({ moment: z.string().trim().min(1), time })).default([]),
})

/** A parsed disclosures file. */
export type Disclosures = z.output<typeof disclosuresFileSchema>

/** Parses a disclosures document (from YAML or JSON); throws listing every problem as `path: message`. */
export function parseDisclosures(json: unknown): Disclosures {
  const parsed = disclosuresFileSchema.safeParse(json)
  if (!parsed.success)
    throw new Error(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    )
  return parsed.data
}

/** Who received a flow, as the enrichment established it. */
export interface RecipientIdentity {
  readonly entity: string
  readonly aliases: readonly string[]
  readonly country?: string
}

/** The disclosure check of one (recipient, category, time). */
export interface DisclosureVerdict {
  /** True when a disclosed recipient names this entity, its country (if stated) and the category. */
  readonly disclosed: boolean
  /** The entity name of the matching disclosure. */
  readonly disclosedAs?: string
  /** True when the flow happened before the first consent moment (or no consent was recorded). */
  readonly beforeConsent?: boolean
  readonly reasons: readonly string[]
}

const legalSuffixes =
  /\b(co|company|corp|corporation|inc|incorporated|ltd|limited|llc|l l c|pte|plc|gmbh|sas|sa|ag|bv|pbc|opco)\b/g

/** Lowercase letters and digits of a company name, legal-form words removed. */
export function normaliseEntity(name: string): string {
  return name
    .toLowerCase()
    .replaceAll(/[^\p{L}\p{N}]+/gu, ' ')
    .replaceAll(legalSuffixes, ' ')
    .replaceAll(/\s+/g, ' ')
    .trim()
}

function namesMatch(disclosed: string, identity: RecipientIdentity): boolean {
  const d = normaliseEntity(disclosed)
  if (d.length < 3) return false
  return [identity.entity, ...identity.aliases].some((name) => {
    const n = normaliseEntity(name)
    return n.length >= 3 && (n === d || n.includes(d) || d.includes(n))
  })
}

/**
 * The regulator's logic, mechanised: a flow is disclosed when some declared recipient is this
 * organisation (by name or alias; a parent company does not cover an affiliate), in the same country when
 * one is declared, lists the category, and the declaration applied at the time of the flow. A flow
 * before the first consent moment is "before consent"; with no consent moment on file every flow is.
 */
export function checkDisclosure(
  disclosures: Disclosures,
  identity: RecipientIdentity | undefined,
  category: AuditCategory,
  time: string | undefined,
): DisclosureVerdict {
  const reasons: string[] = []
  let disclosedAs: string | undefined
  if (identity === undefined) reasons.push('recipient unknown: cannot be matched to a disclosure')
  else {
    const named = disclosures.recipients.filter((r) => namesMatch(r.entity, identity))
    if (named.length === 0) reasons.push(`${identity.entity} is not named as a recipient`)
    for (const r of named) {
      if (r.country !== undefined && identity.country !== undefined && r.country !== identity.country) {
        reasons.push(`disclosed in ${r.country}, entity is in ${identity.country}`)
        continue
      }
      if (!r.categories.includes(category)) {
        reasons.push(`${r.entity} is disclosed for ${r.categories.join(', ')}, not ${category}`)
        continue
      }
      if (r.from !== undefined && time !== undefined && time < r.from) {
        reasons.push(`disclosed only from ${r.from}`)
        continue
      }
      disclosedAs = r.entity
      break
    }
  }
  const firstConsent = disclosures.consent.map((c) => c.time).sort()[0]
  let beforeConsent: boolean | undefined
  if (firstConsent === undefined) {
    beforeConsent = true
    reasons.push('no consent moment on file')
  } else if (time !== undefined) {
    beforeConsent = Date.parse(time) < Date.parse(firstConsent)
    if (beforeConsent) reasons.push(`sent before consent (${firstConsent})`)
  }
  return {
    disclosed: disclosedAs !== undefined,
    ...(disclosedAs === undefined ? {} : { disclosedAs }),
    ...(beforeConsent === undefined ? {} : { beforeConsent }),
    reasons:
      disclosedAs === undefined
        ? reasons
        : reasons.filter((r) => r.startsWith('sent before') || r.startsWith('no consent')),
  }
}
