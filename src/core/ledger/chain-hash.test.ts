import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, it } from 'node:test'
import { canonicalJson } from './canonical-json.ts'
import {
  type ChainVerdict,
  createChainVerifier,
  emptyHead,
  genesisHash,
  hashCanonicalRecord,
  hashRecord,
  verifyChain,
} from './chain-hash.ts'
import type { LedgerEntry, LedgerRecord, StoredRecord } from './ledger-record.ts'
import { sampleDecisionEntry } from './sample-entry.ts'

function buildChain(n: number): LedgerRecord[] {
  const records: LedgerRecord[] = []
  let prevHash = genesisHash
  for (let seq = 1; seq <= n; seq++) {
    const entry = sampleDecisionEntry(seq)
    const hash = hashRecord(prevHash, seq, entry)
    records.push({ seq, prevHash, hash, entry })
    prevHash = hash
  }
  return records
}

const stored = (records: readonly LedgerRecord[]): StoredRecord[] =>
  records.map(({ seq, prevHash, hash, entry }) => ({
    seq,
    prevHash,
    hash,
    entryJson: canonicalJson(entry, 'entry'),
  }))

function assertBroken(verdict: ChainVerdict, seq: number, reason: string, count: number): void {
  assert.equal(verdict.ok, false)
  if (verdict.ok) return
  assert.equal(verdict.firstBroken.seq, seq, verdict.firstBroken.detail)
  assert.equal(verdict.firstBroken.reason, reason)
  assert.equal(verdict.count, count)
}

describe('hashRecord', () => {
  it('is SHA-256 over a labelled encoding of previous hash, seq and canonical entry', () => {
    const entry = sampleDecisionEntry(3)
    const expected = createHash('sha256')
      .update(`sluice/ledger/v1/record\n${genesisHash}\n1\n${canonicalJson(entry)}`)
      .digest('hex')
    assert.equal(hashRecord(genesisHash, 1, entry), expected)
    assert.equal(hashCanonicalRecord(genesisHash, 1, canonicalJson(entry)), expected)
    assert.equal(genesisHash, createHash('sha256').update('sluice/ledger/v1/genesis').digest('hex'))
  })

  it('is pinned: a change of encoding would orphan every existing ledger', () => {
    const entry: LedgerEntry = {
      kind: 'decision',
      time: '2026-11-24T06:00:00.000Z',
      requestId: 'req-1',
      tenant: '외교부',
      subject: 'key-1',
      direction: 'request',
      recipients: [{ name: 'Hangzhou DeepSeek', country: 'CN' }],
      countries: ['CN'],
      categories: ['personal-identifiers'],
      typeCounts: { KR_RRN: 1 },
      action: 'block',
      rule: 'block-deepseek',
    }
    assert.equal(genesisHash, 'e847f97393d50844781eb0b4e2ce0f891b707c1f8ce90a37259b80e866e29702')
    assert.equal(hashRecord(genesisHash, 1, entry), PINNED_RECORD_HASH)
  })

  it('does not depend on key order', () => {
    const entry = sampleDecisionEntry(8)
    const shuffled = Object.fromEntries(Object.entries(entry).reverse()) as unknown as LedgerEntry
    assert.equal(hashRecord(genesisHash, 5, shuffled), hashRecord(genesisHash, 5, entry))
  })

  it('changes with the previous hash, the seq and every field', () => {
    const entry = sampleDecisionEntry(2)
    const base = hashRecord(genesisHash, 2, entry)
    assert.notEqual(hashRecord('0'.repeat(64), 2, entry), base)
    assert.notEqual(hashRecord(genesisHash, 3, entry), base)
    assert.notEqual(
      hashRecord(genesisHash, 2, { ...entry, typeCounts: { ...entry.typeCounts, KR_RRN: 9 } }),
      base,
    )
    assert.notEqual(hashRecord(genesisHash, 2, { ...entry, action: 'allow' }), base)
  })
})

