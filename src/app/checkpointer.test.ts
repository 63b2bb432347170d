import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { after, describe, it } from 'node:test'
import { openSqliteLedger } from '../adapters/ledger-sqlite/open-sqlite-ledger.ts'
import { hashCanonicalRecord } from '../core/ledger/chain-hash.ts'
import { checkpointSignatureValid, signCheckpoint } from '../core/ledger/checkpoint.ts'
import { buildMerkleTree, verifyConsistency, verifyInclusion } from '../core/ledger/merkle.ts'
import { sampleDecisionEntry } from '../core/ledger/sample-entry.ts'
import type { CheckpointSigner } from './checkpoint-port.ts'
import { createCheckpointer } from './checkpointer.ts'
import { isSluiceError } from './errors.ts'
import { verifyLedgerAndCheckpoints } from './verify-checkpoints.ts'

const root = await mkdtemp(join(tmpdir(), 'sluice-checkpointer-'))
after(() => rm(root, { recursive: true, force: true }))

function keys(): CheckpointSigner {
  const pair = generateKeyPairSync('ed25519')
  const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  return {
    publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (body) => signCheckpoint(body, pem),
  }
}
let n = 0
async function ledger(records: number) {
  const file = join(root, `l-${++n}`, 'ledger.db')
  const store = await openSqliteLedger(file)
  if (records > 0) await store.append(Array.from({ length: records }, (_, i) => sampleDecisionEntry(i)))
  return { store, file }
}
const hashesOf = async (store: Awaited<ReturnType<typeof openSqliteLedger>>) =>
  (await store.readStored(1, 1_000_000)).map((r) => r.hash)
const isInternal = (e: unknown) => isSluiceError(e) && e.code === 'INTERNAL'

describe('createCheckpointer', () => {
  it('signs the Merkle root of every record; proofs of inclusion and consistency verify against it', async () => {
    const { store } = await ledger(25)
    const signer = keys()
    let clock = Date.UTC(2026, 10, 24, 7, 0)
    const checkpointer = createCheckpointer(store, store, signer, { now: () => new Date(clock) })
    const first = await checkpointer.checkpointNow()
    assert.ok(first)
    assert.equal(first.treeSize, 25)
    assert.equal(first.time, '2026-11-24T07:00:00.000Z')
    assert.equal(first.rootHash, buildMerkleTree(await hashesOf(store)).root())
    const { frontier: _, ...signed } = first
    assert.equal(checkpointSignatureValid(signed, signer.publicKeyPem), true)
    // Nothing new: the same checkpoint, none added.
    assert.deepEqual(await checkpointer.checkpointNow(), first)

    await store.append(Array.from({ length: 17 }, (_, i) => sampleDecisionEntry(100 + i)))
    clock += 60_000
    const second = await checkpointer.checkpointNow()
    assert.equal(second?.treeSize, 42)
    const hashes = await hashesOf(store)
    const tree = buildMerkleTree(hashes)
    assert.equal(second?.rootHash, tree.root())
    for (let i = 0; i < 42; i++) {
      assert.ok(verifyInclusion(i, 42, hashes[i] as string, tree.inclusionProof(i), second?.rootHash ?? ''))
    }
    assert.ok(verifyConsistency(25, 42, tree.consistencyProof(25), first.rootHash, second?.rootHash ?? ''))
    assert.deepEqual(
      (await store.listCheckpoints({ limit: 10 })).map((c) => c.treeSize),
      [25, 42],
    )
    await checkpointer.stop()
    await store.close()
  })

  it('resumes from the last checkpoint after a restart, and two checkpointers agree', async () => {
    const { store } = await ledger(30)
    const signer = keys()
    await createCheckpointer(store, store, signer).checkpointNow()
    await store.append(Array.from({ length: 9 }, (_, i) => sampleDecisionEntry(50 + i)))
    // A new process: its frontier comes from the stored checkpoint, only records 31..39 are read.
    let reads = 0
    const counting = {
      ...store,
      readStored: (from: number, limit: number) => {
        reads += limit
        return store.readStored(from, limit)
      },
    }
    const later = await createCheckpointer(counting, store, signer).checkpointNow()
    assert.equal(later?.treeSize, 39)
    assert.ok(reads <= 10, `read ${reads} records`)
    assert.equal(later?.rootHash, buildMerkleTree(await hashesOf(store)).root())
    // Another instance with its own key checkpointing the same head: same root, kept once.
    const twin = await createCheckpointer(store, store, keys()).checkpointNow()
    assert.equal(twin?.rootHash, later?.rootHash)
    assert.equal((await store.listCheckpoints({ limit: 10 })).length, 2)
    await store.close()
  })

  it('checkpoints on its own every N records or T ms, and stops', async () => {
    const { store } = await ledger(0)
    const checkpointer = createCheckpointer(store, store, keys(), { everyRecords: 10, everyMs: 40 })
    checkpointer.start()
    const waitFor = async (size: number) => {
      for (let i = 0; i < 200; i++) {
        if ((await store.latestCheckpoint())?.treeSize === size) return
        await new Promise((r) => setTimeout(r, 10))
      }
      assert.fail(`no checkpoint of ${size} records within 2 s`)
    }
    await store.append(Array.from({ length: 3 }, (_, i) => sampleDecisionEntry(i)))
    await waitFor(3)
    await store.append(Array.from({ length: 12 }, (_, i) => sampleDecisionEntry(10 + i)))
    await waitFor(15)
    await checkpointer.stop()
    await store.append([sampleDecisionEntry(99)])
    await new Promise((r) => setTimeout(r, 120))
    assert.equal((await store.latestCheckpoint())?.treeSize, 15)
    await store.close()
  })

  it('refuses to sign a broken chain', async () => {
    const { store, file } = await ledger(10)
    const checkpointer = createCheckpointer(store, store, keys())
    await checkpointer.checkpointNow()
    await store.append(Array.from({ length: 5 }, (_, i) => sampleDecisionEntry(20 + i)))
    const db = new DatabaseSync(file)
    db.prepare(`UPDATE ledger SET entry = replace(entry, '"action":"', '"action":"x') WHERE seq = 12`).run()
    db.close()
    await assert.rejects(checkpointer.checkpointNow(), isInternal)
    assert.equal((await store.latestCheckpoint())?.treeSize, 10)
    await store.close()
  })
})

