import { z } from 'zod'
import { isDomainSuffix } from '../catalog/catalog-schema.ts'
import { isCountryCode } from '../catalog/country-codes.ts'
import { normalizeHost } from '../catalog/domain-index.ts'

const country = z
  .string()
  .refine(isCountryCode, { error: 'must be an ISO 3166-1 alpha-2 code in upper case' })

const recipientSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  entity: z.string().trim().min(1),
  aliases: z.array(z.string().trim().min(1)).default([]),
  parent: z.string().trim().min(1).nullable().default(null),
  /** Where the legal entity is registered. */
  country,
  /** Where it is run from, when that differs from where it is registered. */
  headquarters: country.optional(),
  kind: z.enum(['ai-provider', 'cloud', 'cdn', 'telemetry', 'platform']),
  domains: z.array(z.string().refine(isDomainSuffix, { error: 'must be a lowercase domain suffix' })),
  asns: z.array(z.number().int().positive()),
  sources: z.array(z.string().trim().min(1)).min(1),
})

/** The registry file: organisations that receive app data, by domain suffix and by ASN (CC0). */
export const registryFileSchema = z.strictObject({
  licence: z.string(),
  reviewedAt: z.iso.date(),
  note: z.string(),
  recipients: z.array(recipientSchema),
})

/** One organisation of the registry. */
export type RegistryRecipient = z.output<typeof recipientSchema>

/** Lookups over the registry. */
export interface RecipientRegistry {
  readonly recipients: readonly RegistryRecipient[]
  readonly reviewedAt: string
  /** The organisation owning `host` (longest listed suffix on a label boundary), with the suffix. */
  byHost(host: string): { readonly recipient: RegistryRecipient; readonly domain: string } | undefined
  /** The organisation announcing addresses from `asn`. */
  byAsn(asn: number): RegistryRecipient | undefined
}

/** Validates a registry document and builds its indexes; a domain or ASN listed twice is an error. */
export function createRecipientRegistry(json: unknown): RecipientRegistry {
  const parsed = registryFileSchema.safeParse(json)
  if (!parsed.success)
    throw new Error(
      `recipient registry: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    )
  const byDomain = new Map<string, RegistryRecipient>()
  const byAsn = new Map<number, RegistryRecipient>()
  for (const r of parsed.data.recipients) {
    for (const d of r.domains) {
      const other = byDomain.get(d)
      if (other) throw new Error(`recipient registry: ${d} is listed by both ${other.id} and ${r.id}`)
      byDomain.set(d, r)
    }
    for (const a of r.asns) {
      const other = byAsn.get(a)
      if (other) throw new Error(`recipient registry: AS${a} is listed by both ${other.id} and ${r.id}`)
      byAsn.set(a, r)
    }
  }
  return {
    recipients: parsed.data.recipients,
    reviewedAt: parsed.data.reviewedAt,
    byHost(host) {
      let name = normalizeHost(host)
      while (name !== undefined) {
        const found = byDomain.get(name)
        if (found) return { recipient: found, domain: name }
        const dot = name.indexOf('.')
        name = dot < 0 ? undefined : name.slice(dot + 1)
      }
      return undefined
    },
    byAsn: (asn) => byAsn.get(asn),
  }
}
