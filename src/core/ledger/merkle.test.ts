import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, it } from 'node:test'
import {
  buildMerkleTree,
  createFrontier,
  emptyTreeRoot,
  leafHash,
  nodeHash,
  resumeFrontier,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts'

const sha = (...parts: Uint8Array[]) => {
  const h = createHash('sha256')
  for (const p of parts) h.update(p)
  return h.digest()
}
const recordHash = (i: number) => sha(Buffer.from(`record ${i}`)).toString('hex')
const hashes = (n: number) => Array.from({ length: n }, (_, i) => recordHash(i))

// RFC 9162 §2.1.1 written literally (recursive), as the reference the fast tree must equal.
function referenceRoot(leaves: readonly string[]): string {
  const mth = (d: readonly string[]): Buffer => {
    if (d.length === 1) return sha(new Uint8Array([0]), Buffer.from(d[0] as string, 'hex'))
    let k = 1
    while (k * 2 < d.length) k *= 2
    return sha(new Uint8Array([1]), mth(d.slice(0, k)), mth(d.slice(k)))
  }
  return d0(leaves) ? emptyTreeRoot : mth(leaves).toString('hex')
}
const d0 = (d: readonly string[]) => d.length === 0

describe('merkle tree (RFC 6962 hashing)', () => {
  it('hashes leaves and nodes with the 0x00 / 0x01 prefixes', () => {
    const h = recordHash(1)
    assert.deepEqual(leafHash(h), sha(new Uint8Array([0]), Buffer.from(h, 'hex')))
    const a = leafHash(recordHash(1))
    const b = leafHash(recordHash(2))
    assert.deepEqual(nodeHash(a, b), sha(new Uint8Array([1]), a, b))
    assert.equal(emptyTreeRoot, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    assert.throws(() => leafHash('XYZ'), TypeError)
  })

  it('computes the RFC root for every size up to 70, in the tree and the frontier alike', () => {
    const all = hashes(70)
    const frontier = createFrontier()
    assert.equal(frontier.root(), emptyTreeRoot)
    assert.equal(buildMerkleTree([]).root(), emptyTreeRoot)
    const tree = buildMerkleTree(all)
    for (let n = 1; n <= 70; n++) {
      frontier.push(all[n - 1] as string)
      const expected = referenceRoot(all.slice(0, n))
      assert.equal(frontier.root(), expected, `frontier at ${n}`)
      assert.equal(buildMerkleTree(all.slice(0, n)).root(), expected, `tree of ${n}`)
      assert.equal(tree.rootAt(n), expected, `rootAt ${n}`)
      const resumed = resumeFrontier(n, frontier.save())
      assert.equal(resumed.root(), expected)
    }
  })

  it('resumes a saved frontier and goes on as if never stopped', () => {
    const all = hashes(45)
    const first = createFrontier()
    for (const h of all.slice(0, 21)) first.push(h)
    const resumed = resumeFrontier(21, first.save())
    for (const h of all.slice(21)) resumed.push(h)
    assert.equal(resumed.size, 45)
    assert.equal(resumed.root(), referenceRoot(all))
    assert.throws(() => resumeFrontier(21, first.save().slice(1)), TypeError)
    assert.throws(() => resumeFrontier(1, ['nope']), TypeError)
  })

  it('proves every leaf of every tree up to 40 leaves, and nothing else', () => {
    for (let n = 1; n <= 40; n++) {
      const all = hashes(n)
      const tree = buildMerkleTree(all)
      const root = tree.root()
      for (let i = 0; i < n; i++) {
        const proof = tree.inclusionProof(i)
        assert.ok(verifyInclusion(i, n, all[i] as string, proof, root), `leaf ${i} of ${n}`)
        // Another record, another position or a changed proof hash all fail. (The tree size is not
        // checked by the proof alone: a checkpoint signs size and root together.)
        assert.equal(verifyInclusion(i, n, recordHash(1000), proof, root), false)
        if (n > 1) assert.equal(verifyInclusion((i + 1) % n, n, all[i] as string, proof, root), false)
        assert.equal(verifyInclusion(i, i, all[i] as string, proof, root), false)
        if (proof.length > 0) {
          const bent = [...proof]
          bent[0] = recordHash(2000)
          assert.equal(verifyInclusion(i, n, all[i] as string, bent, root), false)
          assert.equal(verifyInclusion(i, n, all[i] as string, proof.slice(1), root), false)
        }
      }
    }
  })

  it('proves consistency between every pair of sizes up to 40, and refuses forks', () => {
    const all = hashes(40)
    for (let n = 1; n <= 40; n++) {
      const tree = buildMerkleTree(all.slice(0, n))
      for (let m = 1; m <= n; m++) {
        const proof = tree.consistencyProof(m)
        const oldRoot = referenceRoot(all.slice(0, m))
        assert.ok(verifyConsistency(m, n, proof, oldRoot, tree.root()), `${m} → ${n}`)
        if (m < n) {
          // A history rewritten below the old size: the old root no longer matches.
          const forked = [...all.slice(0, n)]
          forked[m - 1] = recordHash(999)
          assert.equal(verifyConsistency(m, n, proof, oldRoot, buildMerkleTree(forked).root()), false)
          assert.equal(verifyConsistency(m, n, proof, referenceRoot(forked.slice(0, m)), tree.root()), false)
        }
      }
    }
    assert.equal(verifyConsistency(0, 5, [], emptyTreeRoot, referenceRoot(all.slice(0, 5))), true)
    assert.equal(verifyConsistency(6, 5, [], emptyTreeRoot, emptyTreeRoot), false)
  })

  it('refuses out-of-range proof requests', () => {
    const tree = buildMerkleTree(hashes(5))
    assert.throws(() => tree.inclusionProof(5), RangeError)
    assert.throws(() => tree.inclusionProof(-1), RangeError)
    assert.throws(() => tree.consistencyProof(0), RangeError)
    assert.throws(() => tree.rootAt(6), RangeError)
  })
})
