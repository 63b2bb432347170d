// The gateway's transfer check: may this request's personal data reach every recipient of the
// service's chain on a recorded basis? When only the data subject's consent is missing, the verdict
// carries a signed link to the consent page.
import type { LedgerTransfer } from '../../core/ledger/ledger-record.ts'
import { chainHash, personalItems } from '../../core/transfers/consent.ts'
import { signConsentToken } from '../../core/transfers/consent-token.ts'
import { evaluateTransfer, type TransferVerdict } from '../../core/transfers/evaluate-transfer.ts'
import { consentBasisOf, pipcRecognisedCountries } from '../../core/transfers/legal-bases.ts'
import { noticeHashFor, resolveChain, type TransferDeps, tenantFacts } from './transfer-deps.ts'

/** One request's transfer question. */
export interface TransferRequest {
  readonly tenant: string
  /** Pseudonymous subject, as in the ledger. */
  readonly subject: string
  /** Catalog service id. */
  readonly service: string
  /** The chain as the gateway resolved it (`Destination.recipients`). */
  readonly recipients: readonly { readonly name: string; readonly country: string }[]
  /** Detection categories of the content that would leave. */
  readonly categories: readonly string[]
  /** 'KR' (default), 'EU' or an EEA country, 'CN'. */
  readonly dataOrigin?: string
}

/** The verdict, with a consent link when consent alone would cure it. */
export type TransferCheck = TransferVerdict & { readonly consentUrl?: string }

/** Decides the transfer (see `evaluateTransfer`), reading the subject's consents only when they matter. */
export async function checkTransfer(deps: TransferDeps, request: TransferRequest): Promise<TransferCheck> {
  const { register, settings } = deps.transfers()
  const chain = resolveChain(register, request.service, request.recipients)
  const facts = tenantFacts(settings, request.tenant)
  const now = deps.clock.now()
  const base = {
    tenant: request.tenant,
    tenantCountry: facts.country,
    tenantIsPublicAuthority: facts.publicAuthority,
    service: request.service,
    categories: request.categories,
    recipients: chain,
    ...(request.dataOrigin === undefined ? {} : { dataOrigin: request.dataOrigin }),
    bases: settings.bases,
    recognisedCountries: [...pipcRecognisedCountries, ...settings.recognisedCountries],
    now: now.toISOString(),
    currentNoticeHash: (items: readonly string[]) => noticeHashFor(register, request.service, chain, items),
  }
  // Most flows are decided without the consent store: no personal data, domestic, or a basis on file.
  let verdict = evaluateTransfer({ ...base, consents: [] })
  if (!verdict.needed || verdict.ok || !verdict.missing.some((m) => m.consentable)) return verdict
  const consents = await deps.consents.forSubject(request.tenant, request.subject)
  if (consents.length > 0) verdict = evaluateTransfer({ ...base, consents })
  if (!verdict.needed || verdict.ok || !verdict.consentPossible) return verdict
  const items = personalItems(request.categories)
  const token = signConsentToken(deps.tokenKey, {
    tenant: request.tenant,
    subject: request.subject,
    service: request.service,
    chainHash: chainHash(chain),
    noticeHash: base.currentNoticeHash(items),
    items,
    bases: [...new Set(verdict.missing.map((m) => consentBasisOf[m.regime]))],
    expires: Math.floor(now.getTime() / 1000) + settings.consent.tokenMinutes * 60,
  })
  const origin = (settings.consent.publicUrl ?? deps.publicUrl ?? '').replace(/\/+$/, '')
  return { ...verdict, consentUrl: `${origin}/consent/${token}` }
}

/** The transfer facts a ledger record carries for an allowed flow (undefined when no transfer was needed). */
export function ledgerTransferOf(verdict: TransferVerdict, dataOrigin = 'KR'): LedgerTransfer | undefined {
  if (!verdict.needed) return undefined
  return {
    origin: dataOrigin,
    grounds: verdict.transfers.map((t) => ({
      recipient: t.recipient,
      country: t.country,
      basis: t.basis,
      ...(t.reference === undefined ? {} : { reference: t.reference }),
      ...(t.consentId === undefined ? {} : { consentId: t.consentId }),
    })),
  }
}

/**
 * The detection categories whose values actually leave after the decision's transform: everything on
 * allow/route; on redact/pseudonymise only the types the decision did not transform (none when it
 * transforms every type).
 */
export function categoriesLeaving(
  summary: readonly { readonly type: string; readonly category: string }[],
  decision: { readonly action: string; readonly transformTypes?: readonly string[] | undefined },
): string[] {
  const transforms = decision.action === 'redact' || decision.action === 'pseudonymise'
  const only = decision.transformTypes === undefined ? undefined : new Set(decision.transformTypes)
  const left = summary.filter((s) => !transforms || (only !== undefined && !only.has(s.type)))
  return [...new Set(left.map((s) => s.category))].sort()
}
