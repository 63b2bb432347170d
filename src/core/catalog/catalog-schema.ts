import { z } from 'zod'
import { CatalogError } from './catalog-error.ts'
import { isCountryCode } from './country-codes.ts'

// Labels of 1–63 letters, digits or inner hyphens; at least two labels, so that a bare TLD ('ai', 'com')
// can never become a suffix that captures everything under it.
const hostnamePattern = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/

/** True for a lowercase hostname usable as a catalog domain suffix: no scheme, port, path or wildcard. */
export function isDomainSuffix(value: string): boolean {
  if (value.length > 253 || !hostnamePattern.test(value)) return false
  // An all-digit last label means an IPv4 address, which is not a suffix of anything.
  return !/\.[0-9]+$/.test(value)
}

const idSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: 'must be lowercase letters and digits joined by single hyphens',
  })
  .max(64)
const domainError =
  'must be a lowercase hostname without scheme, port, path or wildcard, e.g. api.example.com'
// The pattern is repeated before the full check so that the generated JSON Schema carries it too.
const domainSchema = z
  .string()
  .regex(hostnamePattern, { error: domainError })
  .refine(isDomainSuffix, { error: domainError })
  .describe('domain suffix, matched on label boundaries')
const countryError = 'must be an assigned ISO 3166-1 alpha-2 country code in upper case, e.g. KR'
const countrySchema = z
  .string()
  .regex(/^[A-Z]{2}$/, { error: countryError })
  .refine(isCountryCode, { error: countryError })
  .describe('ISO 3166-1 alpha-2 country code')
const textSchema = z.string().trim().min(1)

const recipientSchema = z.strictObject({
  name: textSchema,
  country: countrySchema,
  role: z.enum(['affiliate', 'processor', 'sub-processor', 'controller']),
  /** Who made the recipient known: a regulator's findings weigh more than a vendor's own list. */
  foundBy: z.enum(['regulator', 'vendor', 'press', 'third-party']),
  note: textSchema.nullable().default(null),
  source: textSchema,
})

const promptsByDefaultSchema = z.enum(['yes', 'no', 'opt-in', 'unknown'])
const trainingFields = {
  promptsByDefault: promptsByDefaultSchema,
  /** true: a source names a way to stop training; false: none for individual users; null: not stated. */
  optOut: z.boolean().nullable(),
  note: textSchema.nullable(),
}
const storageFields = {
  /** Only countries a source states; empty means the storage location is unknown. */
  countries: z.array(countrySchema),
  note: textSchema.nullable(),
}

// 'internal' is a model the organisation runs itself (a route target): data stays with the organisation.
const tierSchema = z.enum(['consumer', 'api', 'enterprise', 'mixed', 'internal'])
const statusSchema = z.enum(['active', 'retired', 'unknown'])

const entryFields = {
  name: textSchema,
  operator: textSchema,
  operatorCountry: countrySchema,
  tier: tierSchema,
  status: statusSchema,
  statusNote: textSchema.nullable(),
  reviewedAt: z.iso.date({ error: 'must be an ISO date, YYYY-MM-DD' }),
  webDomains: z.array(domainSchema),
  apiDomains: z.array(domainSchema),
  /** Listed domains that also carry the operator's non-AI content (search, corporate site, cloud portal). */
  sharedDomains: z.array(domainSchema),
  recipients: z.array(recipientSchema),
  training: z.strictObject(trainingFields),
  storage: z.strictObject(storageFields),
  sources: z.array(textSchema).min(1, { error: 'needs at least one source' }),
  notes: textSchema.nullable(),
}