describe('verifyLedgerAndCheckpoints', () => {
  async function checkpointed() {
    const { store, file } = await ledger(40)
    const signer = keys()
    const checkpointer = createCheckpointer(store, store, signer)
    await checkpointer.checkpointNow()
    await store.append(Array.from({ length: 20 }, (_, i) => sampleDecisionEntry(40 + i)))
    await checkpointer.checkpointNow()
    return { store, file, signer }
  }

  it('passes an intact ledger and checks every checkpoint', async () => {
    const { store, signer } = await checkpointed()
    const result = await verifyLedgerAndCheckpoints(store, store, signer.publicKeyPem, { batch: 7 })
    assert.equal(result.chain.ok, true)
    assert.equal(result.checkpoints.status, 'ok')
    assert.ok(result.checkpoints.status === 'ok' && result.checkpoints.checked === 2)
    assert.deepEqual(
      (await verifyLedgerAndCheckpoints(store, store, signer.publicKeyPem)).checkpoints.status,
      'ok',
    )
    await store.close()
  })

  it('detects records cut off the end (the chain alone still verifies)', async () => {
    const { store, file, signer } = await checkpointed()
    const db = new DatabaseSync(file)
    db.prepare('DELETE FROM ledger WHERE seq > 52').run()
    db.close()
    const result = await verifyLedgerAndCheckpoints(store, store, signer.publicKeyPem)
    assert.equal(result.chain.ok, true)
    assert.equal(result.checkpoints.status, 'truncated')
    assert.ok(result.checkpoints.status === 'truncated' && result.checkpoints.treeSize === 60)
    await store.close()
  })

  it('detects a prefix rewritten and re-chained, a foreign signature and a missing key', async () => {
    const { store, file, signer } = await checkpointed()
    assert.equal(
      (await verifyLedgerAndCheckpoints(store, store, keys().publicKeyPem)).checkpoints.status,
      'bad-signature',
    )
    assert.equal(
      (await verifyLedgerAndCheckpoints(store, store, undefined)).checkpoints.status,
      'no-public-key',
    )
    // Rewrite record 5 and re-chain everything after it: the chain verifies, the tree does not.
    const db = new DatabaseSync(file)
    const rows = db.prepare('SELECT seq, entry, prev_hash, hash FROM ledger ORDER BY seq').all()
    let prev = ''
    for (const row of rows) {
      const seq = Number(row.seq)
      if (seq < 5) {
        prev = String(row.hash)
        continue
      }
      const entry =
        seq === 5 ? String(row.entry).replace(/"tenant":"[^"]+"/, '"tenant":"someone"') : String(row.entry)
      const hash = hashCanonicalRecord(prev, seq, entry)
      db.prepare('UPDATE ledger SET entry = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
        entry,
        prev,
        hash,
        seq,
      )
      prev = hash
    }
    db.close()
    const result = await verifyLedgerAndCheckpoints(store, store, signer.publicKeyPem)
    assert.equal(result.chain.ok, true)
    assert.equal(result.checkpoints.status, 'root-mismatch')
    await store.close()
  })

  it('says none for a ledger without checkpoints', async () => {
    const { store } = await ledger(5)
    assert.deepEqual((await verifyLedgerAndCheckpoints(store, store, undefined)).checkpoints, {
      status: 'none',
    })
    await store.close()
  })
})
