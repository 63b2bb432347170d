// What the transfer and consent use cases talk to, and the helpers they share.
import type { ConsentEntry } from '../../core/ledger/ledger-record.ts'
import { buildConsentNotice, type ConsentRecord, noticeHash } from '../../core/transfers/consent.ts'
import {
  legalNameOf,
  type RecipientRegister,
  type RegisterRecipient,
} from '../../core/transfers/recipient-register.ts'
import type { TransfersConfig } from '../../core/transfers/transfers-config.ts'
import type { ConsentStore } from './consent-store-port.ts'

/** The register and settings in force (hot reload swaps the snapshot between requests). */
export interface TransfersSnapshot {
  readonly register: RecipientRegister
  readonly settings: TransfersConfig
}

/** Dependencies of the transfer and consent use cases. */
export interface TransferDeps {
  transfers(): TransfersSnapshot
  readonly consents: ConsentStore
  /** Key that signs consent links (HMAC-SHA-256); the gateway's hash key will do. */
  readonly tokenKey: Uint8Array
  readonly clock: { now(): Date }
  /** Base URL of consent links when `transfers.consent.publicUrl` is not set, e.g. http://127.0.0.1:8080. */
  readonly publicUrl?: string
  /** Appends a consent record to the ledger; resolves once durable. */
  recordConsent(entry: ConsentEntry): Promise<void>
  /** A fresh consent id (default: random). */
  newId?(): string
  /** The pseudonymous subject of a user name (for imports naming users), as the gateway computes it. */
  subjectOf?(tenant: string, user: string): string
}

/** The register entries of `recipients` ({name, country} as the gateway has them) in `service`'s chain. */
export function resolveChain(
  register: RecipientRegister,
  service: string,
  recipients: readonly { readonly name: string; readonly country: string }[],
): RegisterRecipient[] {
  return recipients.map(
    (r) =>
      register.find(r.name, service) ??
      register.find(r.name) ??
      // A recipient the register does not know: nothing established about it, so nothing is assumed.
      Object.freeze({
        name: r.name,
        legalName: legalNameOf(r.name),
        country: r.country,
        role: 'controller' as const,
        service,
        link: 'recipient' as const,
        usesDataForOwnPurposes: 'unknown' as const,
        certification: null,
        domesticRepresentative: null,
        contact: null,
        purpose: null,
        retention: null,
        suspended: null,
        reciprocityRestricted: false,
      }),
  )
}

/** The hash of the notice Sluice shows today for `service`'s chain and `items`. */
export function noticeHashFor(
  register: RecipientRegister,
  service: string,
  chain: readonly RegisterRecipient[],
  items: readonly string[],
): string {
  return noticeHash(
    buildConsentNotice({ service, serviceName: register.serviceName(service), chain, categories: items }),
  )
}

/** The ledger entry recording a consent given, imported or withdrawn. */
export function consentLedgerEntry(
  record: ConsentRecord,
  action: ConsentEntry['action'],
  time: string,
  chain: readonly { readonly name: string; readonly country: string }[],
): ConsentEntry {
  return {
    kind: 'consent',
    time,
    action,
    consentId: record.id,
    tenant: record.tenant,
    subject: record.subject,
    service: record.service,
    bases: record.bases,
    items: record.items,
    recipients: chain.map((r) => ({ name: r.name, country: r.country })),
    noticeHash: record.noticeHash,
    ...(record.expiresAt === null ? {} : { expiresAt: record.expiresAt }),
  }
}

/** Settings of `tenant` (home country, public authority), with the defaults. */
export function tenantFacts(
  settings: TransfersConfig,
  tenant: string,
): { readonly country: string; readonly publicAuthority: boolean } {
  return settings.tenants[tenant] ?? { country: 'KR', publicAuthority: false }
}