describe('verifyChain', () => {
  it('accepts an intact chain, parsed or as stored, and reports its head', () => {
    const records = buildChain(20)
    const last = records.at(-1)
    const expected = { ok: true, count: 20, headSeq: 20, headHash: last?.hash }
    assert.deepEqual(verifyChain(records), expected)
    assert.deepEqual(verifyChain(stored(records)), expected)
  })

  it('accepts an empty chain, whose head is the genesis', () => {
    assert.deepEqual(verifyChain([]), { ok: true, count: 0, headSeq: 0, headHash: genesisHash })
    assert.deepEqual(emptyHead, { seq: 0, hash: genesisHash })
  })

  it('continues from a given head, so a ledger can be checked in batches', () => {
    const records = buildChain(10)
    const first = verifyChain(records.slice(0, 4))
    assert.ok(first.ok)
    const rest = verifyChain(records.slice(4), { seq: first.headSeq, hash: first.headHash })
    assert.deepEqual(rest, { ok: true, count: 6, headSeq: 10, headHash: records[9]?.hash })
    assertBroken(verifyChain(records.slice(4)), 5, 'seq-gap', 0)
  })

  it('finds an edited field at the edited record', () => {
    const records = buildChain(10)
    const victim = records[4] as LedgerRecord
    records[4] = {
      ...victim,
      entry: { ...victim.entry, action: 'pseudonymise-all' } as LedgerRecord['entry'],
    }
    assertBroken(verifyChain(records), 5, 'hash-mismatch', 4)
    const rows = stored(buildChain(10))
    const row = rows[4] as StoredRecord
    rows[4] = { ...row, entryJson: row.entryJson.replace('"typeCounts":{', '"typeCounts":{"A":1,') }
    assertBroken(verifyChain(rows), 5, 'hash-mismatch', 4)
  })

  it('finds a record replaced with a recomputed hash at the record after it', () => {
    const records = buildChain(10)
    const victim = records[4] as LedgerRecord
    const entry = { ...victim.entry, tenant: 'someone-else' }
    records[4] = { ...victim, entry, hash: hashRecord(victim.prevHash, 5, entry) }
    assertBroken(verifyChain(records), 6, 'prev-mismatch', 5)
  })

  it('finds a deleted record', () => {
    const records = buildChain(10)
    records.splice(4, 1)
    assertBroken(verifyChain(records), 6, 'seq-gap', 4)
  })

  it('finds a deleted record even when the later ones are renumbered', () => {
    const records = buildChain(10)
    records.splice(4, 1)
    const renumbered = records.map((r, i) => ({ ...r, seq: i + 1 }))
    assertBroken(verifyChain(renumbered), 5, 'hash-mismatch', 4)
  })

  it('finds reordered records', () => {
    const records = buildChain(10)
    const [a, b] = [records[2] as LedgerRecord, records[3] as LedgerRecord]
    records[2] = b
    records[3] = a
    assertBroken(verifyChain(records), 4, 'seq-gap', 2)
    const swappedContent = buildChain(10)
    const [c, d] = [swappedContent[2] as LedgerRecord, swappedContent[3] as LedgerRecord]
    swappedContent[2] = { ...d, seq: 3 }
    swappedContent[3] = { ...c, seq: 4 }
    assertBroken(verifyChain(swappedContent), 3, 'hash-mismatch', 2)
  })

  it('finds records cut out of the middle', () => {
    const records = buildChain(12)
    records.splice(3, 5)
    assertBroken(verifyChain(records), 9, 'seq-gap', 3)
  })

  it('finds an inserted record', () => {
    const records = buildChain(6)
    const extra = records[2] as LedgerRecord
    records.splice(3, 0, extra)
    assertBroken(verifyChain(records), 3, 'seq-gap', 3)
  })

  it('reports malformed records without throwing', () => {
    const good = buildChain(3)
    const third = good[2] as LedgerRecord
    const variants: [unknown, number][] = [
      [null, 3],
      [{ ...third, seq: '3' }, 3],
      [{ ...third, seq: 2.5 }, 3],
      [{ ...third, hash: third.hash.toUpperCase() }, 3],
      [{ ...third, prevHash: 'abc' }, 3],
      [{ ...third, entry: { ...third.entry, prompt: 'content' } }, 3],
      [{ ...third, entry: { ...third.entry, typeCounts: { X: Number.NaN } } }, 3],
      [{ seq: 3, prevHash: third.prevHash, hash: third.hash, entryJson: 42 }, 3],
    ]
    for (const [bad, seq] of variants) {
      const verdict = verifyChain([good[0], good[1], bad] as LedgerRecord[])
      assertBroken(verdict, seq, 'malformed', 2)
    }
  })

  it('stops at the first break and keeps reporting it', () => {
    const records = buildChain(10)
    const verifier = createChainVerifier()
    const results = [...records.slice(0, 3), ...records.slice(4)].map((r) => verifier.check(r))
    assert.deepEqual(results.slice(0, 3), [undefined, undefined, undefined])
    const first = results[3]
    assert.equal(first?.seq, 5)
    for (const later of results.slice(4)) assert.equal(later, first)
    assertBroken(verifier.verdict(), 5, 'seq-gap', 3)
  })
})

// hashRecord of the entry in the pinning test, computed once when the encoding was fixed (v1).
const PINNED_RECORD_HASH = '5aa21a2375c890e5f83951ce50752ae2a525dfa3a07c327fe0f43731e651bfff'
