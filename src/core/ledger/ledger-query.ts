// What the ledger can be asked: records to a recipient, a country, about a subject (an access
// request under PIPA art. 35 must be answered within 10 days), of a data category, an action, a
// service, a tenant, in a time range. Stores index the fields below beside each record, so a query
// never parses entries; this module says what those fields are and what a filter means.
import type { LedgerEntry } from './ledger-record.ts'

/** A filter on ledger records; every given field must hold (AND). Times are ISO 8601 with a zone. */
export interface LedgerQuery {
  /** A recipient's name, exactly as recorded (`Beijing Volcano Engine Technology`). */
  readonly recipient?: string
  /** A destination country, ISO 3166 alpha-2. */
  readonly country?: string
  /** The pseudonymous subject, exactly as recorded. */
  readonly subject?: string
  /** A data category (`personal-identifiers`). */
  readonly category?: string
  readonly action?: string
  readonly service?: string
  readonly tenant?: string
  readonly kind?: string
  /** Records at or after this time. */
  readonly from?: string
  /** Records strictly before this time. */
  readonly to?: string
}

/** Which page of a query: up to `limit` records with seq above `afterSeq` (default 0), in seq order. */
export interface QueryPage {
  readonly limit: number
  readonly afterSeq?: number
}

/** The fields a store indexes for each record (absent ones are undefined or empty). */
export interface IndexedFields {
  readonly time: string
  /** `time` as milliseconds since the epoch, so ranges compare across zone offsets. */
  readonly atMs: number
  readonly kind: string
  readonly tenant: string | undefined
  readonly subject: string | undefined
  readonly service: string | undefined
  readonly action: string | undefined
  readonly recipients: readonly string[]
  readonly countries: readonly string[]
  readonly categories: readonly string[]
}

/** A tag row of a store's side table: one per recipient, country and category of a record. */
export type IndexTag = 'recipient' | 'country' | 'category'

const textOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)
const textsOf = (value: unknown): string[] =>
  Array.isArray(value) ? [...new Set(value.filter((v): v is string => typeof v === 'string'))] : []

/**
 * The indexed fields of a (valid) entry. Read by name, so entry kinds without some field (a directive
 * has no subject) simply leave it empty.
 */
export function indexedFieldsOf(entry: LedgerEntry): IndexedFields {
  const e = entry as unknown as Record<string, unknown>
  const time = String(e.time)
  const recipients = Array.isArray(e.recipients)
    ? [
        ...new Set(
          e.recipients
            .map((r) =>
              typeof r === 'object' && r !== null ? textOf((r as { name?: unknown }).name) : undefined,
            )
            .filter((n): n is string => n !== undefined),
        ),
      ]
    : []
  // Directives and erasures name one recipient: evidence about a recipient must include its orders.
  const single = textOf(e.recipient)
  if (single !== undefined && !recipients.includes(single)) recipients.push(single)
  const country = textOf(e.country)
  const countries = textsOf(e.countries)
  if (country !== undefined && !countries.includes(country)) countries.push(country)
  return {
    time,
    atMs: Date.parse(time),
    kind: String(e.kind),
    tenant: textOf(e.tenant),
    subject: textOf(e.subject),
    service: textOf(e.service),
    action: textOf(e.action),
    recipients,
    countries,
    categories: textsOf(e.categories),
  }
}

/** The tag rows of a record: `[tag, value]` pairs, no duplicates. */
export function indexTagsOf(fields: IndexedFields): [IndexTag, string][] {
  return [
    ...fields.recipients.map((v): [IndexTag, string] => ['recipient', v]),
    ...fields.countries.map((v): [IndexTag, string] => ['country', v]),
    ...fields.categories.map((v): [IndexTag, string] => ['category', v]),
  ]
}

/** A checked query: the time range in epoch ms, the rest as given. */
export interface NormalisedQuery {
  readonly columns: Readonly<Partial<Record<'subject' | 'action' | 'service' | 'tenant' | 'kind', string>>>
  readonly tags: readonly [IndexTag, string][]
  readonly fromMs: number | undefined
  readonly toMs: number | undefined
}

const queryKeys = new Set([
  'recipient',
  'country',
  'subject',
  'category',
  'action',
  'service',
  'tenant',
  'kind',
  'from',
  'to',
])

/**
 * Checks `filter` and splits it into what a store compares: plain columns, tags and a time range.
 * Returns a problem text for an unknown field, an empty or non-text value, or a bad time.
 */
export function normaliseQuery(filter: LedgerQuery): NormalisedQuery | string {
  if (typeof filter !== 'object' || filter === null) return 'the filter must be an object'
  const f = filter as Record<string, unknown>
  const columns: Record<string, string> = {}
  const tags: [IndexTag, string][] = []
  let fromMs: number | undefined
  let toMs: number | undefined
  for (const [key, value] of Object.entries(f)) {
    if (value === undefined) continue
    if (!queryKeys.has(key)) return `unknown filter field '${key}'`
    if (typeof value !== 'string' || value.length === 0 || value.length > 1024) {
      return `${key} must be a non-empty text of at most 1024 characters`
    }
    if (key === 'from' || key === 'to') {
      const ms = Date.parse(value)
      if (
        !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) ||
        Number.isNaN(ms)
      ) {
        return `${key} must be an ISO 8601 date or time with a zone, got '${value}'`
      }
      if (key === 'from') fromMs = ms
      else toMs = ms
    } else if (key === 'recipient' || key === 'country' || key === 'category') tags.push([key, value])
    else columns[key] = value
  }
  return { columns, tags, fromMs, toMs }
}

/** Whether a record with `fields` matches `query`: the meaning every store's SQL must have. */
export function matchesQuery(fields: IndexedFields, query: NormalisedQuery): boolean {
  for (const [key, value] of Object.entries(query.columns)) {
    if (fields[key as keyof typeof query.columns] !== value) return false
  }
  for (const [tag, value] of query.tags) {
    const list =
      tag === 'recipient' ? fields.recipients : tag === 'country' ? fields.countries : fields.categories
    if (!list.includes(value)) return false
  }
  if (query.fromMs !== undefined && !(fields.atMs >= query.fromMs)) return false
  if (query.toMs !== undefined && !(fields.atMs < query.toMs)) return false
  return true
}
