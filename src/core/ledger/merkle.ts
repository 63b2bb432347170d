// A Merkle tree over the ledger's records in the shape of RFC 6962 / RFC 9162 (Certificate
// Transparency): leaf = SHA-256(0x00 || record hash bytes), node = SHA-256(0x01 || left || right), the
// left subtree of n leaves holding the largest power of two below n. With it one signed root commits
// to every record so far: an inclusion proof shows one record is in it (log2 n hashes), and a
// consistency proof shows a later tree extends an earlier one (nothing removed, changed or reordered).
import { createHash, hash } from 'node:crypto'

const hexHash = /^[0-9a-f]{64}$/

/** The root of an empty tree: SHA-256 of nothing (RFC 9162 §2.1.1). */
export const emptyTreeRoot: string = createHash('sha256').digest('hex')

// Each hash input is assembled in a reused buffer and hashed in one call: verifying a million records
// computes two million of these, and the one-shot hash is about twice as fast as a Hash object.
const leafInput = Buffer.alloc(33)
const nodeInput = Buffer.alloc(65, 1)

/** The leaf hash of a ledger record: SHA-256(0x00 || the 32 bytes of its hex `recordHash`). */
export function leafHash(recordHash: string): Buffer {
  if (!hexHash.test(recordHash)) throw new TypeError('a record hash is 64 lowercase hex digits')
  leafInput[0] = 0
  leafInput.write(recordHash, 1, 'hex')
  return hash('sha256', leafInput, 'buffer')
}

/** An interior node's hash: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  nodeInput[0] = 1
  nodeInput.set(left, 1)
  nodeInput.set(right, 33)
  return hash('sha256', nodeInput, 'buffer')
}

// The largest power of two strictly below n (n >= 2).
function splitPoint(n: number): number {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

/**
 * The Merkle tree root over a growing list of leaves, kept as the roots of its perfect subtrees (at
 * most one per bit of the size): O(log n) memory, O(1) amortised hashing per leaf. Lets a checkpointer
 * follow the ledger without holding it.
 */
export interface MerkleFrontier {
  readonly size: number
  /** Adds the next record (by its record hash, hex). */
  push(recordHash: string): void
  /** The root of the tree of all leaves pushed so far, hex. */
  root(): string
  /** The perfect subtree roots, largest first, hex: enough to resume with {@link resumeFrontier}. */
  save(): string[]
}

/** An empty {@link MerkleFrontier}. */
export function createFrontier(): MerkleFrontier {
  return frontierFrom(0, [])
}

/**
 * A {@link MerkleFrontier} for a tree of `size` leaves from its saved subtree roots. Throws a
 * TypeError when their number does not match the size (one root per set bit) or one is not a hash.
 */
export function resumeFrontier(size: number, saved: readonly string[]): MerkleFrontier {
  if (!Number.isSafeInteger(size) || size < 0) throw new TypeError('size must be a non-negative integer')
  const heights: number[] = []
  for (let h = 52; h >= 0; h--) if (Math.floor(size / 2 ** h) % 2 === 1) heights.push(h)
  if (heights.length !== saved.length) {
    throw new TypeError(`a tree of ${size} leaves has ${heights.length} subtree roots, got ${saved.length}`)
  }
  const stack = saved.map((hex, i) => {
    if (!hexHash.test(hex)) throw new TypeError(`subtree root ${i} is not 64 lowercase hex digits`)
    return { height: heights[i] as number, hash: Buffer.from(hex, 'hex') }
  })
  return frontierFrom(size, stack)
}

function frontierFrom(size0: number, stack: { height: number; hash: Buffer }[]): MerkleFrontier {
  let size = size0
  return {
    get size() {
      return size
    },
    push(recordHash) {
      let hash = leafHash(recordHash)
      let height = 0
      // Bounded by the tree height: each turn merges two equal subtrees into one a level up.
      for (let top = stack.at(-1); top !== undefined && top.height === height; top = stack.at(-1)) {
        hash = nodeHash(top.hash, hash)
        stack.pop()
        height++
      }
      stack.push({ height, hash })
      size++
    },
    root() {
      const last = stack.at(-1)
      if (last === undefined) return emptyTreeRoot
      let hash = last.hash
      for (let i = stack.length - 2; i >= 0; i--) hash = nodeHash((stack[i] as { hash: Buffer }).hash, hash)
      return hash.toString('hex')
    },
    save() {
      return stack.map((s) => s.hash.toString('hex'))
    },
  }
}

/** A whole tree in memory (32 bytes per node), for proofs over any of its records. */
export interface MerkleTree {
  readonly size: number
  /** The root, hex. */
  root(): string
  /** The inclusion proof of the leaf at 0-based `index` (record seq - 1), hex hashes bottom up. */
  inclusionProof(index: number): string[]
  /** The consistency proof from the tree of the first `oldSize` leaves to this one (RFC 9162 §2.1.4). */
  consistencyProof(oldSize: number): string[]
  /** The root of the tree of the first `size` leaves (1 <= size <= this size), hex. */
  rootAt(size: number): string
}

