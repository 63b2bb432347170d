// The behaviour every LedgerStore adapter must show. An adapter's test calls ledgerStoreContract with
// a way to open its store; SQLite and PostgreSQL then run the very same cases.
import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { genesisHash, hashCanonicalRecord, hashRecord } from '../core/ledger/chain-hash.ts'
import { decodeEntry } from '../core/ledger/entry-codec.ts'
import {
  indexedFieldsOf,
  type LedgerQuery,
  matchesQuery,
  normaliseQuery,
} from '../core/ledger/ledger-query.ts'
import type { LedgerEntry, StoredRecord } from '../core/ledger/ledger-record.ts'
import { sampleDecisionEntry } from '../core/ledger/sample-entry.ts'
import { isSluiceError } from './errors.ts'
import { createLedgerAppender } from './ledger-appender.ts'
import type { LedgerStore } from './ledger-port.ts'
import { verifyLedger } from './verify-ledger.ts'

/** Hooks an adapter's test gives {@link ledgerStoreContract}. */
export interface LedgerContractHooks {
  /** Removes all stored data, so the next `open` starts an empty ledger. Runs before each case. */
  readonly cleanup?: () => Promise<void>
  /**
   * Changes one stored row behind the store's back (raw SQL), as an attacker with file access could:
   * `mutate` gets the row as stored and returns its replacement (same seq), or undefined to delete it.
   * Without this hook the tampering cases are skipped.
   */
  readonly tamper?: (seq: number, mutate: (row: StoredRecord) => StoredRecord | undefined) => Promise<void>
}

/**
 * Registers the contract cases for a store under `describe(name)`. `open` must return a store over the
 * same data each time it is called (so reopening is observable), starting empty after `cleanup`.
 */
