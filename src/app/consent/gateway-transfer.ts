// The one call the gateway makes after the policy decision: either the transfer facts to record with
// the request, or the refusal to send (consent required, with its link; or no basis at all).
import type { LedgerTransfer } from '../../core/ledger/ledger-record.ts'
import type { MissingBasis } from '../../core/transfers/evaluate-transfer.ts'
import { categoriesLeaving, checkTransfer, ledgerTransferOf } from './check-transfer.ts'
import type { TransferDeps } from './transfer-deps.ts'

/** Why the gateway must not send. */
export type TransferRefusal =
  | {
      readonly kind: 'consent_required'
      readonly consentUrl: string
      readonly message: string
      readonly missing: readonly MissingBasis[]
    }
  | { readonly kind: 'no_basis'; readonly message: string; readonly missing: readonly MissingBasis[] }

/** What the gateway knows at that point. */
export interface GatewayTransferInput {
  readonly tenant: string
  /** The ledger's pseudonymous subject. */
  readonly subject: string
  /** Catalog service id of the (routed) destination; undefined = no catalog entry, nothing to judge. */
  readonly service: string | undefined
  readonly recipients: readonly { readonly name: string; readonly country: string }[]
  readonly summary: readonly { readonly type: string; readonly category: string }[]
  readonly decision: { readonly action: string; readonly transformTypes?: readonly string[] | undefined }
  readonly dataOrigin?: string
}

const leaving = new Set(['allow', 'redact', 'pseudonymise', 'route'])

/**
 * Judges the transfer of a request whose decision lets content leave. Resolves with `{ transfer }` (the
 * ledger field; undefined when no transfer needed a basis) or `{ refuse }`.
 */
export async function judgeGatewayTransfer(
  deps: TransferDeps,
  input: GatewayTransferInput,
): Promise<{ readonly transfer: LedgerTransfer | undefined } | { readonly refuse: TransferRefusal }> {
  if (input.service === undefined || !leaving.has(input.decision.action)) return { transfer: undefined }
  const check = await checkTransfer(deps, {
    tenant: input.tenant,
    subject: input.subject,
    service: input.service,
    recipients: input.recipients,
    categories: categoriesLeaving(input.summary, input.decision),
    ...(input.dataOrigin === undefined ? {} : { dataOrigin: input.dataOrigin }),
  })
  if (!check.needed || check.ok) return { transfer: ledgerTransferOf(check, input.dataOrigin ?? 'KR') }
  const reasons = check.missing.map((m) => m.reason).join(' | ')
  if (check.consentPossible && check.consentUrl !== undefined) {
    return {
      refuse: {
        kind: 'consent_required',
        consentUrl: check.consentUrl,
        message: `personal data in this request would be transferred abroad without a legal basis; give your separate consent at ${check.consentUrl} and send the request again (${reasons})`,
        missing: check.missing,
      },
    }
  }
  return {
    refuse: {
      kind: 'no_basis',
      message: `personal data in this request may not be transferred abroad: ${reasons}`,
      missing: check.missing,
    },
  }
}
