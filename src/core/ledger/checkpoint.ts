// A signed checkpoint: "the ledger's first treeSize records have Merkle root rootHash", signed with
// the gateway's Ed25519 key at `time`. Whoever holds the public key can then check any record's
// inclusion proof or a later checkpoint's consistency without trusting the database. Ed25519 signing
// and verifying are deterministic functions of key and message (no randomness), which is why they may
// live in the pure core; generating the key and keeping it are the adapter's business.
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto'

/** A signed statement of the ledger's Merkle root at a tree size. */
export interface Checkpoint {
  /** How many records (seq 1..treeSize) the tree holds. */
  readonly treeSize: number
  /** Merkle root (merkle.ts) over those records, lowercase hex. */
  readonly rootHash: string
  /** When the checkpoint was made: ISO 8601 with a zone. */
  readonly time: string
  /** Ed25519 signature over {@link checkpointMessage}, base64. */
  readonly signature: string
}

/** A checkpoint before signing. */
export type CheckpointBody = Omit<Checkpoint, 'signature'>

// The label keeps this signature from being valid for any other message signed with the same key.
const label = 'sluice/ledger/v1/checkpoint'
const hexHash = /^[0-9a-f]{64}$/
const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/
const base64 = /^[A-Za-z0-9+/]+={0,2}$/

/** The exact bytes signed: `sluice/ledger/v1/checkpoint\n<treeSize>\n<rootHash>\n<time>\n`. */
export function checkpointMessage(body: CheckpointBody): Buffer {
  return Buffer.from(`${label}\n${body.treeSize}\n${body.rootHash}\n${body.time}\n`, 'utf8')
}

/**
 * Why `value` is not a well-formed {@link Checkpoint} (`"rootHash must be 64 lowercase hex digits"`),
 * or undefined. Only the four fields are allowed.
 */
export function checkpointProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object'
  const v = value as Record<string, unknown>
  for (const key of Object.keys(v)) {
    if (!['treeSize', 'rootHash', 'time', 'signature'].includes(key)) return `unknown field '${key}'`
  }
  if (typeof v.treeSize !== 'number' || !Number.isSafeInteger(v.treeSize) || v.treeSize < 0) {
    return 'treeSize must be a non-negative integer'
  }
  if (typeof v.rootHash !== 'string' || !hexHash.test(v.rootHash)) {
    return 'rootHash must be 64 lowercase hex digits'
  }
  if (typeof v.time !== 'string' || !isoTime.test(v.time) || Number.isNaN(Date.parse(v.time))) {
    return 'time must be an ISO 8601 time with a zone'
  }
  if (typeof v.signature !== 'string' || !base64.test(v.signature)) return 'signature must be base64'
  return undefined
}

/** Signs `body` with an Ed25519 private key (PEM, PKCS#8). */
export function signCheckpoint(body: CheckpointBody, privateKeyPem: string): Checkpoint {
  const key = createPrivateKey(privateKeyPem)
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('the checkpoint key must be Ed25519')
  const signature = sign(null, checkpointMessage(body), key).toString('base64')
  return { treeSize: body.treeSize, rootHash: body.rootHash, time: body.time, signature }
}

/**
 * Whether `checkpoint` is well formed and signed by the Ed25519 public key `publicKeyPem` (SPKI
 * PEM). A key that is not Ed25519 or not a key at all makes it false, never a throw.
 */
export function checkpointSignatureValid(checkpoint: unknown, publicKeyPem: string): boolean {
  if (checkpointProblem(checkpoint) !== undefined) return false
  const cp = checkpoint as Checkpoint
  try {
    const key = createPublicKey(publicKeyPem)
    if (key.asymmetricKeyType !== 'ed25519') return false
    return verify(null, checkpointMessage(cp), key, Buffer.from(cp.signature, 'base64'))
  } catch {
    return false
  }
}