const entryObjectSchema = z.strictObject({
  id: idSchema,
  ...entryFields,
  // What an operator may leave out of an added entry: the honest default of each is "not known".
  status: entryFields.status.default('active'),
  statusNote: entryFields.statusNote.default(null),
  webDomains: entryFields.webDomains.default([]),
  apiDomains: entryFields.apiDomains.default([]),
  sharedDomains: entryFields.sharedDomains.default([]),
  recipients: entryFields.recipients.default([]),
  training: z
    .strictObject({
      promptsByDefault: trainingFields.promptsByDefault.default('unknown'),
      optOut: trainingFields.optOut.default(null),
      note: trainingFields.note.default(null),
    })
    .default({ promptsByDefault: 'unknown', optOut: null, note: null }),
  storage: z
    .strictObject({ countries: storageFields.countries.default([]), note: storageFields.note.default(null) })
    .default({ countries: [], note: null }),
  notes: entryFields.notes.default(null),
})

/** One AI service: who runs it, where data goes, what the terms say, and the sources for each fact. */
export const catalogEntrySchema = entryObjectSchema.superRefine((entry, ctx) => {
  const all = [...entry.webDomains, ...entry.apiDomains]
  // An internal model may be reached only through a configured upstream, never by host name.
  if (all.length === 0 && entry.tier !== 'internal')
    ctx.addIssue({ code: 'custom', path: ['webDomains'], message: 'needs at least one domain' })
  const seen = new Set<string>()
  for (const [field, list] of [
    ['webDomains', entry.webDomains],
    ['apiDomains', entry.apiDomains],
  ] as const) {
    list.forEach((domain, index) => {
      // One domain, one meaning: listing it twice would make 'web' or 'api' depend on order.
      if (seen.has(domain))
        ctx.addIssue({ code: 'custom', path: [field, index], message: `${domain} is listed twice` })
      seen.add(domain)
    })
  }
  entry.sharedDomains.forEach((domain, index) => {
    if (!seen.has(domain))
      ctx.addIssue({
        code: 'custom',
        path: ['sharedDomains', index],
        message: `${domain} is not in webDomains or apiDomains`,
      })
  })
  if (new Set(entry.storage.countries).size !== entry.storage.countries.length)
    ctx.addIssue({ code: 'custom', path: ['storage', 'countries'], message: 'lists a country twice' })
})

type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T

/** A validated catalog entry (defaults applied, deeply frozen). */
export type CatalogEntry = DeepReadonly<z.output<typeof catalogEntrySchema>>
/** An entry as written in a file or in configuration, before defaults. */
export type CatalogEntryInput = z.input<typeof catalogEntrySchema>
/** A known recipient behind a service. */
export type CatalogRecipient = CatalogEntry['recipients'][number]
/** Service tier: consumer terms, API terms, enterprise contract, several of them, or the organisation's own model. */
export type ServiceTier = z.output<typeof tierSchema>

/** Problems that involve more than one entry: repeated ids, a domain claimed by two services. */
export function crossEntryIssues(
  entries: readonly {
    readonly id: string
    readonly webDomains: readonly string[]
    readonly apiDomains: readonly string[]
  }[],
): { index: number; path: (string | number)[]; message: string }[] {
  const issues: { index: number; path: (string | number)[]; message: string }[] = []
  const ids = new Map<string, number>()
  const owners = new Map<string, string>()
  entries.forEach((entry, index) => {
    if (ids.has(entry.id)) issues.push({ index, path: ['id'], message: `id ${entry.id} is used twice` })
    else ids.set(entry.id, index)
    for (const [field, list] of [
      ['webDomains', entry.webDomains],
      ['apiDomains', entry.apiDomains],
    ] as const) {
      list.forEach((domain, at) => {
        const owner = owners.get(domain)
        if (owner !== undefined && owner !== entry.id)
          issues.push({ index, path: [field, at], message: `${domain} is already listed by ${owner}` })
        else owners.set(domain, entry.id)
      })
    }
  })
  return issues
}

