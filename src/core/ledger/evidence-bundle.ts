// An evidence bundle: a directory a regulator, auditor or court can check with nothing but the files
// in it (and, to be sure whose ledger it is, the operator's public key). It holds the selected records
// exactly as stored, a Merkle inclusion proof of each against a signed checkpoint, that checkpoint
// (and earlier ones in range with consistency proofs to it), the public key, any extra documents, a
// human-readable summary and a manifest of SHA-256 digests. Building and checking are pure functions
// over file contents; reading and writing the directory is the caller's.
import { createHash } from 'node:crypto'
import { CanonicalJsonError, canonicalJson } from './canonical-json.ts'
import { hashCanonicalRecord } from './chain-hash.ts'
import { type Checkpoint, checkpointProblem, checkpointSignatureValid } from './checkpoint.ts'
import { evidenceSummaryHtml } from './evidence-summary.ts'
import type { LedgerQuery } from './ledger-query.ts'
import type { StoredRecord } from './ledger-record.ts'
import { verifyConsistency, verifyInclusion } from './merkle.ts'

/** One file of a bundle. */
export interface EvidenceFile {
  readonly name: string
  readonly content: string
}

/** A checkpoint before the bundle's one, with the proof that the bundle's tree extends it. */
export interface EarlierCheckpoint {
  readonly checkpoint: Checkpoint
  readonly consistencyProof: readonly string[]
}

/** Everything a bundle is made of. */
export interface EvidenceInput {
  /** The selected records as stored, in seq order, all within the checkpoint's tree. */
  readonly records: readonly StoredRecord[]
  /** The inclusion proof of each record (same order) against `checkpoint`. */
  readonly proofs: readonly (readonly string[])[]
  readonly checkpoint: Checkpoint
  readonly earlier: readonly EarlierCheckpoint[]
  readonly publicKeyPem: string
  /** What was selected (for the summary). */
  readonly filter: LedgerQuery
  /** When the bundle was made, ISO 8601. */
  readonly createdAt: string
  /** Further documents (directives, erasure records, a recipient's confirmation). */
  readonly extraFiles?: readonly EvidenceFile[]
}

/** The fixed file names of a bundle. */
export const bundleFiles = {
  records: 'records.jsonl',
  proofs: 'proofs.jsonl',
  checkpoints: 'checkpoints.json',
  publicKey: 'public-key.pem',
  summary: 'summary.html',
  manifest: 'manifest.json',
} as const

const reserved = new Set<string>(Object.values(bundleFiles))
const extraName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/

const sha256 = (content: string | Uint8Array): string => createHash('sha256').update(content).digest('hex')

/** The line of records.jsonl for a record: the entry embedded as its stored canonical text. */
export function recordLine(record: StoredRecord): string {
  return `{"seq":${record.seq},"prevHash":${JSON.stringify(record.prevHash)},"hash":${JSON.stringify(record.hash)},"entry":${record.entryJson}}`
}

/**
 * The files of a bundle, manifest last. Throws a TypeError when an extra file's name is not a plain
 * file name or clashes with a bundle file, or when records and proofs do not pair up.
 */
export function evidenceFiles(input: EvidenceInput): EvidenceFile[] {
  if (input.records.length !== input.proofs.length) throw new TypeError('one proof per record is needed')
  const names = new Set<string>()
  for (const extra of input.extraFiles ?? []) {
    if (!extraName.test(extra.name) || reserved.has(extra.name) || names.has(extra.name)) {
      throw new TypeError(`extra file name '${extra.name}' is not a plain, unused file name`)
    }
    names.add(extra.name)
  }
  const { treeSize } = input.checkpoint
  const records = input.records.map((r) => `${recordLine(r)}\n`).join('')
  const proofs = input.records
    .map(
      (r, i) => `${JSON.stringify({ seq: r.seq, leafIndex: r.seq - 1, treeSize, proof: input.proofs[i] })}\n`,
    )
    .join('')
  const checkpoints = `${JSON.stringify(
    {
      latest: input.checkpoint,
      earlier: input.earlier.map((e) => ({ ...e.checkpoint, consistencyProof: e.consistencyProof })),
    },
    null,
    2,
  )}\n`
  const files: EvidenceFile[] = [
    { name: bundleFiles.records, content: records },
    { name: bundleFiles.proofs, content: proofs },
    { name: bundleFiles.checkpoints, content: checkpoints },
    { name: bundleFiles.publicKey, content: input.publicKeyPem },
    ...(input.extraFiles ?? []),
  ]
  files.push({
    name: bundleFiles.summary,
    content: evidenceSummaryHtml({
      records: input.records,
      checkpoint: input.checkpoint,
      earlier: input.earlier.map((e) => e.checkpoint),
      filter: input.filter,
      createdAt: input.createdAt,
      files: files.map((f) => f.name),
    }),
  })
  const manifest = {
    format: 'sluice-evidence/1',
    createdAt: input.createdAt,
    files: Object.fromEntries(files.map((f) => [f.name, sha256(f.content)])),
  }
  files.push({ name: bundleFiles.manifest, content: `${JSON.stringify(manifest, null, 2)}\n` })
  return files
}

