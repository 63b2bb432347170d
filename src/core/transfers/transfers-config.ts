// The `transfers` section of sluice.yaml: patches to the recipient register, the legal bases each tenant
// has on file per recipient, per-tenant facts (home country, public authority) and consent settings.
import { z } from 'zod'
import { legalBasisCodes } from './legal-bases.ts'

const text = z.string().trim().min(1)
const country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in upper case, e.g. KR')
  .describe('ISO 3166-1 alpha-2 country code')
const isoDate = z.iso.date({ error: 'must be an ISO date, YYYY-MM-DD' })
const localized = z.strictObject({ ko: text, en: text })

/** A certification a recipient holds (PIPA 28-8(1)4; PIPC notices may limit validity to 5 years). */
export const certificationSchema = z.strictObject({
  scheme: text.describe('e.g. ISMS-P, or the PIPC notice designating the certification'),
  reference: text.describe('certificate number or notice reference'),
  validUntil: isoDate.optional(),
})

/** Changes to the register entries whose name or legal name is `name` (case-insensitive). */
export const recipientPatchSchema = z.strictObject({
  name: text.describe('recipient name or legal name as in the catalog'),
  legalName: text.optional(),
  country: country.optional(),
  role: z.enum(['controller', 'processor', 'sub-processor']).optional(),
  usesDataForOwnPurposes: z
    .union([z.boolean(), z.literal('unknown')])
    .optional()
    .describe('true when the recipient uses the data for its own purposes (e.g. training)'),
  certification: certificationSchema.nullable().optional(),
  domesticRepresentative: z.strictObject({ name: text, contact: text }).nullable().optional(),
  contact: text.nullable().optional().describe('how to reach the recipient (notice item 3)'),
  purpose: localized.nullable().optional().describe('the recipient’s purpose of use (notice item 4)'),
  retention: localized.nullable().optional().describe('retention and use period (notice item 4)'),
  suspended: z
    .strictObject({ orderRef: text, from: z.iso.datetime({ offset: true }).or(isoDate) })
    .nullable()
    .optional()
    .describe('transfers suspended by order (PIPA 28-9)'),
  reciprocityRestricted: z.boolean().optional().describe('PIPA 28-10 restriction set by an administrator'),
})

/** One legal basis a tenant has recorded for transfers to one recipient. */
export const basisOnFileSchema = z.strictObject({
  tenant: text.optional().describe('tenant id; absent = every tenant'),
  recipient: text.describe('recipient name or legal name'),
  basis: z.enum(legalBasisCodes as [string, ...string[]]),
  reference: text.describe('contract, statute, decision or assessment reference'),
  privacyPolicyVersion: text
    .optional()
    .describe('the privacy policy version disclosing the 5 items (28-8(1)3)'),
  validUntil: isoDate.optional(),
})

/** The `transfers` configuration section. */
export const transfersConfigSchema = z.strictObject({
  recipients: z.array(recipientPatchSchema).default([]),
  bases: z.array(basisOnFileSchema).default([]),
  tenants: z
    .record(
      z.string().min(1),
      z.strictObject({
        country: country.default('KR'),
        publicAuthority: z.boolean().default(false).describe('exercises public powers (GDPR 49(3))'),
      }),
    )
    .default({}),
  onMissingBasis: z
    .enum(['consent', 'block', 'redact'])
    .default('consent')
    .describe(
      'personal data bound abroad without a basis: ask for consent where it can cure it (else block), always block, or send it with the personal data tagged out',
    ),
  recognisedCountries: z
    .array(country)
    .default([])
    .describe('countries the PIPC recognised under 28-8(1)5 (none published yet)'),
  consent: z
    .strictObject({
      validDays: z.number().int().min(1).max(3650).default(365).describe('a consent expires after this'),
      tokenMinutes: z.number().int().min(1).max(10080).default(60).describe('how long a consent link works'),
      publicUrl: z
        .string()
        .regex(/^https?:\/\/\S+$/, 'an http(s) URL')
        .optional()
        .describe('base URL users reach Sluice at, for consent links'),
    })
    .prefault({}),
})

/** The validated `transfers` section. */
export type TransfersConfig = z.output<typeof transfersConfigSchema>
/** One register patch. */
export type RecipientPatch = z.output<typeof recipientPatchSchema>
/** One basis on file. */
export type BasisOnFile = z.output<typeof basisOnFileSchema>
/** Recipient certification. */
export type Certification = z.output<typeof certificationSchema>
/** A Korean/English text. */
export type Localized = z.output<typeof localized>

/** The section with every default applied (used when the configuration has none). */
export function defaultTransfersConfig(): TransfersConfig {
  return transfersConfigSchema.parse({})
}
