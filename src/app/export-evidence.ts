// `sluice ledger export`: selects records, checkpoints the ledger so the newest records are covered,
// proves each selected record against that checkpoint, and lays out the bundle's files
// (evidence-bundle.ts). The whole ledger up to the checkpoint is chain-checked on the way: a bundle
// is never made from a broken ledger.
import { createChainVerifier } from '../core/ledger/chain-hash.ts'
import { type EarlierCheckpoint, type EvidenceFile, evidenceFiles } from '../core/ledger/evidence-bundle.ts'
import { type LedgerQuery, normaliseQuery } from '../core/ledger/ledger-query.ts'
import type { StoredRecord } from '../core/ledger/ledger-record.ts'
import { buildMerkleTree } from '../core/ledger/merkle.ts'
import type { LedgerDatabase } from './checkpoint-port.ts'
import type { Checkpointer } from './checkpointer.ts'
import { SluiceError } from './errors.ts'

/** What to export. */
export interface ExportEvidenceRequest {
  /** Which records (typically recipient, from, to). */
  readonly filter: LedgerQuery
  /** When the bundle is made, ISO 8601 (the caller's clock). */
  readonly createdAt: string
  /** Documents to add (directives, erasure records, a recipient's confirmation). */
  readonly extraFiles?: readonly EvidenceFile[]
  /** Most records in one bundle (default 1,000,000): more is an INVALID_INPUT asking for a narrower range. */
  readonly maxRecords?: number
}

const batch = 10_000

/**
 * The files of an evidence bundle over `db`. Makes a checkpoint first (with `checkpointer`, signed
 * by the key whose public half is `publicKeyPem`). Rejects with NOT_FOUND for an empty ledger, with
 * INTERNAL when the chain is broken or does not give the checkpoint's root, and with INVALID_INPUT
 * for a bad filter or too many records.
 */
export async function exportEvidence(
  db: LedgerDatabase,
  checkpointer: Checkpointer,
  publicKeyPem: string,
  request: ExportEvidenceRequest,
): Promise<EvidenceFile[]> {
  const maxRecords = request.maxRecords ?? 1_000_000
  // Checked before checkpointing, so a mistyped filter changes nothing.
  const query = normaliseQuery(request.filter)
  if (typeof query === 'string') throw new SluiceError('INVALID_INPUT', `export filter: ${query}`)
  const checkpoint = await checkpointer.checkpointNow()
  if (checkpoint === undefined || checkpoint.treeSize === 0) {
    throw new SluiceError('NOT_FOUND', 'the ledger is empty: there is nothing to export')
  }
  const { treeSize } = checkpoint

  // Every record hash up to the checkpoint, chain-checked: the tree the proofs come from.
  const hashes: string[] = []
  const verifier = createChainVerifier()
  // Bounded: each turn reads up to `batch` records and stops at treeSize or a short read.
  while (hashes.length < treeSize) {
    const rows = await db.readStored(hashes.length + 1, Math.min(batch, treeSize - hashes.length))
    for (const row of rows) {
      const broken = verifier.check(row)
      if (broken !== undefined) {
        throw new SluiceError(
          'INTERNAL',
          `cannot export: record #${broken.seq} breaks the chain (${broken.reason}: ${broken.detail}); run 'sluice ledger verify'`,
        )
      }
      hashes.push(row.hash)
    }
    if (rows.length === 0) break
  }
  const tree = buildMerkleTree(hashes)
  if (hashes.length !== treeSize || tree.root() !== checkpoint.rootHash) {
    throw new SluiceError(
      'INTERNAL',
      `cannot export: the ledger does not give the root of its checkpoint of ${treeSize} records`,
    )
  }

  const records: StoredRecord[] = []
  let afterSeq = 0
  // Bounded: afterSeq rises with every non-empty page; pages stop at treeSize.
  for (;;) {
    const page = await db.queryStored(request.filter, { limit: batch, afterSeq })
    for (const row of page) {
      if (row.seq > treeSize) break
      records.push(row)
      if (records.length > maxRecords) {
        throw new SluiceError(
          'INVALID_INPUT',
          `more than ${maxRecords} records match: narrow the range (--from/--to)`,
        )
      }
    }
    const last = page.at(-1)
    if (last === undefined || last.seq >= treeSize || page.length < batch) break
    afterSeq = last.seq
  }

  const inRange = await db.listCheckpoints({
    ...(request.filter.from === undefined ? {} : { from: request.filter.from }),
    ...(request.filter.to === undefined ? {} : { to: request.filter.to }),
    limit: 10_000,
  })
  const earlier: EarlierCheckpoint[] = inRange
    .filter((cp) => cp.treeSize > 0 && cp.treeSize < treeSize)
    .map(({ frontier: _, ...cp }) => ({
      checkpoint: cp,
      consistencyProof: tree.consistencyProof(cp.treeSize),
    }))

  const { frontier: _, ...signed } = checkpoint
  return evidenceFiles({
    records,
    proofs: records.map((r) => tree.inclusionProof(r.seq - 1)),
    checkpoint: signed,
    earlier,
    publicKeyPem,
    filter: request.filter,
    createdAt: request.createdAt,
    ...(request.extraFiles === undefined ? {} : { extraFiles: request.extraFiles }),
  })
}
