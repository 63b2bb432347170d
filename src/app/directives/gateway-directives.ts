// What the gateway use case calls around a request that is about to leave: the directive check
// (suspensions, service blocks) and, with the vault on, keeping the content as sent.

import type { DataCategory } from '../../core/detection/entity-type.ts'
import type { DirectiveRequest, DirectiveVerdict } from '../../core/directives/apply-directives.ts'
import type { LedgerRecipient } from '../../core/ledger/ledger-record.ts'
import { GatewayError } from '../gateway/gateway-error.ts'
import type { ContentVault } from '../vault/content-vault.ts'

/**
 * Categories that make content personal data for a suspension. Device and network details count:
 * the PIPC treated the device and network information DeepSeek sent abroad as personal information.
 */
export const personalDataCategories: ReadonlySet<DataCategory> = new Set<DataCategory>([
  'personal_identifier',
  'sensitive',
  'device_information',
  'network_details',
])

/** The facts of a gateway request a directive binds on. */
export function directiveRequestOf(facts: {
  readonly tenant: string
  readonly service?: string
  readonly recipients: readonly LedgerRecipient[]
  readonly time: string
  /** Categories found in the request (before any redaction: pseudonymised data is still personal data). */
  readonly categories: readonly string[]
}): DirectiveRequest {
  return {
    tenant: facts.tenant,
    ...(facts.service === undefined ? {} : { service: facts.service }),
    recipients: facts.recipients,
    time: facts.time,
    personalData: facts.categories.some((c) => personalDataCategories.has(c as DataCategory)),
  }
}

/** The rule name a directive block is recorded under. */
export const directiveRule = (id: string): string => `directive:${id}`

/**
 * The refusal for a blocking verdict: POLICY_BLOCK with the directive's notice, naming the order so
 * the user knows it is not a policy setting that can be argued with locally.
 */
export function directiveRefusal(verdict: Extract<DirectiveVerdict, { blocked: true }>): GatewayError {
  const { directive, notice } = verdict
  return new GatewayError(
    'POLICY_BLOCK',
    `${notice.en} (directive ${directive.id}, order ${directive.orderRef})`,
    { rule: directiveRule(directive.id), notice },
  )
}

/**
 * Keeps `body` (the request exactly as it is forwarded) in the vault, once per recipient so that a
 * deletion order against any one of them finds it. A destination with no known recipient is kept
 * under the upstream's id.
 */
export async function keepSentContent(
  vault: ContentVault,
  sent: {
    readonly requestId: string
    readonly time: string
    readonly recipients: readonly LedgerRecipient[]
    readonly upstream: string
    readonly body: unknown
  },
): Promise<void> {
  const content = JSON.stringify(sent.body)
  const names =
    sent.recipients.length === 0 ? [sent.upstream] : [...new Set(sent.recipients.map((r) => r.name))]
  for (const recipient of names) {
    await vault.putContent({ requestId: sent.requestId, recipient, time: sent.time, content })
  }
}
