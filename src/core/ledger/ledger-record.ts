// What the ledger records. A record holds metadata about a decision, never content: the only trace of
// the content is a keyed hash, and the shape check refuses any field not listed here, so nothing else
// can ride along into an append-only store that cannot be edited later.

/** Where a flow's data went: one recipient (operator or processor) and its country (ISO 3166 alpha-2). */
export interface LedgerRecipient {
  readonly name: string
  readonly country: string
}

/** One policy decision on one request or response. */
export interface DecisionEntry {
  readonly kind: 'decision'
  /** When the decision was taken: ISO 8601 with a zone (`2026-11-24T06:00:00.000Z`). */
  readonly time: string
  readonly requestId: string
  readonly tenant: string
  /** Pseudonymous subject (an API key id, a keyed hash of a user name), never a plain identity. */
  readonly subject: string
  /** Network zone the request came from, when zones are configured. */
  readonly zone?: string
  /** Catalog id of the AI service, when it was resolved. */
  readonly service?: string
  readonly upstream?: string
  readonly model?: string
  readonly direction: 'request' | 'response'
  readonly recipients: readonly LedgerRecipient[]
  /** Destination countries (ISO 3166 alpha-2, `ZZ` when unknown). */
  readonly countries: readonly string[]
  /** Data categories found (personal identifiers, credentials, …). */
  readonly categories: readonly string[]
  /** How many findings of each entity type: counts only, never the values. */
  readonly typeCounts: Readonly<Record<string, number>>
  /** allow, redact, pseudonymise, route, warn, block. */
  readonly action: string
  /** Id of the policy rule that decided. */
  readonly rule: string
  /** The reason the user stated to go ahead after a warning. */
  readonly reason?: string
  /** Keyed hash (hex) of the content the decision was about. */
  readonly contentHash?: string
  /** Id of the directive (suspension, service block) that refused the request. */
  readonly directive?: string
  /** Which face of Sluice decided: the AI API gateway or the forward proxy (absent: gateway). */
  readonly channel?: 'gateway' | 'proxy'
  /** The web host a proxied request went to (forward proxy decisions). */
  readonly host?: string
  /** Cross-border transfer facts (PIPA 28-8, GDPR Ch. V, PIPL 38): data origin and each ground used. */
  readonly transfer?: LedgerTransfer
}

/** The legal ground of one recipient outside a regime's area, as recorded with the flow. */
export interface LedgerTransferGround {
  readonly recipient: string
  readonly country: string
  /** Legal basis code, e.g. KR_PIPA_28_8_1_3 (src/core/transfers/legal-bases.ts). */
  readonly basis: string
  /** The reference on file (contract, decision, statute). */
  readonly reference?: string
  /** Id of the consent record the basis rests on. */
  readonly consentId?: string
}

/** Transfer facts of a record: where the data came from and the ground of each foreign recipient. */
export interface LedgerTransfer {
  /** Jurisdiction the data was collected in ('KR', 'EU', 'CN'). */
  readonly origin: string
  readonly grounds: readonly LedgerTransferGround[]
}

/**
 * A data subject's separate consent to an overseas transfer given (consent page), imported (API) or
 * withdrawn: the consent id, the notice hash it was given for, the chain and items, never the notice.
 */
export interface ConsentEntry {
  readonly kind: 'consent'
  readonly time: string
  readonly action: 'give' | 'import' | 'withdraw'
  readonly consentId: string
  readonly tenant: string
  /** Pseudonymous subject, as in decision entries. */
  readonly subject: string
  readonly service: string
  /** Consent bases, e.g. KR_PIPA_28_8_1_1. */
  readonly bases: readonly string[]
  /** Personal-information categories consented to. */
  readonly items: readonly string[]
  readonly recipients: readonly LedgerRecipient[]
  /** SHA-256 of the PIPA 28-8(2) notice the consent was given for. */
  readonly noticeHash: string
  readonly expiresAt?: string
}

/**
 * A directive issued or revoked (a regulator's suspension order under PIPA Art. 28-9, a service block,
 * a deletion order): the order, its scope and who acted, so the ledger shows when each took effect.
 */
export interface DirectiveEntry {
  readonly kind: 'directive'
  readonly time: string
  readonly action: 'issue' | 'revoke'
  readonly directiveId: string
  readonly directiveKind: 'suspend-transfers' | 'block-service' | 'delete-data'
  readonly recipient?: string
  /** ISO 3166 alpha-2. */
  readonly country?: string
  readonly service?: string
  /** The directive's tenant; absent = every tenant. */
  readonly tenant?: string
  /** In force from (issue). */
  readonly from?: string
  readonly until?: string
  /** delete-data: the period of the data to delete. */
  readonly rangeFrom?: string
  readonly rangeTo?: string
  /** The order's reference, e.g. 'PIPC 2025-04 DeepSeek'. */
  readonly orderRef: string
  /** Legal basis, e.g. 'PIPA Art. 28-9'. */
  readonly basis?: string
  /** Who issued or revoked it. */
  readonly by: string
}

