import { CatalogError } from './catalog-error.ts'
import type { CatalogEntry } from './catalog-schema.ts'
import { createDomainIndex, type DomainMatch } from './domain-index.ts'
import { type RatingOptions, type RiskRating, rateService } from './risk-rating.ts'

/** The catalog in use: entries, lookup by id and by host, and each service's risk rating. */
export interface Catalog {
  readonly entries: readonly CatalogEntry[]
  byId(id: string): CatalogEntry | undefined
  /** The service a host belongs to (longest listed suffix wins), see `DomainIndex.match`. */
  matchHost(host: string): DomainMatch | undefined
  /** The rating of a service, computed once when the catalog was built; undefined for an unknown id. */
  rating(id: string): RiskRating | undefined
}

/**
 * Builds the catalog from validated entries (`parseCatalog` or `mergeCatalog`). Ratings are computed here,
 * once, from one point of view (`options.homeCountry`, default 'KR'). Duplicate ids or domains are errors.
 */
export function createCatalog(entries: readonly CatalogEntry[], options: RatingOptions = {}): Catalog {
  const byId = new Map<string, CatalogEntry>()
  const ratings = new Map<string, RiskRating>()
  for (const entry of entries) {
    if (byId.has(entry.id)) throw new CatalogError(`catalog id ${entry.id} is used by two entries`)
    byId.set(entry.id, entry)
    ratings.set(entry.id, Object.freeze(rateService(entry, options)))
  }
  const index = createDomainIndex(entries)
  const list = Object.freeze([...entries])
  return {
    entries: list,
    byId: (id) => byId.get(id),
    matchHost: (host) => index.match(host),
    rating: (id) => ratings.get(id),
  }
}

/**
 * The countries a request to this service reaches: the operator's and every known recipient's, without
 * repeats, sorted. Storage countries are not included (`entry.storage.countries` is about where data is
 * kept, and for some services lists every region a customer may choose).
 */
export function recipientCountries(entry: CatalogEntry): string[] {
  return [...new Set([entry.operatorCountry, ...entry.recipients.map((r) => r.country)])].sort()
}