export function ledgerStoreContract(
  name: string,
  open: () => Promise<LedgerStore>,
  hooks: LedgerContractHooks = {},
): void {
  describe(`LedgerStore contract: ${name}`, () => {
    const opened: LedgerStore[] = []
    const openStore = async (): Promise<LedgerStore> => {
      const store = await open()
      opened.push(store)
      return store
    }
    let store: LedgerStore

    beforeEach(async () => {
      await hooks.cleanup?.()
      store = await openStore()
    })
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close()
    })

    const entries = (from: number, n: number): LedgerEntry[] =>
      Array.from({ length: n }, (_, i) => sampleDecisionEntry(from + i))

    it('starts empty, with the genesis hash as head', async () => {
      assert.deepEqual(await store.head(), { seq: 0, hash: genesisHash })
      assert.equal(await store.count(), 0)
      assert.deepEqual(await store.read(1, 10), [])
    })

    it('numbers appended records from 1 and chains each to the one before', async () => {
      const records = await store.append(entries(0, 3))
      assert.deepEqual(
        records.map((r) => r.seq),
        [1, 2, 3],
      )
      let prev = genesisHash
      for (const record of records) {
        assert.equal(record.prevHash, prev)
        assert.equal(record.hash, hashRecord(prev, record.seq, record.entry))
        prev = record.hash
      }
      assert.deepEqual(await store.head(), { seq: 3, hash: prev })
      assert.equal(await store.count(), 3)
    })

    it('appends nothing for an empty list', async () => {
      await store.append(entries(0, 2))
      const before = await store.head()
      assert.deepEqual(await store.append([]), [])
      assert.deepEqual(await store.head(), before)
    })

    it('reads back exactly the entries appended, in order, across appends', async () => {
      const first = entries(0, 4)
      const second = [
        sampleDecisionEntry(4, { reason: 'quote " backslash \\ tab \t 한글 😀 \u2028' }),
        // An optional field present but undefined is the same entry as one without it.
        { ...sampleDecisionEntry(5), model: undefined } as unknown as LedgerEntry,
      ]
      await store.append(first)
      await store.append(second)
      const back = await store.read(1, 100)
      const { model: _dropped, ...withoutModel } = sampleDecisionEntry(5)
      assert.deepEqual(
        back.map((r) => r.entry),
        [...first, second[0], withoutModel],
      )
      assert.deepEqual(
        back.map((r) => r.seq),
        [1, 2, 3, 4, 5, 6],
      )
    })

    it('pages through the ledger with read(fromSeq, limit)', async () => {
      await store.append(entries(0, 25))
      const seqs = async (from: number, limit: number) => (await store.read(from, limit)).map((r) => r.seq)
      assert.deepEqual(await seqs(1, 10), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      assert.deepEqual(await seqs(11, 10), [11, 12, 13, 14, 15, 16, 17, 18, 19, 20])
      assert.deepEqual(await seqs(21, 10), [21, 22, 23, 24, 25])
      assert.deepEqual(await seqs(26, 10), [])
      assert.deepEqual(await seqs(5, 0), [])
      assert.deepEqual(
        (await store.readStored(24, 5)).map((r) => r.seq),
        [24, 25],
      )
    })

    it('refuses a read from below 1 or with a negative or fractional limit', async () => {
      for (const [from, limit] of [
        [0, 10],
        [-1, 10],
        [1, -1],
        [1.5, 10],
        [1, 2.5],
      ] as const) {
        await assert.rejects(store.read(from, limit), isInvalidInput, `read(${from}, ${limit})`)
        await assert.rejects(store.readStored(from, limit), isInvalidInput, `readStored(${from}, ${limit})`)
      }
    })

    it('stores the canonical entry text that the hashes cover', async () => {
      const records = await store.append(entries(0, 3))
      const stored = await store.readStored(1, 10)
      assert.equal(stored.length, 3)
      for (const [i, row] of stored.entries()) {
        const record = records[i]
        assert.ok(record)
        assert.equal(row.hash, hashCanonicalRecord(row.prevHash, row.seq, row.entryJson))
        assert.equal(row.hash, record.hash)
        assert.deepEqual(decodeEntry(row.entryJson), { ok: true, value: record.entry })
      }
    })

    it('refuses a malformed entry and writes nothing of its batch', async () => {
      await store.append(entries(0, 1))
      const head = await store.head()
      const bad = [
        { ...sampleDecisionEntry(1), typeCounts: { KR_RRN: Number.NaN } },
        { ...sampleDecisionEntry(1), prompt: 'the content itself' },
        { ...sampleDecisionEntry(1), tenant: undefined },
        { ...sampleDecisionEntry(1), kind: 'gossip' },
      ]
      for (const entry of bad) {
        await assert.rejects(
          store.append([sampleDecisionEntry(2), entry as unknown as LedgerEntry]),
          isInvalidInput,
        )
      }
      assert.deepEqual(await store.head(), head)
      assert.equal(await store.count(), 1)
    })

    it('keeps the chain across closing and reopening', async () => {
      await store.append(entries(0, 3))
      const head = await store.head()
      await store.close()
      opened.splice(opened.indexOf(store), 1)
      const again = await openStore()
      assert.deepEqual(await again.head(), head)
      const [next] = await again.append(entries(3, 1))
      assert.equal(next?.seq, 4)
      assert.equal(next?.prevHash, head.hash)
      assert.equal((await verifyLedger(again)).ok, true)
    })

    it('never forks the chain under concurrent appends through the appender', async () => {
      const appender = createLedgerAppender(store, { maxBatch: 64 })
      // Three producers interleave: some appends share a turn, others wait for their own record first.
      const producer = async (id: number, n: number) => {
        const seqs: number[] = []
        for (let i = 0; i < n; i++) {
          const record = await appender.append(
            sampleDecisionEntry(id * 1000 + i, { requestId: `p${id}-${i}` }),
          )
          assert.equal(record.entry.kind === 'decision' ? record.entry.requestId : undefined, `p${id}-${i}`)
          seqs.push(record.seq)
        }
        return seqs
      }
      const burst = Promise.all(entries(5000, 200).map((e) => appender.append(e)))
      const results = await Promise.all([producer(1, 50), producer(2, 50), producer(3, 50), burst])
      await appender.close()
      const burstRecords = results[3]
      // A burst made in one turn is recorded in call order, without gaps.
      assert.deepEqual(
        burstRecords.map((r) => r.entry),
        entries(5000, 200),
      )
      const firstSeq = burstRecords[0]?.seq ?? 0
      assert.deepEqual(
        burstRecords.map((r) => r.seq),
        Array.from({ length: 200 }, (_, i) => firstSeq + i),
      )
      for (const seqs of [results[0], results[1], results[2]]) {
        assert.deepEqual(
          seqs,
          [...seqs].sort((a, b) => a - b),
        )
      }
      const all = [...results[0], ...results[1], ...results[2], ...burstRecords.map((r) => r.seq)]
      assert.equal(new Set(all).size, 350)
      assert.deepEqual(await verifyLedger(store, { batch: 33 }), {
        ok: true,
        count: 350,
        headSeq: 350,
        headHash: (await store.head()).hash,
      })
    })

    it('never forks the chain when two handles on the same ledger append in turn', async () => {
      const other = await openStore()
      for (let i = 0; i < 20; i++) {
        await (i % 2 === 0 ? store : other).append(entries(i * 3, 3))
      }
      assert.equal(await store.count(), 60)
      assert.deepEqual(await other.head(), await store.head())
      const verdict = await verifyLedger(other, { batch: 7 })
      assert.equal(verdict.ok, true)
      assert.equal(verdict.count, 60)
    })

    it('verifies an intact ledger in batches and reports its head', async () => {
      await store.append(entries(0, 50))
      const head = await store.head()
      for (const batch of [1, 7, 50, 1000]) {
        assert.deepEqual(await verifyLedger(store, { batch }), {
          ok: true,
          count: 50,
          headSeq: 50,
          headHash: head.hash,
        })
      }
      assert.deepEqual(await verifyLedger(await openStore()), {
        ok: true,
        count: 50,
        headSeq: 50,
        headHash: head.hash,
      })
    })

    describe('queries', () => {
      // 60 records: three services with their recipients and countries, five actions, subjects that
      // repeat, a record with two recipients, and times in two zone offsets (+09:00 sorts differently
      // as text than as an instant).
      const corpus = (): LedgerEntry[] =>
        Array.from({ length: 60 }, (_, i) => {
          const base = sampleDecisionEntry(i, { subject: `subject-${i % 7}` })
          if (i === 10) {
            return {
              ...base,
              service: 'deepseek',
              recipients: [
                { name: 'Hangzhou DeepSeek', country: 'CN' },
                { name: 'Beijing Volcano Engine', country: 'CN' },
              ],
              countries: ['CN'],
            }
          }
          // Every fourth record gives its time in Korean time: the same instant, other text.
          if (i % 4 === 1) {
            const at = new Date(Date.parse(base.time) + 9 * 3600_000).toISOString().replace('Z', '+09:00')
            return { ...base, time: at }
          }
          return base
        })
      const expected = (all: readonly LedgerEntry[], filter: LedgerQuery, afterSeq = 0) => {
        const query = normaliseQuery(filter)
        assert.ok(typeof query !== 'string', String(query))
        return all
          .map((entry, i) => ({ seq: i + 1, entry }))
          .filter(({ seq, entry }) => seq > afterSeq && matchesQuery(indexedFieldsOf(entry), query))
          .map(({ seq }) => seq)
      }
      const t0 = Date.UTC(2026, 10, 24, 6, 0, 0)

      it('finds records by recipient, country, subject, category, action, service, tenant and time', async () => {
        const all = corpus()
        await store.append(all)
        const filters: LedgerQuery[] = [
          { recipient: 'Beijing Volcano Engine' },
          { recipient: 'Hangzhou DeepSeek' },
          { country: 'CN' },
          { country: 'US', action: 'block' },
          { subject: 'subject-3' },
          { subject: 'subject-3', from: new Date(t0 + 20 * 7).toISOString() },
          { category: 'personal-identifiers', service: 'openai-api' },
          { action: 'warn' },
          { service: 'naver-hyperclova-x', tenant: 'mofa' },
          { from: new Date(t0 + 10 * 7).toISOString(), to: new Date(t0 + 30 * 7).toISOString() },
          { from: '2026-11-24T15:00:00.070+09:00', to: '2026-11-24T06:00:00.140Z', country: 'KR' },
          { kind: 'decision', to: '2026-11-24T06:00:00.050Z' },
          { recipient: 'nobody' },
        ]
        for (const filter of filters) {
          const want = expected(all, filter)
          const got = await store.query(filter, { limit: 1000 })
          assert.deepEqual(
            got.map((r) => r.seq),
            want,
            JSON.stringify(filter),
          )
          assert.deepEqual(
            got.map((r) => r.entry),
            want.map((seq) => all[seq - 1]),
          )
        }
        assert.ok(expected(all, { recipient: 'Beijing Volcano Engine' }).length === 1)
        // Records appended after a query are found by the next one.
        const more = [
          sampleDecisionEntry(60, { subject: 'subject-3' }),
          sampleDecisionEntry(61, { subject: 'late' }),
        ]
        await store.append(more)
        assert.deepEqual(
          (await store.query({ subject: 'subject-3' }, { limit: 1000 })).map((r) => r.seq),
          [...expected(all, { subject: 'subject-3' }), 61],
        )
        assert.deepEqual(
          (await store.query({ subject: 'late' }, { limit: 1000 })).map((r) => r.seq),
          [62],
        )
        assert.ok(
          expected(all, { from: '2026-11-24T15:00:00.070+09:00', to: '2026-11-24T06:00:00.140Z' }).length > 5,
        )
      })

      it('pages with afterSeq and limit, and returns rows as stored', async () => {
        const all = corpus()
        await store.append(all)
        const filter = { country: 'US' }
        const want = expected(all, filter)
        const seen: number[] = []
        let afterSeq = 0
        for (let turn = 0; turn < 100; turn++) {
          const page = await store.queryStored(filter, { limit: 3, afterSeq })
          seen.push(...page.map((r) => r.seq))
          const last = page.at(-1)
          if (last === undefined) break
          afterSeq = last.seq
        }
        assert.deepEqual(seen, want)
        const stored = await store.queryStored({ subject: 'subject-1' }, { limit: 2, afterSeq: 5 })
        const raw = await store.readStored(stored[0]?.seq ?? 1, 1)
        assert.deepEqual(stored[0], raw[0])
        assert.deepEqual(
          stored.map((r) => r.seq),
          expected(all, { subject: 'subject-1' }, 5).slice(0, 2),
        )
        assert.deepEqual(await store.query(filter, { limit: 0 }), [])
      })

      it('refuses a bad filter or page', async () => {
        for (const [filter, page] of [
          [{ from: 'last tuesday' }, { limit: 10 }],
          [{ to: '2026-13-01T00:00:00Z' }, { limit: 10 }],
          [{ colour: 'red' }, { limit: 10 }],
          [{ subject: '' }, { limit: 10 }],
          [{}, { limit: -1 }],
          [{}, { limit: 10, afterSeq: -1 }],
          [{}, { limit: 1.5 }],
        ] as const) {
          await assert.rejects(
            store.query(filter as LedgerQuery, page),
            isInvalidInput,
            JSON.stringify([filter, page]),
          )
        }
      })
    })

    const tamper = hooks.tamper
    describe('tampering', { skip: tamper === undefined ? 'the adapter gives no tamper hook' : false }, () => {
      // `intact` is how many records precede the break: fewer than seq - 1 after a deletion.
      const broken = async (seq: number, reason: string, intact = seq - 1) => {
        const verdict = await verifyLedger(store, { batch: 4 })
        assert.equal(verdict.ok, false)
        if (verdict.ok) return
        assert.equal(verdict.firstBroken.seq, seq, verdict.firstBroken.detail)
        assert.equal(verdict.firstBroken.reason, reason)
        assert.equal(verdict.count, intact)
      }

      it('finds an edited field', async () => {
        await store.append(entries(0, 10))
        await tamper?.(5, (row) => ({
          ...row,
          entryJson: row.entryJson.replace(/"action":"[a-z]+"/, '"action":"allow"'),
        }))
        await broken(5, 'hash-mismatch')
      })

      it('finds a record replaced with its hash recomputed, at the record after it', async () => {
        await store.append(entries(0, 10))
        await tamper?.(5, (row) => {
          const entryJson = row.entryJson.replace(/"tenant":"[^"]+"/, '"tenant":"someone-else"')
          return { ...row, entryJson, hash: hashCanonicalRecord(row.prevHash, row.seq, entryJson) }
        })
        await broken(6, 'prev-mismatch')
      })

      it('finds a deleted record', async () => {
        await store.append(entries(0, 10))
        await tamper?.(5, () => undefined)
        await broken(6, 'seq-gap', 4)
      })

      it('finds records cut out of the middle', async () => {
        await store.append(entries(0, 10))
        for (const seq of [4, 5, 6]) await tamper?.(seq, () => undefined)
        await broken(7, 'seq-gap', 3)
      })

      it('finds two records swapped', async () => {
        const records = await store.append(entries(0, 10))
        const stored = await store.readStored(3, 2)
        const [third, fourth] = stored
        assert.ok(third && fourth && records.length === 10)
        await tamper?.(3, () => ({ ...fourth, seq: 3 }))
        await tamper?.(4, () => ({ ...third, seq: 4 }))
        await broken(3, 'hash-mismatch')
      })

      it('finds a record moved outside the chain', async () => {
        await store.append(entries(0, 10))
        await tamper?.(10, (row) => ({ ...row, seq: 0 }))
        await broken(0, 'seq-gap', 9)
      })

      it('finds a damaged hash as malformed', async () => {
        await store.append(entries(0, 10))
        await tamper?.(8, (row) => ({ ...row, hash: 'not a hash' }))
        await broken(8, 'malformed')
      })

      it('finds cut entry text, which read refuses to decode', async () => {
        await store.append(entries(0, 10))
        await tamper?.(2, (row) => ({ ...row, entryJson: row.entryJson.slice(0, -1) }))
        await broken(2, 'hash-mismatch')
        await assert.rejects(
          store.read(1, 10),
          (error: unknown) => isSluiceError(error) && error.code === 'INTERNAL',
        )
        assert.equal((await store.read(3, 10)).length, 8)
      })
    })
  })
}

function isInvalidInput(error: unknown): boolean {
  return isSluiceError(error) && error.code === 'INVALID_INPUT'
}
