// Decides whether personal data may reach each recipient of a chain on a recorded legal basis. A flow
// needs a basis under every regime it leaves: the tenant's home regime (PIPA for a Korean tenant) and
// the regime of the data's origin (GDPR for EU-origin data, PIPL for China-origin data).
import { type ConsentRecord, consentProblem, consentProblemText, personalItems } from './consent.ts'
import {
  type BasisCondition,
  basesOf,
  consentBasisOf,
  euAdequateCountries,
  type LegalBasis,
  leavesRegime,
  legalBasis,
  type Regime,
  regimeOfCountry,
  transferRule,
} from './legal-bases.ts'
import { namesRecipient, type RegisterRecipient } from './recipient-register.ts'
import type { BasisOnFile } from './transfers-config.ts'

/** Everything one transfer decision depends on; plain data plus one pure hash function. */
export interface TransferInput {
  readonly tenant: string
  /** ISO alpha-2 country of the tenant (its home regime), e.g. 'KR'. */
  readonly tenantCountry: string
  /** A public authority exercising public powers cannot use GDPR 49(1)(a)–(c) (Art. 49(3)). */
  readonly tenantIsPublicAuthority: boolean
  readonly service: string
  /** Detection categories of the request; only personal-information categories count. */
  readonly categories: readonly string[]
  /** The recipient chain (register entries), operator first. */
  readonly recipients: readonly RegisterRecipient[]
  /** Where the data was collected: 'KR' (default), 'EU' or an EEA country, 'CN'. */
  readonly dataOrigin?: string
  /** Bases recorded in configuration (any tenant's: those for other tenants are ignored). */
  readonly bases: readonly BasisOnFile[]
  /** The data subject's consent records (any state: invalid ones only explain the reason). */
  readonly consents: readonly ConsentRecord[]
  /** Countries the PIPC recognised under 28-8(1)5. */
  readonly recognisedCountries: readonly string[]
  /** ISO 8601 time of the decision. */
  readonly now: string
  /** Hash of the notice Sluice would show now for these items (see consent.ts `consentProblem`). */
  currentNoticeHash(items: readonly string[]): string
}

/** One recipient/regime pair and the basis it rests on. */
export interface TransferGround {
  readonly recipient: string
  readonly country: string
  readonly regime: Regime
  readonly basis: string
  readonly article: string
  readonly reference?: string
  readonly consentId?: string
}

/** A recipient/regime pair without a usable basis, and why (article cited). */
export interface MissingBasis {
  readonly recipient: string
  readonly country: string
  readonly regime: Regime
  readonly reason: string
  /** True when the data subject's consent on the consent page would supply the basis. */
  readonly consentable: boolean
}

/** The outcome of {@link evaluateTransfer}. */
export type TransferVerdict =
  | { readonly needed: false }
  | { readonly needed: true; readonly ok: true; readonly transfers: readonly TransferGround[] }
  | {
      readonly needed: true
      readonly ok: false
      readonly missing: readonly MissingBasis[]
      /** True when consent alone would cure every missing basis. */
      readonly consentPossible: boolean
      /** The pairs that do have a basis. */
      readonly transfers: readonly TransferGround[]
    }

/** The regimes a flow is judged under: the tenant's home regime, then the origin's when different. */
export function regimesFor(tenantCountry: string, dataOrigin: string): Regime[] {
  const out: Regime[] = []
  for (const country of [tenantCountry, dataOrigin]) {
    const regime = regimeOfCountry(country)
    if (regime !== undefined && !out.includes(regime)) out.push(regime)
  }
  return out
}

/**
 * Decides the transfer. `{ needed: false }` when no personal-information category was detected or every
 * recipient is inside every applicable regime; otherwise each recipient outside a regime needs a basis
 * of that regime whose conditions hold, and the verdict lists the grounds and what is missing.
 */
export function evaluateTransfer(input: TransferInput): TransferVerdict {
  const items = personalItems(input.categories)
  if (items.length === 0) return { needed: false }
  const regimes = regimesFor(input.tenantCountry, input.dataOrigin ?? 'KR')
  const home = regimeOfCountry(input.tenantCountry)
  const transfers: TransferGround[] = []
  const missing: MissingBasis[] = []
  let needed = false
  for (const recipient of input.recipients) {
    for (const regime of regimes) {
      if (!leavesRegime(regime, recipient.country)) continue
      // Data already lawfully in the tenant's country is under the origin regime only for onward flows.
      if (regime !== home && recipient.country === input.tenantCountry) continue
      needed = true
      const outcome = judge(input, recipient, regime)
      if ('basis' in outcome) transfers.push(outcome)
      else missing.push(outcome)
    }
  }
  if (!needed) return { needed: false }
  if (missing.length === 0) return { needed: true, ok: true, transfers }
  return { needed: true, ok: false, missing, consentPossible: missing.every((m) => m.consentable), transfers }
}