/**
 * Stored content destroyed under a deletion directive: what was destroyed (counts), never what it
 * said. The decision records of that content stay, hashes included, so the chain still verifies.
 */
export interface ErasureEntry {
  readonly kind: 'erasure'
  readonly time: string
  readonly directiveId: string
  readonly recipient: string
  readonly rangeFrom: string
  readonly rangeTo: string
  /** Stored contents (ciphertexts) destroyed. */
  readonly contents: number
  /** Data keys destroyed. */
  readonly keysDestroyed: number
  /** Data keys replaced because their day also held content outside the range (re-encrypted). */
  readonly keysReplaced: number
  /** Decision records of transfers to the recipient in the range (listed in the deletion request). */
  readonly records: number
  readonly by: string
}

/**
 * What the application submits to the ledger. A union on `kind`: admin actions, directives and
 * transfer records join it as their issues land, each with its own exact shape in {@link entryProblem}.
 */
export type LedgerEntry = DecisionEntry | DirectiveEntry | ErasureEntry | ConsentEntry

/** The kinds of {@link LedgerEntry}. */
export type LedgerEntryKind = LedgerEntry['kind']

/** A stored entry: its place in the chain and the hashes that link it. */
export interface LedgerRecord {
  /** 1-based position; the first record is 1 and there are no gaps. */
  readonly seq: number
  /** `hash` of the record before (the genesis hash for record 1), lowercase hex. */
  readonly prevHash: string
  /** SHA-256 over the previous hash, `seq` and the canonical entry (chain-hash.ts), lowercase hex. */
  readonly hash: string
  readonly entry: LedgerEntry
}

/**
 * A record as a store keeps it: the entry still as its canonical JSON text, the exact bytes the hash
 * covers. Verification works on this form, so it needs no parsing and checks what is really stored.
 */
export interface StoredRecord {
  readonly seq: number
  readonly prevHash: string
  readonly hash: string
  readonly entryJson: string
}

const maxText = 1024
const maxItems = 256
const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/
const countryCode = /^[A-Z]{2}$/
const hexDigest = /^[0-9a-f]{16,128}$/

type FieldCheck = (value: unknown) => string | undefined

const text: FieldCheck = (value) => {
  if (typeof value !== 'string') return 'must be a string'
  if (value.length === 0) return 'must not be empty'
  if (value.length > maxText) return `must be at most ${maxText} characters`
  return undefined
}

const matching =
  (pattern: RegExp, what: string): FieldCheck =>
  (value) =>
    typeof value === 'string' && pattern.test(value) ? undefined : `must be ${what}`

// The pattern fixes the form; Date.parse then refuses impossible values such as month 13 or hour 25.
const isoTimeCheck: FieldCheck = (value) =>
  typeof value === 'string' && isoTime.test(value) && !Number.isNaN(Date.parse(value))
    ? undefined
    : 'must be an ISO 8601 time with a zone'

const oneOf =
  (...allowed: readonly string[]): FieldCheck =>
  (value) =>
    typeof value === 'string' && allowed.includes(value) ? undefined : `must be one of ${allowed.join(', ')}`

const listOf =
  (item: FieldCheck): FieldCheck =>
  (value) => {
    if (!Array.isArray(value)) return 'must be an array'
    if (value.length > maxItems) return `must have at most ${maxItems} items`
    for (let i = 0; i < value.length; i++) {
      const problem = item(value[i])
      if (problem !== undefined) return `[${i}] ${problem}`
    }
    return undefined
  }

const recipient: FieldCheck = (value) => {
  if (!isPlainObject(value)) return 'must be an object {name, country}'
  for (const key of Object.keys(value)) {
    if (key !== 'name' && key !== 'country') return `has an unknown field '${key}'`
  }
  const name = text(value.name)
  if (name !== undefined) return `.name ${name}`
  const country = matching(countryCode, 'an ISO 3166 alpha-2 code')(value.country)
  return country === undefined ? undefined : `.country ${country}`
}

const counts: FieldCheck = (value) => {
  if (!isPlainObject(value)) return 'must be an object of counts'
  const keys = Object.keys(value)
  if (keys.length > maxItems) return `must have at most ${maxItems} types`
  for (const key of keys) {
    if (key.length === 0 || key.length > maxText) return 'has an empty or over-long type name'
    const n = value[key]
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
      return `.${key} must be a non-negative integer`
    }
  }
  return undefined
}

const groundFields = ['recipient', 'country', 'basis', 'reference', 'consentId'] as const
const transferGround: FieldCheck = (value) => {
  if (!isPlainObject(value)) return 'must be an object {recipient, country, basis}'
  for (const key of Object.keys(value)) {
    if (!(groundFields as readonly string[]).includes(key)) return `has an unknown field '${key}'`
  }
  for (const key of ['recipient', 'basis'] as const) {
    const problem = text(value[key])
    if (problem !== undefined) return `.${key} ${problem}`
  }
  const country = matching(countryCode, 'an ISO 3166 alpha-2 code')(value.country)
  if (country !== undefined) return `.country ${country}`
  for (const key of ['reference', 'consentId'] as const) {
    const problem = value[key] === undefined ? undefined : text(value[key])
    if (problem !== undefined) return `.${key} ${problem}`
  }
  return undefined
}
const transfer: FieldCheck = (value) => {
  if (!isPlainObject(value)) return 'must be an object {origin, grounds}'
  for (const key of Object.keys(value)) {
    if (key !== 'origin' && key !== 'grounds') return `has an unknown field '${key}'`
  }
  const origin = text(value.origin)
  if (origin !== undefined) return `.origin ${origin}`
  const grounds = listOf(transferGround)(value.grounds)
  return grounds === undefined ? undefined : `.grounds ${grounds}`
}