/** One thing wrong with a bundle: the file, and where in it when known. */
export interface EvidenceProblem {
  readonly file: string
  /** 1-based line of a .jsonl file. */
  readonly line?: number
  readonly seq?: number
  readonly message: string
}

/** The outcome of {@link verifyEvidenceBundle}. */
export interface EvidenceVerdict {
  readonly ok: boolean
  /** Records whose hash and inclusion proof both hold. */
  readonly recordsVerified: number
  readonly checkpoint?: Checkpoint
  readonly problems: readonly EvidenceProblem[]
}

/** Most problems listed; the rest are counted in a last problem. */
const maxProblems = 50

/**
 * Checks a bundle from its files (name → bytes): the manifest's digest of every file and no file
 * missing or unlisted; the checkpoint's signature under the bundle's key (which must equal
 * `pinnedPublicKeyPem` when given); every earlier checkpoint's signature and consistency proof; and for
 * each record, that its hash matches its content and links and that its proof leads to the signed
 * root. Problems name the file, line and record.
 */
export function verifyEvidenceBundle(
  files: ReadonlyMap<string, Uint8Array>,
  options: { readonly pinnedPublicKeyPem?: string } = {},
): EvidenceVerdict {
  const problems: EvidenceProblem[] = []
  let dropped = 0
  const problem = (p: EvidenceProblem): void => {
    if (problems.length < maxProblems) problems.push(p)
    else dropped++
  }
  const text = (name: string): string | undefined => {
    const bytes = files.get(name)
    return bytes === undefined ? undefined : new TextDecoder('utf-8', { fatal: false }).decode(bytes)
  }

  // 1. Manifest: every file's digest, nothing missing, nothing added.
  const manifestText = text(bundleFiles.manifest)
  let manifest: { files?: unknown } | undefined
  try {
    manifest = manifestText === undefined ? undefined : JSON.parse(manifestText)
  } catch {
    manifest = undefined
  }
  const listed =
    manifest !== undefined && typeof manifest.files === 'object' && manifest.files !== null
      ? (manifest.files as Record<string, unknown>)
      : undefined
  if (listed === undefined) {
    problem({ file: bundleFiles.manifest, message: 'missing or not a manifest (JSON with a files map)' })
  } else {
    for (const [name, digest] of Object.entries(listed)) {
      const bytes = files.get(name)
      if (bytes === undefined) problem({ file: name, message: 'listed in the manifest but missing' })
      else if (digest !== sha256(bytes))
        problem({ file: name, message: 'SHA-256 differs from the manifest: the file was changed' })
    }
    for (const name of files.keys()) {
      if (name !== bundleFiles.manifest && !Object.hasOwn(listed, name)) {
        problem({ file: name, message: 'not listed in the manifest' })
      }
    }
    for (const name of [
      bundleFiles.records,
      bundleFiles.proofs,
      bundleFiles.checkpoints,
      bundleFiles.publicKey,
    ]) {
      if (!Object.hasOwn(listed, name)) problem({ file: name, message: 'a bundle must list this file' })
    }
  }

  // 2. The key and the checkpoints.
  const publicKeyPem = text(bundleFiles.publicKey)
  if (publicKeyPem === undefined) problem({ file: bundleFiles.publicKey, message: 'missing' })
  const pinned = options.pinnedPublicKeyPem
  if (pinned !== undefined && publicKeyPem !== undefined && pinned.trim() !== publicKeyPem.trim()) {
    problem({ file: bundleFiles.publicKey, message: 'not the pinned public key (--public-key)' })
  }
  const key = pinned ?? publicKeyPem ?? ''
  let checkpoint: Checkpoint | undefined
  const cpText = text(bundleFiles.checkpoints)
  let cpDoc: { latest?: unknown; earlier?: unknown } | undefined
  try {
    cpDoc = cpText === undefined ? undefined : JSON.parse(cpText)
  } catch {
    cpDoc = undefined
  }
  if (cpDoc === undefined || typeof cpDoc !== 'object' || cpDoc === null) {
    problem({ file: bundleFiles.checkpoints, message: 'missing or not JSON' })
  } else {
    const shape = checkpointProblem(cpDoc.latest)
    if (shape !== undefined)
      problem({ file: bundleFiles.checkpoints, message: `latest checkpoint: ${shape}` })
    else if (!checkpointSignatureValid(cpDoc.latest, key)) {
      problem({
        file: bundleFiles.checkpoints,
        message: 'the latest checkpoint is not signed by the public key',
      })
    } else checkpoint = cpDoc.latest as Checkpoint
    const earlier = Array.isArray(cpDoc.earlier) ? cpDoc.earlier : []
    if (!Array.isArray(cpDoc.earlier))
      problem({ file: bundleFiles.checkpoints, message: 'earlier must be a list' })
    earlier.forEach((e: unknown, i: number) => {
      const { consistencyProof, ...signed } = (typeof e === 'object' && e !== null ? e : {}) as Record<
        string,
        unknown
      >
      const where = `earlier[${i}]`
      if (!checkpointSignatureValid(signed, key)) {
        problem({
          file: bundleFiles.checkpoints,
          message: `${where}: not a checkpoint signed by the public key`,
        })
      } else if (
        checkpoint !== undefined &&
        !(
          Array.isArray(consistencyProof) &&
          verifyConsistency(
            (signed as unknown as Checkpoint).treeSize,
            checkpoint.treeSize,
            consistencyProof,
            (signed as unknown as Checkpoint).rootHash,
            checkpoint.rootHash,
          )
        )
      ) {
        problem({
          file: bundleFiles.checkpoints,
          message: `${where}: the latest checkpoint's tree does not extend it`,
        })
      }
    })
  }

  // 3. Records and proofs, line by line.
  const recordLines = splitLines(text(bundleFiles.records))
  const proofLines = splitLines(text(bundleFiles.proofs))
  if (recordLines.length !== proofLines.length) {
    problem({
      file: bundleFiles.proofs,
      message: `${proofLines.length} proofs for ${recordLines.length} records`,
    })
  }
  let verified = 0
  let lastSeq = 0
  const hashOf = new Map<number, string>()
  recordLines.forEach((line, i) => {
    const record = parseRecordLine(line)
    if (typeof record === 'string') {
      problem({ file: bundleFiles.records, line: i + 1, message: record })
      return
    }
    const { seq } = record
    if (seq <= lastSeq)
      problem({ file: bundleFiles.records, line: i + 1, seq, message: 'records must rise by seq' })
    lastSeq = seq
    if (hashCanonicalRecord(record.prevHash, seq, record.entryJson) !== record.hash) {
      problem({
        file: bundleFiles.records,
        line: i + 1,
        seq,
        message: `record #${seq}: the hash does not match its content`,
      })
      return
    }
    // Consecutive records in the bundle must also link.
    const before = hashOf.get(seq - 1)
    if (before !== undefined && before !== record.prevHash) {
      problem({
        file: bundleFiles.records,
        line: i + 1,
        seq,
        message: `record #${seq}: prevHash is not record #${seq - 1}'s hash`,
      })
      return
    }
    hashOf.set(seq, record.hash)
    const proofLine = proofLines[i]
    let proof: { seq?: unknown; leafIndex?: unknown; treeSize?: unknown; proof?: unknown } | undefined
    try {
      proof = proofLine === undefined ? undefined : JSON.parse(proofLine)
    } catch {
      proof = undefined
    }
    if (
      proof === undefined ||
      proof.seq !== seq ||
      proof.leafIndex !== seq - 1 ||
      !Array.isArray(proof.proof)
    ) {
      problem({
        file: bundleFiles.proofs,
        line: i + 1,
        seq,
        message: `no well-formed proof for record #${seq} on this line`,
      })
      return
    }
    if (checkpoint === undefined) return
    if (
      proof.treeSize !== checkpoint.treeSize ||
      !verifyInclusion(seq - 1, checkpoint.treeSize, record.hash, proof.proof, checkpoint.rootHash)
    ) {
      problem({
        file: bundleFiles.proofs,
        line: i + 1,
        seq,
        message: `record #${seq}: the inclusion proof does not lead to the signed root`,
      })
      return
    }
    verified++
  })
  if (dropped > 0) problems.push({ file: '(bundle)', message: `${dropped} further problems not listed` })
  return {
    ok: problems.length === 0,
    recordsVerified: verified,
    ...(checkpoint === undefined ? {} : { checkpoint }),
    problems,
  }
}

function splitLines(text: string | undefined): string[] {
  if (text === undefined || text === '') return []
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  return lines
}

// A records.jsonl line back to the stored record; the entry is re-written canonically, which gives
// back the exact stored text for any entry that was canonical (and only those can match the hash).
function parseRecordLine(line: string): StoredRecord | string {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return 'not valid JSON'
  }
  if (typeof value !== 'object' || value === null) return 'not a record object'
  const { seq, prevHash, hash, entry } = value as Record<string, unknown>
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return 'seq is not a positive integer'
  if (typeof prevHash !== 'string' || typeof hash !== 'string')
    return `record #${seq}: prevHash or hash is not text`
  try {
    return { seq, prevHash, hash, entryJson: canonicalJson(entry, 'entry') }
  } catch (error) {
    if (error instanceof CanonicalJsonError) return `record #${seq}: ${error.message}`
    throw error
  }
}