function judge(
  input: TransferInput,
  recipient: RegisterRecipient,
  regime: Regime,
): TransferGround | MissingBasis {
  const where = { recipient: recipient.legalName, country: recipient.country, regime }
  const nowMs = Date.parse(input.now)
  if (recipient.suspended !== null && Date.parse(recipient.suspended.from) <= nowMs) {
    return {
      ...where,
      reason: `PIPA Art. 28-9: transfers to ${recipient.legalName} are suspended by order ${recipient.suspended.orderRef} from ${recipient.suspended.from}`,
      consentable: false,
    }
  }
  if (regime === 'KR_PIPA' && recipient.reciprocityRestricted) {
    return {
      ...where,
      reason: `PIPA Art. 28-10: transfers to ${recipient.legalName} (${recipient.country}) are restricted on reciprocity`,
      consentable: false,
    }
  }
  const explained: string[] = []
  for (const basis of basesOf(regime)) {
    const check = checkBasis(input, recipient, basis)
    if (check.problems.length === 0) {
      return {
        ...where,
        basis: basis.code,
        article: basis.article,
        ...(check.reference === undefined ? {} : { reference: check.reference }),
        ...(check.consentId === undefined ? {} : { consentId: check.consentId }),
      }
    }
    // Bases the tenant recorded, and consent, are worth explaining; the rest would only be noise.
    if (check.onFile || basis.consent)
      explained.push(`${basis.code} (${basis.article}) ${check.problems.join('; ')}`)
  }
  const consentBasis = legalBasis(consentBasisOf[regime]) as LegalBasis
  const consentable = checkBasis(input, recipient, consentBasis).problems.every((p) =>
    p.startsWith(consentMissing),
  )
  const head = `${transferRule[regime]}: no usable legal basis for personal data to ${recipient.legalName} (${recipient.country})`
  return { ...where, reason: [head, ...explained].join('; '), consentable }
}

const consentMissing = 'needs a valid separate consent of the data subject'

interface BasisCheck {
  readonly problems: readonly string[]
  readonly onFile: boolean
  readonly reference?: string
  readonly consentId?: string
}

function checkBasis(input: TransferInput, recipient: RegisterRecipient, basis: LegalBasis): BasisCheck {
  const today = input.now.slice(0, 10)
  const filed = input.bases.find(
    (b) =>
      b.basis === basis.code &&
      (b.tenant === undefined || b.tenant === input.tenant) &&
      namesRecipient(recipient, b.recipient) &&
      (b.validUntil === undefined || b.validUntil >= today),
  )
  const problems: string[] = []
  let consentId: string | undefined
  const checks: Readonly<Record<BasisCondition, () => string | undefined>> = {
    'reference-on-file': () => (filed === undefined ? 'is not on file for this recipient' : undefined),
    'separate-consent': () => {
      const found = findConsent(input, consentBasisOf[basis.regime])
      if (found.id !== undefined) {
        consentId = found.id
        return undefined
      }
      return found.why === undefined ? consentMissing : `${consentMissing} (consent ${found.why})`
    },
    'own-purposes-excluded': () =>
      recipient.usesDataForOwnPurposes === true
        ? `is unavailable: ${recipient.legalName} uses the data for its own purposes (e.g. training), which makes the transfer a provision to a third party, not entrusted processing or storage`
        : recipient.usesDataForOwnPurposes === 'unknown'
          ? `is unavailable: the register does not establish that ${recipient.legalName} does not use the data for its own purposes`
          : undefined,
    'privacy-policy-disclosure': () =>
      filed?.privacyPolicyVersion === undefined
        ? 'needs the privacy-policy version disclosing the five items (Decree Art. 31(1)2)'
        : undefined,
    'recipient-certified': () => {
      const cert = recipient.certification
      if (cert === null)
        return `needs a PIPC-designated certification of ${recipient.legalName} in the register`
      if (cert.validUntil !== undefined && cert.validUntil < today)
        return `certification ${cert.reference} expired ${cert.validUntil}`
      return undefined
    },
    'country-recognised-pipc': () =>
      input.recognisedCountries.includes(recipient.country)
        ? undefined
        : `needs PIPC recognition of ${recipient.country} (none recorded)`,
    'country-adequate-eu': () =>
      euAdequateCountries.includes(recipient.country)
        ? undefined
        : `no adequacy decision for ${recipient.country}`,
    'not-public-authority': () =>
      input.tenantIsPublicAuthority
        ? 'is unavailable to public authorities exercising public powers (GDPR Art. 49(3))'
        : undefined,
    'pipl-38-basis': () =>
      input.bases.some(
        (b) =>
          b.basis.startsWith('CN_PIPL_38_') &&
          (b.tenant === undefined || b.tenant === input.tenant) &&
          namesRecipient(recipient, b.recipient),
      )
        ? undefined
        : 'needs a PIPL Art. 38 basis on file as well',
  }
  for (const condition of basis.conditions) {
    const problem = checks[condition]()
    if (problem !== undefined) problems.push(problem)
  }
  return {
    problems,
    onFile: filed !== undefined,
    ...(filed === undefined ? {} : { reference: filed.reference }),
    ...(consentId === undefined ? {} : { consentId }),
  }
}

function findConsent(input: TransferInput, consentBasis: string): { id?: string; why?: string } {
  let why: string | undefined
  const mine = input.consents.filter(
    (c) => c.tenant === input.tenant && c.service === input.service && c.bases.includes(consentBasis),
  )
  // Newest first: the reason shown for an invalid consent is that of the latest one.
  for (const record of [...mine].sort((a, b) => b.givenAt.localeCompare(a.givenAt))) {
    const problem = consentProblem(record, {
      now: input.now,
      categories: input.categories,
      currentNoticeHash: input.currentNoticeHash,
    })
    if (problem === undefined) return { id: record.id }
    why ??= `${record.id} ${consentProblemText[problem]}`
  }
  return why === undefined ? {} : { why }
}
