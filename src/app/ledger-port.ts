// The ledger's storage port. SQLite (embedded default) and PostgreSQL (scale-out) adapters implement
// it and must pass the same contract suite (ledger-store.contract.ts).
import type { ChainHead } from '../core/ledger/chain-hash.ts'
import type { LedgerQuery, QueryPage } from '../core/ledger/ledger-query.ts'
import type { LedgerEntry, LedgerRecord, StoredRecord } from '../core/ledger/ledger-record.ts'

/** An append-only, hash-chained store of ledger records. */
export interface LedgerStore {
  /**
   * Appends `entries` atomically and in order, chained to the head as it is in the store at that moment
   * (read inside the same transaction, so two writers on one store cannot fork the chain). Resolves
   * with the new records; an empty list appends nothing. Rejects with SluiceError INVALID_INPUT, writing
   * nothing, when any entry is malformed.
   */
  append(entries: readonly LedgerEntry[]): Promise<readonly LedgerRecord[]>
  /** The last record's seq and hash: `{ seq: 0, hash: genesisHash }` when the ledger is empty. */
  head(): Promise<ChainHead>
  /**
   * Up to `limit` records from seq `fromSeq` on, in seq order. Rejects with INVALID_INPUT for a
   * `fromSeq` below 1 or a negative limit, and with INTERNAL when a stored row does not decode (a
   * damaged ledger: `sluice ledger verify` names the record).
   */
  read(fromSeq: number, limit: number): Promise<readonly LedgerRecord[]>
  /** Like {@link read}, but the rows as stored, entry text unparsed: what verification hashes. */
  readStored(fromSeq: number, limit: number): Promise<readonly StoredRecord[]>
  /**
   * The records matching `filter` (ledger-query.ts: every given field must hold), up to `page.limit`
   * with seq above `page.afterSeq`, in seq order; page on with the last seq returned. Uses the
   * store's indexes, never a scan of entry texts. Rejects with INVALID_INPUT for a bad filter or page,
   * and with INTERNAL when a matching row does not decode.
   */
  query(filter: LedgerQuery, page: QueryPage): Promise<readonly LedgerRecord[]>
  /** Like {@link query}, but the rows as stored (what an evidence bundle carries). */
  queryStored(filter: LedgerQuery, page: QueryPage): Promise<readonly StoredRecord[]>
  /** How many records the ledger holds. */
  count(): Promise<number>
  /** Releases the store; it is unusable afterwards. */
  close(): Promise<void>
}
