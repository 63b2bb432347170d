// The regulator-order workflow for "delete what went to X" (PIPC's DeepSeek findings: destroy the
// prompts sent to Volcano Engine): issue a delete-data directive, crypto-shred the vault's copies,
// record the erasure with counts, and write the deletion request the recipient must confirm.

import { type AffectedRecord, deletionLetter } from '../../core/directives/deletion-letter.ts'
import type { Directive } from '../../core/directives/directive.ts'
import { sameRecipient, type TimeRange } from '../../core/directives/directive.ts'
import type { ErasureEntry, LedgerRecord } from '../../core/ledger/ledger-record.ts'
import { SluiceError } from '../errors.ts'
import type { LedgerStore } from '../ledger-port.ts'
import type { ContentVault } from '../vault/content-vault.ts'
import type { VaultRemoval } from '../vault/vault-store-port.ts'
import type { DeletionRequest, DeletionRequestStore } from './deletion-request-port.ts'
import { type DirectiveDeps, issueDirective } from './manage-directives.ts'

/** What the workflow needs. */
export interface DeleteDataDeps extends DirectiveDeps {
  readonly ledger: Pick<LedgerStore, 'append' | 'read'>
  /** The content vault; absent when it is off (nothing is kept, so nothing is erased locally). */
  readonly vault?: ContentVault
  readonly deletionRequests: DeletionRequestStore
  /** A fresh deletion-request id. */
  readonly newRequestId: () => string
  /** The organisation named as sender in the letter. */
  readonly organisation?: string
}

/** The order to carry out. */
export interface DeleteDataOrder {
  readonly recipient: string
  readonly range: TimeRange
  readonly orderRef: string
  readonly basis?: string
  /** Who issues it. */
  readonly by: string
}

/** What the workflow did. */
export interface DeleteDataResult {
  readonly directive: Directive
  readonly removal: VaultRemoval
  /** The transfer records the letter lists. */
  readonly records: readonly AffectedRecord[]
  /** The ledger record of the erasure. */
  readonly erasure: LedgerRecord
  readonly request: DeletionRequest
}

/**
 * Carries out `order` for every tenant (the vault keys content by recipient and day, not by tenant,
 * and a regulator's deletion order binds the whole organisation): a delete-data directive (recorded), the vault erasure, an 'erasure' ledger
 * record with the counts, and a deletion request (status sent) with its letter. The decision records
 * of the erased transfers stay as they are, hashes included: the chain still verifies.
 */
export async function deleteRecipientData(
  deps: DeleteDataDeps,
  order: DeleteDataOrder,
): Promise<DeleteDataResult> {
  const directive = await issueDirective(deps, {
    kind: 'delete-data',
    target: { recipient: order.recipient },
    from: deps.now().toISOString(),
    range: order.range,
    orderRef: order.orderRef,
    ...(order.basis === undefined ? {} : { basis: order.basis }),
    issuedBy: order.by,
  })
  const range = directive.range as TimeRange
  const removal =
    deps.vault === undefined
      ? { entries: 0, keysDestroyed: 0, keysReplaced: 0 }
      : await deps.vault.eraseRecipient(order.recipient, range)
  const records = await transfersTo(deps.ledger, order.recipient, range)
  const time = deps.now().toISOString()
  const entry: ErasureEntry = {
    kind: 'erasure',
    time,
    directiveId: directive.id,
    recipient: order.recipient,
    rangeFrom: range.from,
    rangeTo: range.to,
    contents: removal.entries,
    keysDestroyed: removal.keysDestroyed,
    keysReplaced: removal.keysReplaced,
    records: records.length,
    by: order.by,
  }
  let erasure: LedgerRecord
  try {
    const [record] = await deps.ledger.append([entry])
    erasure = record as LedgerRecord
  } catch (error) {
    throw new SluiceError(
      'INTERNAL',
      `the vault erasure for directive ${directive.id} is done (${removal.entries} contents, ${removal.keysDestroyed} keys destroyed) but its ledger record failed: ${String(error)}`,
      { cause: error },
    )
  }
  const requestId = deps.newRequestId()
  const letter = deletionLetter({
    requestId,
    orderRef: order.orderRef,
    ...(order.basis === undefined ? {} : { basis: order.basis }),
    recipient: order.recipient,
    range,
    records,
    ...(deps.organisation === undefined ? {} : { organisation: deps.organisation }),
    issuedAt: time,
    issuedBy: order.by,
  })
  const request: DeletionRequest = {
    id: requestId,
    directiveId: directive.id,
    recipient: order.recipient,
    orderRef: order.orderRef,
    range,
    createdAt: time,
    createdBy: order.by,
    records: records.length,
    letter,
    status: 'sent',
  }
  await deps.deletionRequests.create(request)
  return { directive, removal, records, erasure, request }
}

/** Actions under which a request's content left for its destination. */
const sentActions = new Set(['allow', 'redact', 'pseudonymise', 'route'])

/**
 * The request records of content sent to `recipient` within `range` (and `tenant`, when given), read
 * from the ledger in batches so memory stays bounded by the matches.
 */
export async function transfersTo(
  ledger: Pick<LedgerStore, 'read'>,
  recipient: string,
  range: TimeRange,
  tenant?: string,
): Promise<AffectedRecord[]> {
  const from = Date.parse(range.from)
  const to = Date.parse(range.to)
  const found: AffectedRecord[] = []
  const batch = 10_000
  // Bounded: each turn reads past at least one record or stops.
  for (let next = 1; ; ) {
    const records = await ledger.read(next, batch)
    for (const { seq, entry } of records) {
      if (entry.kind !== 'decision' || entry.direction !== 'request' || !sentActions.has(entry.action))
        continue
      if (tenant !== undefined && entry.tenant !== tenant) continue
      const t = Date.parse(entry.time)
      if (t < from || t >= to) continue
      if (!entry.recipients.some((r) => sameRecipient(r.name, recipient))) continue
      found.push({ seq, time: entry.time, requestId: entry.requestId, categories: [...entry.categories] })
    }
    if (records.length < batch) return found
    next = (records.at(-1)?.seq ?? next) + 1
  }
}