/** The catalog file: a review date, where the facts come from, and the services. */
export const catalogFileSchema = z
  .strictObject({
    reviewedAt: z.iso.date({ error: 'must be an ISO date, YYYY-MM-DD' }),
    source: textSchema,
    /** How to read the data (what null means, how fields were derived). */
    conventions: z.array(textSchema).default([]),
    services: z.array(catalogEntrySchema),
  })
  .superRefine((file, ctx) => {
    for (const issue of crossEntryIssues(file.services))
      ctx.addIssue({ code: 'custom', path: ['services', issue.index, ...issue.path], message: issue.message })
  })

/** A validated catalog file. */
export type CatalogFile = DeepReadonly<z.output<typeof catalogFileSchema>>

/**
 * Changes to one entry. Fields replace the built-in value; `training` and `storage` are merged one level
 * deep, so `{ training: { optOut: false } }` keeps the rest of the training facts. The id cannot change.
 */
export const catalogEntryPatchSchema = z
  .strictObject(entryFields)
  .partial()
  .extend({
    training: z.strictObject(trainingFields).partial().optional(),
    storage: z.strictObject(storageFields).partial().optional(),
  })

/** A patch for one entry, see {@link catalogEntryPatchSchema}. */
export type CatalogEntryPatch = z.output<typeof catalogEntryPatchSchema>

/** The `catalog` section of the configuration: entries to add, patches by id, ids to remove. */
export const catalogOverridesSchema = z.strictObject({
  add: z.array(catalogEntrySchema).optional(),
  override: z.record(idSchema, catalogEntryPatchSchema).optional(),
  remove: z.array(idSchema).optional(),
})

/** The validated `catalog` configuration section. */
export type CatalogOverrides = z.output<typeof catalogOverridesSchema>

/**
 * Turns zod issues into one message naming, for each problem, the entry (by id when it has one) and the
 * field path, e.g. `services[3] (deepseek).webDomains[1]: must be a lowercase hostname…`.
 */
export function describeIssues(
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
  entryLabel: (path: readonly PropertyKey[]) => { consumed: number; label: string } | undefined,
): string {
  // A value failing both the pattern and the full check reports one problem, not two identical ones.
  const lines = [
    ...new Set(
      issues.map((issue) => {
        const found = entryLabel(issue.path)
        const rest = formatPath(issue.path.slice(found?.consumed ?? 0))
        const where =
          found === undefined
            ? rest
            : rest === '' || rest.startsWith('[')
              ? found.label + rest
              : `${found.label}.${rest}`
        return `${where === '' ? '(root)' : where}: ${issue.message}`
      }),
    ),
  ]
  if (lines.length > 20) return `${lines.slice(0, 20).join('; ')}; and ${lines.length - 20} more problems`
  return lines.join('; ')
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out
}

/** Label of the entry at `list[index]`: its id when it has a usable one. */
export function entryLabelAt(list: unknown, index: number, prefix: string): string {
  const item = Array.isArray(list) ? (list[index] as unknown) : undefined
  const id =
    typeof item === 'object' && item !== null && 'id' in item && typeof item.id === 'string'
      ? item.id
      : undefined
  return id === undefined ? `${prefix}[${index}]` : `${prefix}[${index}] (${id})`
}

/** Freezes a parsed value and everything in it, so a shared catalog cannot be changed by one caller. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

/** Parses and validates a catalog file; throws a {@link CatalogError} naming each entry id and field path. */
export function parseCatalogFile(json: unknown): CatalogFile {
  const parsed = catalogFileSchema.safeParse(json)
  if (!parsed.success) {
    const services =
      typeof json === 'object' && json !== null && 'services' in json ? json.services : undefined
    throw new CatalogError(
      `invalid catalog: ${describeIssues(parsed.error.issues, (path) =>
        path[0] === 'services' && typeof path[1] === 'number'
          ? { consumed: 2, label: entryLabelAt(services, path[1], 'services') }
          : undefined,
      )}`,
    )
  }
  return deepFreeze(parsed.data)
}

/** The entries of a catalog file, validated (see {@link parseCatalogFile}). */
export function parseCatalog(json: unknown): CatalogEntry[] {
  return [...parseCatalogFile(json).services]
}
