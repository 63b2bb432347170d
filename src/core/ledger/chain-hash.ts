// The hash chain. Each record's hash covers the previous record's hash, its own position and its
// canonical entry, so editing, deleting, inserting or reordering any record breaks the chain at that
// record. node:crypto is used for deterministic hashing only (ARCHITECTURE.md).
import { hash } from 'node:crypto'
import { CanonicalJsonError, canonicalJson } from './canonical-json.ts'
import { entryProblem, type LedgerEntry, type LedgerRecord, type StoredRecord } from './ledger-record.ts'

// Labels keep these hashes from ever equalling a hash computed for another purpose over the same bytes.
const recordLabel = 'sluice/ledger/v1/record\n'
const genesisLabel = 'sluice/ledger/v1/genesis'

// One-shot hashing (a string is hashed as UTF-8): about twice as fast as a Hash object per record.
const sha256Hex = (text: string): string => hash('sha256', text, 'hex')

/** The `prevHash` of record 1: the hash of an empty ledger. */
export const genesisHash: string = sha256Hex(genesisLabel)

/** The head of a chain: the last record's seq and hash (0 and {@link genesisHash} when empty). */
export interface ChainHead {
  readonly seq: number
  readonly hash: string
}

/** The head of an empty ledger. */
export const emptyHead: ChainHead = Object.freeze({ seq: 0, hash: genesisHash })

/**
 * The hash of record `seq` holding `entry`, chained to `prevHash`: SHA-256 (lowercase hex) over
 * `"sluice/ledger/v1/record\n" + prevHash + "\n" + seq + "\n" + canonicalJson(entry)`. Throws
 * {@link CanonicalJsonError} when the entry has no canonical form.
 */
export function hashRecord(prevHash: string, seq: number, entry: LedgerEntry): string {
  return hashCanonicalRecord(prevHash, seq, canonicalJson(entry, 'entry'))
}

/** {@link hashRecord} for an entry already in canonical JSON (as a store keeps it). */
export function hashCanonicalRecord(prevHash: string, seq: number, entryJson: string): string {
  return sha256Hex(`${recordLabel}${prevHash}\n${seq}\n${entryJson}`)
}

/** Why a record breaks the chain. */
export type ChainBreakReason = 'hash-mismatch' | 'prev-mismatch' | 'seq-gap' | 'malformed'

/** The first record that breaks the chain, and why. */
export interface ChainBreak {
  /** The broken record's seq as stored (the expected seq when the stored one is not a number). */
  readonly seq: number
  readonly reason: ChainBreakReason
  /** What exactly is wrong, for a person to read. */
  readonly detail: string
}

/** The outcome of checking a chain. `count` is how many records were found intact. */
export type ChainVerdict =
  | { readonly ok: true; readonly count: number; readonly headSeq: number; readonly headHash: string }
  | { readonly ok: false; readonly count: number; readonly firstBroken: ChainBreak }

/** A streaming chain checker: feed records in seq order, then read the verdict. */
export interface ChainVerifier {
  /** Checks the next record; returns the break it finds (and every later call returns the same one). */
  check(record: LedgerRecord | StoredRecord): ChainBreak | undefined
  verdict(): ChainVerdict
}

const hexHash = /^[0-9a-f]{64}$/

/**
 * A {@link ChainVerifier} that expects the record after `start` (by default the first record of the
 * ledger). Checks, in this order: the record's shape ('malformed'), that its seq follows ('seq-gap':
 * a deleted, inserted or moved record), that its hash matches its content ('hash-mismatch': an edited
 * record) and that it links to the record before ('prev-mismatch': a record replaced with its hash
 * recomputed). Records may come parsed ({@link LedgerRecord}: the entry must be valid and is hashed
 * in canonical form) or as stored ({@link StoredRecord}: the stored text is hashed as it is, which is
 * sound because only valid canonical text was ever hashed when appending). The records are untrusted
 * input: every field is checked at run time.
 */
export function createChainVerifier(start: ChainHead = emptyHead): ChainVerifier {
  let head: ChainHead = start
  let count = 0
  let broken: ChainBreak | undefined
  return {
    check(record) {
      if (broken !== undefined) return broken
      broken = findBreak(record, head)
      if (broken === undefined) {
        head = { seq: record.seq, hash: record.hash }
        count++
      }
      return broken
    },
    verdict() {
      return broken === undefined
        ? { ok: true, count, headSeq: head.seq, headHash: head.hash }
        : { ok: false, count, firstBroken: broken }
    },
  }
}

/** Checks `records` (in seq order) as a chain continuing from `start`; stops at the first break. */
export function verifyChain(
  records: Iterable<LedgerRecord | StoredRecord>,
  start: ChainHead = emptyHead,
): ChainVerdict {
  const verifier = createChainVerifier(start)
  for (const record of records) {
    if (verifier.check(record) !== undefined) break
  }
  return verifier.verdict()
}

function findBreak(record: LedgerRecord | StoredRecord, before: ChainHead): ChainBreak | undefined {
  const expected = before.seq + 1
  if (typeof record !== 'object' || record === null) {
    return { seq: expected, reason: 'malformed', detail: 'not a record object' }
  }
  const { seq, prevHash, hash } = record as { seq: unknown; prevHash: unknown; hash: unknown }
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) {
    return { seq: expected, reason: 'malformed', detail: `seq ${String(seq)} is not a positive integer` }
  }
  if (seq !== expected) {
    return {
      seq,
      reason: 'seq-gap',
      detail: `expected record #${expected} after #${before.seq}, found #${seq}`,
    }
  }
  if (typeof prevHash !== 'string' || typeof hash !== 'string') {
    return { seq, reason: 'malformed', detail: 'prevHash or hash is not text' }
  }
  const entryJson = entryTextOf(record)
  if (typeof entryJson !== 'string') return { seq, reason: 'malformed', detail: entryJson.problem }
  // The hex format is checked only when a comparison fails (to tell damage from tampering): a hash
  // equal to a computed digest, or a prevHash equal to the verified previous hash, is well formed.
  if (hashCanonicalRecord(prevHash, seq, entryJson) !== hash) {
    return hexHash.test(hash) && hexHash.test(prevHash)
      ? { seq, reason: 'hash-mismatch', detail: 'the stored hash does not match the record content' }
      : { seq, reason: 'malformed', detail: 'prevHash or hash is not 64 lowercase hex digits' }
  }
  if (prevHash !== before.hash) {
    return {
      seq,
      reason: 'prev-mismatch',
      detail: `prevHash is not the hash of record #${before.seq} (that record, or this one, was replaced)`,
    }
  }
  return undefined
}

// The exact text the record's hash must cover, or why there is none.
function entryTextOf(record: LedgerRecord | StoredRecord): string | { problem: string } {
  if ('entryJson' in record) {
    return typeof record.entryJson === 'string' ? record.entryJson : { problem: 'entryJson is not text' }
  }
  const problem = entryProblem(record.entry)
  if (problem !== undefined) return { problem: `entry: ${problem}` }
  try {
    return canonicalJson(record.entry, 'entry')
  } catch (error) {
    if (error instanceof CanonicalJsonError) return { problem: error.message }
    throw error
  }
}