interface FieldSpec {
  readonly check: FieldCheck
  readonly optional?: boolean
}

const decisionFields: Readonly<Record<keyof DecisionEntry, FieldSpec>> = {
  kind: { check: oneOf('decision') },
  time: { check: isoTimeCheck },
  requestId: { check: text },
  tenant: { check: text },
  subject: { check: text },
  zone: { check: text, optional: true },
  service: { check: text, optional: true },
  upstream: { check: text, optional: true },
  model: { check: text, optional: true },
  direction: { check: oneOf('request', 'response') },
  recipients: { check: listOf(recipient) },
  countries: { check: listOf(matching(countryCode, 'an ISO 3166 alpha-2 code')) },
  categories: { check: listOf(text) },
  typeCounts: { check: counts },
  action: { check: text },
  rule: { check: text },
  reason: { check: text, optional: true },
  contentHash: { check: matching(hexDigest, 'lowercase hex of 16 to 128 digits'), optional: true },
  transfer: { check: transfer, optional: true },
  directive: { check: text, optional: true },
  channel: { check: oneOf('gateway', 'proxy'), optional: true },
  host: { check: text, optional: true },
}

const count: FieldCheck = (value) =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
    ? undefined
    : 'must be a non-negative integer'

const directiveFields: Readonly<Record<keyof DirectiveEntry, FieldSpec>> = {
  kind: { check: oneOf('directive') },
  time: { check: isoTimeCheck },
  action: { check: oneOf('issue', 'revoke') },
  directiveId: { check: text },
  directiveKind: { check: oneOf('suspend-transfers', 'block-service', 'delete-data') },
  recipient: { check: text, optional: true },
  country: { check: matching(countryCode, 'an ISO 3166 alpha-2 code'), optional: true },
  service: { check: text, optional: true },
  tenant: { check: text, optional: true },
  from: { check: isoTimeCheck, optional: true },
  until: { check: isoTimeCheck, optional: true },
  rangeFrom: { check: isoTimeCheck, optional: true },
  rangeTo: { check: isoTimeCheck, optional: true },
  orderRef: { check: text },
  basis: { check: text, optional: true },
  by: { check: text },
}

const erasureFields: Readonly<Record<keyof ErasureEntry, FieldSpec>> = {
  kind: { check: oneOf('erasure') },
  time: { check: isoTimeCheck },
  directiveId: { check: text },
  recipient: { check: text },
  rangeFrom: { check: isoTimeCheck },
  rangeTo: { check: isoTimeCheck },
  contents: { check: count },
  keysDestroyed: { check: count },
  keysReplaced: { check: count },
  records: { check: count },
  by: { check: text },
}

const consentFields: Readonly<Record<keyof ConsentEntry, FieldSpec>> = {
  kind: { check: oneOf('consent') },
  time: { check: isoTimeCheck },
  action: { check: oneOf('give', 'import', 'withdraw') },
  consentId: { check: text },
  tenant: { check: text },
  subject: { check: text },
  service: { check: text },
  bases: { check: listOf(text) },
  items: { check: listOf(text) },
  recipients: { check: listOf(recipient) },
  noticeHash: { check: matching(hexDigest, 'lowercase hex of 16 to 128 digits') },
  expiresAt: { check: isoTimeCheck, optional: true },
}

const fieldsOfKind: Readonly<Record<LedgerEntryKind, Readonly<Record<string, FieldSpec>>>> = {
  decision: decisionFields,
  directive: directiveFields,
  erasure: erasureFields,
  consent: consentFields,
}

/**
 * Why `value` is not a valid {@link LedgerEntry} (`"typeCounts.EMAIL must be a non-negative integer"`),
 * or undefined when it is one. Fields not in the kind's shape are refused; an optional field may be
 * absent or `undefined`.
 */
export function entryProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return 'entry must be an object'
  const kind = value.kind
  const fields =
    typeof kind === 'string' && Object.hasOwn(fieldsOfKind, kind)
      ? fieldsOfKind[kind as LedgerEntryKind]
      : undefined
  if (fields === undefined) return `kind must be one of ${Object.keys(fieldsOfKind).join(', ')}`
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(fields, key)) return `${kind} entry has an unknown field '${key}'`
  }
  for (const key of Object.keys(fields)) {
    const spec = fields[key] as FieldSpec
    const field = value[key]
    if (field === undefined) {
      if (spec.optional) continue
      return `${key} is required`
    }
    const problem = spec.check(field)
    if (problem !== undefined) return `${key} ${problem}`
  }
  return undefined
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
