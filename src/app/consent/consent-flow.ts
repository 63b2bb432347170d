// The consent page flow: show the five notice items for a signed link, record the consent when the data
// subject accepts. The link is valid only for the notice it was issued for: when any item has changed
// since (a new recipient, another country), the page says so and no consent is taken for the old notice.
import { randomUUID } from 'node:crypto'
import {
  buildConsentNotice,
  type ConsentRecord,
  chainHash,
  noticeHash,
} from '../../core/transfers/consent.ts'
import { renderConsentPage, renderConsentResult } from '../../core/transfers/consent-page.ts'
import { type ConsentTokenClaims, verifyConsentToken } from '../../core/transfers/consent-token.ts'
import type { RegisterRecipient } from '../../core/transfers/recipient-register.ts'
import { consentLedgerEntry, type TransferDeps } from './transfer-deps.ts'

/** An HTML answer for the consent page's HTTP adapter. */
export interface ConsentPageOutcome {
  readonly status: number
  readonly html: string
  /** The consent recorded (accept only). */
  readonly consent?: ConsentRecord
}

type Opened =
  | {
      readonly ok: true
      readonly claims: ConsentTokenClaims
      readonly chain: readonly RegisterRecipient[]
      readonly hash: string
      readonly html: (action: string) => string
    }
  | { readonly ok: false; readonly outcome: ConsentPageOutcome }

function open(deps: TransferDeps, token: string): Opened {
  const verified = verifyConsentToken(deps.tokenKey, token, Math.floor(deps.clock.now().getTime() / 1000))
  if (!verified.ok) {
    return {
      ok: false,
      outcome: {
        status: verified.problem === 'expired' ? 410 : 400,
        html: renderConsentResult('invalid', verified.problem),
      },
    }
  }
  const claims = verified.claims
  const { register } = deps.transfers()
  const chain = register.chainOf(claims.service)
  if (chain === undefined) {
    return { ok: false, outcome: { status: 410, html: renderConsentResult('invalid', 'unknown service') } }
  }
  const notice = buildConsentNotice({
    service: claims.service,
    serviceName: register.serviceName(claims.service),
    chain,
    categories: claims.items,
  })
  const hash = noticeHash(notice)
  if (hash !== claims.noticeHash || chainHash(chain) !== claims.chainHash) {
    return {
      ok: false,
      outcome: {
        status: 409,
        html: renderConsentResult('changed', 'send the request again for a link to the current notice'),
      },
    }
  }
  return {
    ok: true,
    claims,
    chain,
    hash,
    html: (action) => renderConsentPage({ notice, noticeHash: hash, bases: claims.bases, action }),
  }
}

/** GET /consent/<token>: the page with the five items, or why the link does not work. */
export function showConsentPage(deps: TransferDeps, token: string, action: string): ConsentPageOutcome {
  const opened = open(deps, token)
  return opened.ok ? { status: 200, html: opened.html(action) } : opened.outcome
}

/**
 * POST /consent/<token>: `decision` 'accept' records the consent (ledger first, then the store, so no
 * consent takes effect without its ledger record); 'refuse' records nothing. `shownNotice` is the hash the
 * page was rendered with: a notice that changed in between is refused.
 */
export async function answerConsent(
  deps: TransferDeps,
  token: string,
  form: { readonly decision: string | undefined; readonly shownNotice: string | undefined },
): Promise<ConsentPageOutcome> {
  const opened = open(deps, token)
  if (!opened.ok) return opened.outcome
  if (form.decision === 'refuse') return { status: 200, html: renderConsentResult('refused') }
  if (form.decision !== 'accept') {
    return { status: 400, html: renderConsentResult('invalid', "decision must be 'accept' or 'refuse'") }
  }
  if (form.shownNotice !== opened.hash) return { status: 409, html: renderConsentResult('changed') }
  const { settings } = deps.transfers()
  const now = deps.clock.now()
  const { claims, chain } = opened
  const record: ConsentRecord = {
    id: deps.newId?.() ?? `cns_${randomUUID().replaceAll('-', '')}`,
    tenant: claims.tenant,
    subject: claims.subject,
    service: claims.service,
    bases: claims.bases,
    items: claims.items,
    recipients: chain.map((r) => r.legalName),
    chainHash: claims.chainHash,
    noticeHash: opened.hash,
    givenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + settings.consent.validDays * 86_400_000).toISOString(),
    withdrawnAt: null,
    source: 'page',
    evidence: null,
  }
  await deps.recordConsent(consentLedgerEntry(record, 'give', record.givenAt, chain))
  await deps.consents.add([record])
  return { status: 200, html: renderConsentResult('accepted', `consent ${record.id}`), consent: record }
}
