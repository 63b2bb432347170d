import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { after, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { checkpointStoreContract } from '../../app/checkpoint-store.contract.ts'
import { isSluiceError } from '../../app/errors.ts'
import { ledgerStoreContract } from '../../app/ledger-store.contract.ts'
import { verifyLedger } from '../../app/verify-ledger.ts'
import { canonicalJson } from '../../core/ledger/canonical-json.ts'
import { genesisHash, hashRecord } from '../../core/ledger/chain-hash.ts'
import { sampleDecisionEntry } from '../../core/ledger/sample-entry.ts'
import { openSqliteLedger } from './open-sqlite-ledger.ts'

const root = await mkdtemp(join(tmpdir(), 'sluice-ledger-'))
after(() => rm(root, { recursive: true, force: true }))

let caseNo = 0
// Each case gets a fresh directory (cleanup switches to it) that does not exist yet: open creates it.
let file = join(root, 'case-0', 'ledger.db')

ledgerStoreContract('sqlite', () => openSqliteLedger(file), {
  async cleanup() {
    caseNo++
    file = join(root, `case-${caseNo}`, 'nested', 'ledger.db')
  },
  async tamper(seq, mutate) {
    const db = new DatabaseSync(file)
    try {
      const row = db.prepare('SELECT seq, entry, prev_hash, hash FROM ledger WHERE seq = ?').get(seq)
      assert.ok(row, `no record #${seq} to tamper with`)
      const changed = mutate({
        seq: Number(row.seq),
        entryJson: String(row.entry),
        prevHash: String(row.prev_hash),
        hash: String(row.hash),
      })
      if (changed === undefined) db.prepare('DELETE FROM ledger WHERE seq = ?').run(seq)
      else {
        db.prepare('UPDATE ledger SET seq = ?, entry = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
          changed.seq,
          changed.entryJson,
          changed.prevHash,
          changed.hash,
          seq,
        )
      }
    } finally {
      db.close()
    }
  },
})

describe('openSqliteLedger', () => {
  const isCode = (code: string) => (error: unknown) => isSluiceError(error) && error.code === code

  it('keeps the queryable columns beside the entry and tags in a side table, in a WAL-mode file', async () => {
    const path = join(root, 'columns', 'ledger.db')
    const store = await openSqliteLedger(path)
    const entry = sampleDecisionEntry(7, { time: '2026-11-24T15:00:00.049+09:00' })
    await store.append([entry])
    // Tags are filled in bulk before the first query that needs them.
    assert.deepEqual(
      (await store.query({ country: entry.countries[0] ?? '' }, { limit: 5 })).map((r) => r.seq),
      [1],
    )
    await store.close()
    const db = new DatabaseSync(path, { readOnly: true })
    try {
      assert.equal(db.prepare('PRAGMA journal_mode').get()?.journal_mode, 'wal')
      assert.deepEqual(
        {
          ...db
            .prepare('SELECT time, at_ms, kind, tenant, subject, service, action FROM ledger WHERE seq = 1')
            .get(),
        },
        {
          time: entry.time,
          at_ms: Date.UTC(2026, 10, 24, 6, 0, 0, 49),
          kind: 'decision',
          tenant: entry.tenant,
          subject: entry.subject,
          service: entry.service,
          action: entry.action,
        },
      )
      assert.deepEqual(
        db
          .prepare('SELECT tag, value FROM ledger_tags WHERE seq = 1 ORDER BY tag, value')
          .all()
          .map((r) => `${r.tag}=${r.value}`),
        [
          'category=personal-identifiers',
          'category=prompt-content',
          `country=${entry.countries[0]}`,
          `recipient=${entry.recipients[0]?.name}`,
        ],
      )
      const indexes = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger' ORDER BY name")
        .all()
        .map((r) => r.name)
      assert.deepEqual(indexes, ['ledger_action_at', 'ledger_at', 'ledger_service_at', 'ledger_tenant_at'])
    } finally {
      db.close()
    }
  })

  it('migrates a version 1 ledger: columns, tags and an empty checkpoint table, chain intact', async () => {
    const path = join(root, 'v1', 'ledger.db')
    await mkdir(join(root, 'v1'))
    const db = new DatabaseSync(path)
    db.exec(`CREATE TABLE ledger (seq INTEGER PRIMARY KEY, time TEXT NOT NULL, kind TEXT NOT NULL, tenant TEXT,
      service TEXT, action TEXT, entry TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL) STRICT;
      CREATE INDEX ledger_time ON ledger (time); CREATE INDEX ledger_tenant_time ON ledger (tenant, time);
      CREATE INDEX ledger_service_time ON ledger (service, time); CREATE INDEX ledger_action_time ON ledger (action, time);
      PRAGMA user_version = 1;`)
    const insert = db.prepare(
      'INSERT INTO ledger (seq, time, kind, tenant, service, action, entry, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    let prev = genesisHash
    const entries = Array.from({ length: 12 }, (_, i) => sampleDecisionEntry(i))
    for (const [i, entry] of entries.entries()) {
      const hash = hashRecord(prev, i + 1, entry)
      insert.run(
        i + 1,
        entry.time,
        entry.kind,
        entry.tenant,
        entry.service ?? null,
        entry.action,
        canonicalJson(entry, 'entry'),
        prev,
        hash,
      )
      prev = hash
    }
    db.close()
    const store = await openSqliteLedger(path)
    assert.deepEqual(await verifyLedger(store), { ok: true, count: 12, headSeq: 12, headHash: prev })
    const cn = await store.query({ country: 'CN' }, { limit: 100 })
    assert.deepEqual(
      cn.map((r) => r.seq),
      entries.flatMap((e, i) => (e.countries.includes('CN') ? [i + 1] : [])),
    )
    const later = await store.query(
      { from: entries[6]?.time ?? '', subject: entries[8]?.subject ?? '' },
      { limit: 9 },
    )
    assert.deepEqual(
      later.map((r) => r.seq),
      [9],
    )
    assert.equal(await store.latestCheckpoint(), undefined)
    const [next] = await store.append([sampleDecisionEntry(12)])
    assert.equal(next?.prevHash, prev)
    await store.close()
  })

  it('fills the side tables in chunks for a large ledger, and queries find every record', async () => {
    const path = join(root, 'large', 'ledger.db')
    const store = await openSqliteLedger(path)
    const n = 45_000
    for (let i = 0; i < n; i += 15_000) {
      await store.append(Array.from({ length: 15_000 }, (_, j) => sampleDecisionEntry(i + j)))
    }
    const who = sampleDecisionEntry(31_337).subject
    const want = Array.from({ length: n }, (_, i) => i).filter((i) => sampleDecisionEntry(i).subject === who)
    const got = await store.query({ subject: who }, { limit: n })
    assert.deepEqual(
      got.map((r) => r.seq),
      want.map((i) => i + 1),
    )
    const kr = await store.queryStored({ country: 'KR' }, { limit: n })
    assert.equal(kr.length, n / 3)
    const db = new DatabaseSync(path, { readOnly: true })
    assert.equal(db.prepare("SELECT upto FROM ledger_index_state WHERE name = 'side-tables'").get()?.upto, n)
    db.close()
    await store.close()
  })

  it('creates nothing when told not to, and says there is no ledger', async () => {
    const path = join(root, 'absent', 'ledger.db')
    await assert.rejects(openSqliteLedger(path, { create: false }), isCode('NOT_FOUND'))
    await assert.rejects(access(join(root, 'absent')))
    const created = await openSqliteLedger(path)
    await created.append([sampleDecisionEntry(0)])
    await created.close()
    const reader = await openSqliteLedger(path, { create: false })
    assert.equal(await reader.count(), 1)
    await reader.close()
  })

  it('refuses a file that is not a SQLite database', async () => {
    const path = join(root, 'not-sqlite.db')
    await writeFile(
      path,
      'this is a text file, not a database, and it is long enough to have a header\n'.repeat(20),
    )
    await assert.rejects(openSqliteLedger(path), isCode('CONFIG_INVALID'))
  })

  it('refuses a ledger written by a newer schema version', async () => {
    const path = join(root, 'newer', 'ledger.db')
    const store = await openSqliteLedger(path)
    await store.close()
    const db = new DatabaseSync(path)
    db.exec('PRAGMA user_version = 9')
    db.close()
    await assert.rejects(openSqliteLedger(path), (error: unknown) => {
      return isCode('CONFIG_INVALID')(error) && /schema version 9/.test((error as Error).message)
    })
  })

  it('reports a failed write as INTERNAL and keeps the chain for the next write', async () => {
    const path = join(root, 'locked', 'ledger.db')
    const store = await openSqliteLedger(path, { busyTimeoutMs: 300 })
    await store.append([sampleDecisionEntry(0)])
    // Another connection holds the write lock longer than the store waits.
    const blocker = new DatabaseSync(path, { timeout: 0 })
    blocker.exec('BEGIN IMMEDIATE')
    const started = Date.now()
    await assert.rejects(store.append([sampleDecisionEntry(1)]), isCode('INTERNAL'))
    assert.ok(Date.now() - started >= 250, 'the writer waited for the lock before failing')
    blocker.exec('ROLLBACK')
    blocker.close()
    const [record] = await store.append([sampleDecisionEntry(2)])
    assert.equal(record?.seq, 2)
    assert.equal((await verifyLedger(store)).ok, true)
    await store.close()
  })

  it('never forks the chain when several processes append to one file at once', async () => {
    const path = join(root, 'processes', 'ledger.db')
    const adapter = new URL('./open-sqlite-ledger.ts', import.meta.url).href
    const sample = new URL('../../core/ledger/sample-entry.ts', import.meta.url).href
    // Each process appends 100 batches of 5; their transactions interleave on the one file.
    const script = `
      const { openSqliteLedger } = await import(${JSON.stringify(adapter)})
      const { sampleDecisionEntry } = await import(${JSON.stringify(sample)})
      const store = await openSqliteLedger(process.argv[1])
      const id = Number(process.argv[2])
      for (let b = 0; b < 100; b++) {
        await store.append(Array.from({ length: 5 }, (_, i) => sampleDecisionEntry(b * 5 + i, { requestId: 'w' + id + '-' + b + '-' + i })))
      }
      await store.close()
    `
    const run = promisify(execFile)
    await Promise.all(
      [1, 2, 3].map((id) => run(process.execPath, ['--input-type=module', '-e', script, path, String(id)])),
    )
    const store = await openSqliteLedger(path)
    assert.deepEqual(await verifyLedger(store), {
      ok: true,
      count: 1500,
      headSeq: 1500,
      headHash: (await store.head()).hash,
    })
    // Each process's batches stay whole: five consecutive records from the same writer.
    const records = await store.read(1, 1500)
    for (let i = 0; i < records.length; i += 5) {
      const writers = new Set(
        records
          .slice(i, i + 5)
          .map((r) => (r.entry.kind === 'decision' ? r.entry.requestId : '').split('-')[0]),
      )
      assert.equal(writers.size, 1)
    }
    await store.close()
  })
})

checkpointStoreContract('sqlite', () => openSqliteLedger(file), {
  async cleanup() {
    caseNo++
    file = join(root, `case-${caseNo}`, 'ledger.db')
  },
})
