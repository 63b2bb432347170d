// Turns a catalog entry into what the policy and the ledger need: service attributes, recipients, countries.
import { type Catalog, recipientCountries } from '../../core/catalog/catalog.ts'
import type { ServiceFacts } from '../../core/policy/policy-types.ts'
import { legalNameOf } from '../../core/transfers/recipient-register.ts'
import type { UpstreamTarget } from './gateway-ports.ts'

/** The service behind an upstream, the organisations a request to it reaches and their countries. */
export interface Destination {
  readonly service: ServiceFacts | undefined
  readonly recipients: readonly { readonly name: string; readonly country: string }[]
  readonly countries: readonly string[]
}

/** Looks the upstream's service up in the catalog. An upstream without a catalog entry has no known recipients. */
export function destinationOf(catalog: Catalog, upstream: UpstreamTarget): Destination {
  const entry = upstream.service === undefined ? undefined : catalog.byId(upstream.service)
  if (entry === undefined) return { service: undefined, recipients: [], countries: [] }
  const rating = catalog.rating(entry.id)
  const internal = entry.tier === 'internal'
  return {
    service: {
      id: entry.id,
      operatorCountry: entry.operatorCountry,
      risk: rating?.level ?? 'critical',
      trainingByDefault: entry.training.promptsByDefault,
      tier: entry.tier,
      kind: internal ? 'internal' : 'api',
    },
    // Recipients by legal name: the catalog's names carry notes in brackets ("Volcano Engine (…; ByteDance
    // affiliate)"), and records, directives and evidence queries must name the organisation itself.
    recipients: [
      { name: legalNameOf(entry.operator), country: entry.operatorCountry },
      ...entry.recipients.map((r) => ({ name: legalNameOf(r.name), country: r.country })),
    ],
    countries: recipientCountries(entry),
  }
}
