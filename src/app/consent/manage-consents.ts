// Consents by API: import consents collected elsewhere (validated, all or nothing), list a subject's
// consents with their current status, withdraw one. Each change is recorded in the ledger.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import {
  buildConsentNotice,
  type ConsentNotice,
  type ConsentProblem,
  type ConsentRecord,
  chainHash,
  consentProblem,
  noticeHash,
  personalCategories,
} from '../../core/transfers/consent.ts'
import { consentBasisOf } from '../../core/transfers/legal-bases.ts'
import { SluiceError } from '../errors.ts'
import { consentLedgerEntry, noticeHashFor, type TransferDeps } from './transfer-deps.ts'

const maxImport = 10_000
const consentBases = Object.values(consentBasisOf) as [string, ...string[]]
const isoTime = z.iso.datetime({ offset: true })

const importItemSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'letters, digits, _ . : - (at most 128)')
      .optional(),
    subject: z.string().min(1).max(256).optional().describe('pseudonymous subject as in the ledger'),
    user: z.string().min(1).max(256).optional().describe('user name; turned into the pseudonymous subject'),
    service: z.string().min(1),
    items: z.array(z.enum(personalCategories as [string, ...string[]])).min(1),
    bases: z.array(z.enum(consentBases)).min(1).default(['KR_PIPA_28_8_1_1']),
    givenAt: isoTime,
    expiresAt: isoTime.optional(),
    /** The notice hash the consent was given for (GET /v1/consents/notice); checked when given. */
    noticeHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    evidence: z.string().trim().min(1).max(1024).describe('where the proof of consent is kept'),
  })
  .refine((c) => (c.subject === undefined) !== (c.user === undefined), {
    error: 'give exactly one of subject or user',
  })

/** The JSON body of a consent import: an array of consents. */
export const consentImportSchema = z.array(importItemSchema).max(maxImport)

/**
 * Imports consents for `tenant`. Every item is checked before anything is written: the service must be
 * known, a given `noticeHash` must be that of the notice Sluice shows today for the service and items
 * (otherwise the consent was for a different notice, and 28-8(3) makes it void), times must be
 * consistent. Rejects with INVALID_INPUT naming the item; resolves with the records written.
 */
export async function importConsents(
  deps: TransferDeps,
  tenant: string,
  body: unknown,
): Promise<readonly ConsentRecord[]> {
  const parsed = consentImportSchema.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where =
      issue === undefined
        ? ''
        : issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')
    throw new SluiceError('INVALID_INPUT', `consent import${where}: ${issue?.message ?? 'invalid'}`)
  }
  const { register, settings } = deps.transfers()
  const now = deps.clock.now()
  const records: ConsentRecord[] = []
  const chains: (readonly { name: string; country: string }[])[] = []
  parsed.data.forEach((item, i) => {
    const fail = (message: string): never => {
      throw new SluiceError('INVALID_INPUT', `consent import[${i}]: ${message}`)
    }
    const chain = register.chainOf(item.service) ?? fail(`unknown service '${item.service}'`)
    const items = [...new Set(item.items)].sort()
    const hash = noticeHashFor(register, item.service, chain, items)
    if (item.noticeHash !== undefined && item.noticeHash !== hash) {
      fail('the consent was given for a notice that differs from the current one (PIPA Art. 28-8(3))')
    }
    if (Date.parse(item.givenAt) > now.getTime()) fail('givenAt is in the future')
    if (item.expiresAt !== undefined && Date.parse(item.expiresAt) <= Date.parse(item.givenAt)) {
      fail('expiresAt must be after givenAt')
    }
    let subject = item.subject
    if (subject === undefined) {
      if (deps.subjectOf === undefined) fail('this Sluice cannot map user names: give subject')
      subject = deps.subjectOf?.(tenant, item.user as string) as string
    }
    const givenAt = new Date(Date.parse(item.givenAt)).toISOString()
    records.push({
      id: item.id ?? deps.newId?.() ?? `cns_${randomUUID().replaceAll('-', '')}`,
      tenant,
      subject,
      service: item.service,
      bases: [...new Set(item.bases)].sort(),
      items,
      recipients: chain.map((r) => r.legalName),
      chainHash: chainHash(chain),
      noticeHash: hash,
      givenAt,
      expiresAt:
        item.expiresAt === undefined
          ? new Date(Date.parse(givenAt) + settings.consent.validDays * 86_400_000).toISOString()
          : new Date(Date.parse(item.expiresAt)).toISOString(),
      withdrawnAt: null,
      source: 'import',
      evidence: item.evidence,
    })
    chains.push(chain)
  })
  // Ids must be free before the ledger says anything about them.
  for (const record of records) {
    if ((await deps.consents.get(tenant, record.id)) !== undefined) {
      throw new SluiceError('INVALID_INPUT', `consent ${record.id} is already stored`)
    }
  }
  const time = now.toISOString()
  for (const [i, record] of records.entries()) {
    await deps.recordConsent(consentLedgerEntry(record, 'import', time, chains[i] ?? []))
  }
  await deps.consents.add(records)
  return records
}

/** A consent with whether it covers transfers today (for its own items). */
export interface ConsentStatus {
  readonly consent: ConsentRecord
  readonly valid: boolean
  readonly problem?: ConsentProblem
}

/** The subject's consents in `tenant`, each with its status against the current notice. */
export async function listConsents(
  deps: TransferDeps,
  tenant: string,
  subject: string,
): Promise<readonly ConsentStatus[]> {
  const { register } = deps.transfers()
  const now = deps.clock.now().toISOString()
  return (await deps.consents.forSubject(tenant, subject)).map((consent) => {
    const chain = register.chainOf(consent.service)
    const problem =
      chain === undefined
        ? ('notice-changed' as const)
        : consentProblem(consent, {
            now,
            categories: consent.items,
            currentNoticeHash: (items) => noticeHashFor(register, consent.service, chain, items),
          })
    return problem === undefined ? { consent, valid: true } : { consent, valid: false, problem }
  })
}

/** Withdraws a consent (recorded in the ledger); NOT_FOUND when the tenant has no such consent. */
export async function withdrawConsent(
  deps: TransferDeps,
  tenant: string,
  id: string,
): Promise<ConsentRecord> {
  const existing = await deps.consents.get(tenant, id)
  if (existing === undefined) throw new SluiceError('NOT_FOUND', `no consent ${id} in tenant ${tenant}`)
  if (existing.withdrawnAt !== null) return existing
  const at = deps.clock.now().toISOString()
  const chain = deps.transfers().register.chainOf(existing.service) ?? []
  await deps.recordConsent(consentLedgerEntry(existing, 'withdraw', at, chain))
  return (await deps.consents.withdraw(tenant, id, at)) ?? existing
}

/** The notice Sluice shows today for a service and items, and its hash (what imported consents cite). */
export function currentNotice(
  deps: TransferDeps,
  service: string,
  items: readonly string[],
): { readonly notice: ConsentNotice; readonly noticeHash: string } {
  const { register } = deps.transfers()
  const chain = register.chainOf(service)
  if (chain === undefined) throw new SluiceError('NOT_FOUND', `unknown service '${service}'`)
  const unknown = items.filter((i) => !personalCategories.includes(i))
  if (unknown.length > 0 || items.length === 0) {
    throw new SluiceError('INVALID_INPUT', `items must be some of ${personalCategories.join(', ')}`)
  }
  const notice = buildConsentNotice({
    service,
    serviceName: register.serviceName(service),
    chain,
    categories: items,
  })
  return { notice, noticeHash: noticeHash(notice) }
}