/** Builds the tree over `recordHashes` (hex, in seq order). */
export function buildMerkleTree(recordHashes: readonly string[]): MerkleTree {
  const n = recordHashes.length
  // levels[h] holds the hashes of height h, 32 bytes each, contiguous; a lone last node moves up as is
  // (the RFC's unbalanced right edge), so a node is a perfect subtree exactly when it covers 2^h leaves.
  const levels: Buffer[] = []
  let level = Buffer.alloc(n * 32)
  for (let i = 0; i < n; i++) leafHash(recordHashes[i] as string).copy(level, i * 32)
  levels.push(level)
  while (level.length > 32) {
    const count = level.length / 32
    const next = Buffer.alloc(Math.ceil(count / 2) * 32)
    for (let j = 0; j + 1 < count; j += 2) {
      nodeHash(level.subarray(j * 32, j * 32 + 32), level.subarray(j * 32 + 32, j * 32 + 64)).copy(
        next,
        (j / 2) * 32,
      )
    }
    if (count % 2 === 1) level.copy(next, (count - 1) * 16, (count - 1) * 32)
    levels.push(next)
    level = next
  }

  // MTH(D[start:end]) for any range; perfect aligned ranges come straight from the levels.
  const subtree = (start: number, end: number): Buffer => {
    const width = end - start
    if ((width & (width - 1)) === 0 && start % width === 0) {
      const h = Math.log2(width)
      const at = (start / width) * 32
      return (levels[h] as Buffer).subarray(at, at + 32)
    }
    const k = splitPoint(width)
    return nodeHash(subtree(start, start + k), subtree(start + k, end))
  }

  const checkSize = (size: number, what: string): void => {
    if (!Number.isSafeInteger(size) || size < 1 || size > n) {
      throw new RangeError(`${what} must be an integer from 1 to ${n}, got ${size}`)
    }
  }

  return {
    size: n,
    root: () => (n === 0 ? emptyTreeRoot : subtree(0, n).toString('hex')),
    rootAt(size) {
      checkSize(size, 'size')
      return subtree(0, size).toString('hex')
    },
    inclusionProof(index) {
      checkSize(index + 1, 'index + 1')
      const proof: Buffer[] = []
      // PATH(m, D[start:end]) of RFC 9162 §2.1.3.1, unrolled: siblings collected top down, then reversed.
      let start = 0
      let end = n
      while (end - start > 1) {
        const k = splitPoint(end - start)
        if (index < start + k) {
          proof.push(subtree(start + k, end))
          end = start + k
        } else {
          proof.push(subtree(start, start + k))
          start += k
        }
      }
      return proof.reverse().map((b) => b.toString('hex'))
    },
    consistencyProof(oldSize) {
      checkSize(oldSize, 'oldSize')
      const proof: Buffer[] = []
      // SUBPROOF(m, D[start:end], b) of RFC 9162 §2.1.4.1, unrolled the same way.
      let m = oldSize
      let start = 0
      let end = n
      let whole = true
      while (m !== end - start) {
        const k = splitPoint(end - start)
        if (m <= k) {
          proof.push(subtree(start + k, end))
          end = start + k
        } else {
          proof.push(subtree(start, start + k))
          m -= k
          start += k
          whole = false
        }
      }
      if (!whole) proof.push(subtree(start, end))
      return proof.reverse().map((b) => b.toString('hex'))
    },
  }
}

const isHashList = (proof: readonly unknown[]): proof is string[] =>
  proof.every((p) => typeof p === 'string' && hexHash.test(p))

/**
 * Whether `proof` shows the record with hash `recordHash` is leaf `index` (0-based) of the tree of
 * `treeSize` leaves whose root is `root` (RFC 9162 §2.1.3.2). Malformed input is simply false.
 */
export function verifyInclusion(
  index: number,
  treeSize: number,
  recordHash: string,
  proof: readonly unknown[],
  root: string,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) {
    return false
  }
  if (!hexHash.test(recordHash) || !hexHash.test(root) || !isHashList(proof) || proof.length > 64) {
    return false
  }
  let fn = index
  let sn = treeSize - 1
  let r = leafHash(recordHash)
  for (const hex of proof) {
    const p = Buffer.from(hex, 'hex')
    if (sn === 0) return false
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r)
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2)
        sn = Math.floor(sn / 2)
      }
    } else r = nodeHash(r, p)
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  return sn === 0 && r.toString('hex') === root
}

/**
 * Whether `proof` shows the tree of `newSize` leaves with root `newRoot` extends the tree of
 * `oldSize` leaves with root `oldRoot` (RFC 9162 §2.1.4.2). Equal sizes need an empty proof and equal
 * roots; an empty old tree is extended by any tree. Malformed input is simply false.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  proof: readonly unknown[],
  oldRoot: string,
  newRoot: string,
): boolean {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || oldSize > newSize) {
    return false
  }
  if (!hexHash.test(oldRoot) || !hexHash.test(newRoot) || !isHashList(proof) || proof.length > 128) {
    return false
  }
  if (oldSize === 0) return proof.length === 0
  if (oldSize === newSize) return proof.length === 0 && oldRoot === newRoot
  const path = (oldSize & (oldSize - 1)) === 0 ? [oldRoot, ...proof] : [...proof]
  const first = path[0]
  if (first === undefined) return false
  let fn = oldSize - 1
  let sn = newSize - 1
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  let fr: Buffer = Buffer.from(first, 'hex')
  let sr = fr
  for (const hex of path.slice(1)) {
    const c = Buffer.from(hex, 'hex')
    if (sn === 0) return false
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr)
      sr = nodeHash(c, sr)
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2)
        sn = Math.floor(sn / 2)
      }
    } else sr = nodeHash(sr, c)
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  return sn === 0 && fr.toString('hex') === oldRoot && sr.toString('hex') === newRoot
}
