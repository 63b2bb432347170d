// The consent store port. SQLite (state.db) and PostgreSQL adapters implement it and pass the same
// contract suite (consent-store.contract.ts).
import type { ConsentRecord } from '../../core/transfers/consent.ts'

/** Consent records: added, read per data subject, withdrawn. Records are never deleted or edited otherwise. */
export interface ConsentStore {
  /**
   * Adds `records` atomically. Rejects with SluiceError INVALID_INPUT, writing nothing, when an id is
   * already stored or repeated in the list.
   */
  add(records: readonly ConsentRecord[]): Promise<void>
  /** The subject's consents in this tenant, every state, oldest first (by givenAt, then id). */
  forSubject(tenant: string, subject: string): Promise<readonly ConsentRecord[]>
  /** One consent of the tenant by id. */
  get(tenant: string, id: string): Promise<ConsentRecord | undefined>
  /**
   * Marks the consent withdrawn at `at` (ISO time) and returns it; a consent already withdrawn keeps its
   * first withdrawal time. Undefined when the tenant has no consent with this id.
   */
  withdraw(tenant: string, id: string, at: string): Promise<ConsentRecord | undefined>
  /** Releases the store. */
  close(): Promise<void>
}
