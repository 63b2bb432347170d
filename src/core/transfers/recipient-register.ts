// The recipient register (regulation.md §5.1): for each catalog service, the organisations a request to
// it reaches — the operator first, then the recipients the catalog knows — with the facts the legal bases
// turn on. Built from the catalog, then patched by configuration and by stored records, later wins.
import type { CatalogEntry } from '../catalog/catalog-schema.ts'
import type { Certification, Localized, RecipientPatch } from './transfers-config.ts'

/** A recipient's role towards the tenant's data. */
export type RecipientRole = 'controller' | 'processor' | 'sub-processor'

/** One register entry: one organisation in one service's chain. */
export interface RegisterRecipient {
  /** The catalog's name (what ledger records carry). */
  readonly name: string
  readonly legalName: string
  readonly country: string
  readonly role: RecipientRole
  /** The catalog service whose chain this entry belongs to. */
  readonly service: string
  /** 'operator' for the service's operator, else a recipient behind it. */
  readonly link: 'operator' | 'recipient'
  readonly usesDataForOwnPurposes: boolean | 'unknown'
  readonly certification: Certification | null
  readonly domesticRepresentative: { readonly name: string; readonly contact: string } | null
  readonly contact: string | null
  readonly purpose: Localized | null
  readonly retention: Localized | null
  readonly suspended: { readonly orderRef: string; readonly from: string } | null
  readonly reciprocityRestricted: boolean
}

/** The register: entries, lookup by name, and each service's chain. */
export interface RecipientRegister {
  readonly recipients: readonly RegisterRecipient[]
  /** The entry named `name` (catalog name or legal name, any case); in `service`'s chain when given. */
  find(name: string, service?: string): RegisterRecipient | undefined
  /** The service's chain, operator first; undefined for a service the catalog does not know. */
  chainOf(service: string): readonly RegisterRecipient[] | undefined
  /** The catalog's display name of a service (its id when unknown). */
  serviceName(service: string): string
}

/** The legal name in a catalog name: the part before any parenthesis or semicolon note. */
export function legalNameOf(catalogName: string): string {
  const cut = catalogName.search(/\s*[(;]/)
  const name = (cut <= 0 ? catalogName : catalogName.slice(0, cut)).trim()
  return name === '' ? catalogName.trim() : name
}

/** True when `reference` names this entry (catalog name or legal name, ignoring case and spacing). */
export function namesRecipient(
  recipient: Pick<RegisterRecipient, 'name' | 'legalName'>,
  reference: string,
): boolean {
  const wanted = normalise(reference)
  return normalise(recipient.name) === wanted || normalise(recipient.legalName) === wanted
}

const normalise = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase()

// Who the operator is towards the tenant: under API or enterprise terms it processes on the tenant's
// behalf; under consumer (or mixed) terms it sets its own purposes, so it is treated as a controller.
function operatorRole(entry: CatalogEntry): RecipientRole {
  return entry.tier === 'api' || entry.tier === 'enterprise' || entry.tier === 'internal'
    ? 'processor'
    : 'controller'
}

// Training on prompts by default is the clearest "own purpose" (regulation.md §1.1); the catalog states
// it for the operator only, so other recipients stay 'unknown' until configuration says otherwise.
function operatorOwnPurposes(entry: CatalogEntry): boolean | 'unknown' {
  switch (entry.training.promptsByDefault) {
    case 'yes':
      return true
    case 'no':
    case 'opt-in':
      return false
    default:
      return 'unknown'
  }
}

function fromCatalog(entry: CatalogEntry): RegisterRecipient[] {
  const blank = {
    service: entry.id,
    certification: null,
    domesticRepresentative: null,
    contact: null,
    purpose: null,
    retention: null,
    suspended: null,
    reciprocityRestricted: false,
  } as const
  return [
    {
      ...blank,
      name: entry.operator,
      legalName: legalNameOf(entry.operator),
      country: entry.operatorCountry,
      role: operatorRole(entry),
      link: 'operator',
      usesDataForOwnPurposes: operatorOwnPurposes(entry),
    },
    ...entry.recipients.map(
      (r): RegisterRecipient => ({
        ...blank,
        name: r.name,
        legalName: legalNameOf(r.name),
        country: r.country,
        // An affiliate receiving data is a separate legal entity with its own use: a controller.
        role: r.role === 'processor' || r.role === 'sub-processor' ? 'sub-processor' : 'controller',
        link: 'recipient',
        usesDataForOwnPurposes: 'unknown',
      }),
    ),
  ]
}

function applyPatch(recipient: RegisterRecipient, patch: RecipientPatch): RegisterRecipient {
  const out: { -readonly [K in keyof RegisterRecipient]: RegisterRecipient[K] } = { ...recipient }
  if (patch.legalName !== undefined) out.legalName = patch.legalName
  if (patch.country !== undefined) out.country = patch.country
  if (patch.role !== undefined) out.role = patch.role
  if (patch.usesDataForOwnPurposes !== undefined) out.usesDataForOwnPurposes = patch.usesDataForOwnPurposes
  if (patch.certification !== undefined) out.certification = patch.certification
  if (patch.domesticRepresentative !== undefined) out.domesticRepresentative = patch.domesticRepresentative
  if (patch.contact !== undefined) out.contact = patch.contact
  if (patch.purpose !== undefined) out.purpose = patch.purpose
  if (patch.retention !== undefined) out.retention = patch.retention
  if (patch.suspended !== undefined) out.suspended = patch.suspended
  if (patch.reciprocityRestricted !== undefined) out.reciprocityRestricted = patch.reciprocityRestricted
  return Object.freeze(out)
}

/**
 * Builds the register from catalog entries and patches (configuration first, then stored records: a
 * later patch wins field by field). A patch names entries by catalog name or legal name and applies to
 * that organisation in every chain it appears in. Returns the register and the patch names that matched
 * nothing (a typo must not silently leave a recipient unpatched).
 */
export function buildRecipientRegister(
  entries: readonly CatalogEntry[],
  patches: readonly RecipientPatch[] = [],
): { register: RecipientRegister; unmatched: readonly string[] } {
  let recipients = entries.flatMap(fromCatalog)
  const unmatched: string[] = []
  for (const patch of patches) {
    let hit = false
    recipients = recipients.map((r) => {
      if (!namesRecipient(r, patch.name)) return r
      hit = true
      return applyPatch(r, patch)
    })
    if (!hit) unmatched.push(patch.name)
  }
  const frozen = Object.freeze(recipients.map((r) => Object.freeze(r)))
  const names = new Map(entries.map((e) => [e.id, e.name]))
  const chains = new Map<string, RegisterRecipient[]>()
  for (const r of frozen) {
    const chain = chains.get(r.service) ?? []
    chain.push(r)
    chains.set(r.service, chain)
  }
  return {
    register: {
      recipients: frozen,
      find: (name, service) =>
        frozen.find((r) => (service === undefined || r.service === service) && namesRecipient(r, name)),
      chainOf: (service) => chains.get(service),
      serviceName: (service) => names.get(service) ?? service,
    },
    unmatched,
  }
}
