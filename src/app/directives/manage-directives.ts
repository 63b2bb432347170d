// Issuing and revoking directives: each change is kept in the directive store (where every gateway
// process reads it) and recorded in the ledger with who made it and under which order.
import type { Directive } from '../../core/directives/directive.ts'
import type { DirectiveEntry } from '../../core/ledger/ledger-record.ts'
import { SluiceError } from '../errors.ts'
import type { LedgerStore } from '../ledger-port.ts'
import type { DirectiveStore } from './directive-store-port.ts'
import { checkedDirective } from './stored-directive.ts'

/** What issuing and revoking need. */
export interface DirectiveDeps {
  readonly store: DirectiveStore
  readonly ledger: Pick<LedgerStore, 'append'>
  readonly now: () => Date
  /** A fresh directive id (e.g. `dir-` and random hex). */
  readonly newId: () => string
}

/** A directive to issue: everything but the id and issue time, which {@link issueDirective} sets. */
export type DirectiveOrder = Omit<Directive, 'id' | 'issuedAt' | 'revokedAt' | 'revokedBy'>

/**
 * Issues `order`: stores it (in force for every process from its `from` time) and records a
 * 'directive' ledger entry. When the ledger append fails, the directive is taken back out of the store
 * and the error rethrown, so no order is in force that the ledger does not show.
 */
export async function issueDirective(deps: DirectiveDeps, order: DirectiveOrder): Promise<Directive> {
  const directive = checkedDirective({ ...order, id: deps.newId(), issuedAt: deps.now().toISOString() })
  await deps.store.put(directive)
  try {
    await deps.ledger.append([directiveEntry(directive, 'issue', directive.issuedBy, directive.issuedAt)])
  } catch (error) {
    await deps.store.remove(directive.id)
    throw error
  }
  return directive
}

/**
 * Revokes directive `id` as `by`. The ledger record is written first: if the store then fails, the
 * directive stays in force (the safe side) and the error says so; revoking again completes it.
 */
export async function revokeDirective(deps: DirectiveDeps, id: string, by: string): Promise<Directive> {
  const current = await deps.store.get(id)
  if (current === undefined) throw new SluiceError('NOT_FOUND', `no directive with id '${id}'`)
  if (current.revokedAt !== undefined) {
    throw new SluiceError('INVALID_INPUT', `directive '${id}' was already revoked at ${current.revokedAt}`)
  }
  const at = deps.now().toISOString()
  await deps.ledger.append([directiveEntry(current, 'revoke', by, at)])
  return deps.store.revoke(id, at, by)
}

/** The ledger entry recording `action` on `directive` by `by` at `time`. */
export function directiveEntry(
  directive: Directive,
  action: DirectiveEntry['action'],
  by: string,
  time: string,
): DirectiveEntry {
  const { recipient, country, service } = directive.target
  return {
    kind: 'directive',
    time,
    action,
    directiveId: directive.id,
    directiveKind: directive.kind,
    ...(recipient === undefined ? {} : { recipient }),
    ...(country === undefined ? {} : { country }),
    ...(service === undefined ? {} : { service }),
    ...(directive.tenant === undefined ? {} : { tenant: directive.tenant }),
    from: directive.from,
    ...(directive.until === undefined ? {} : { until: directive.until }),
    ...(directive.range === undefined
      ? {}
      : { rangeFrom: directive.range.from, rangeTo: directive.range.to }),
    orderRef: directive.orderRef,
    ...(directive.basis === undefined ? {} : { basis: directive.basis }),
    by,
  }
}
