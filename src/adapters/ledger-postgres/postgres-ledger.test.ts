import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { after, describe, it } from 'node:test'
import { promisify } from 'node:util'
import pg from 'pg'
import { checkpointStoreContract } from '../../app/checkpoint-store.contract.ts'
import { isSluiceError } from '../../app/errors.ts'
import { ledgerStoreContract } from '../../app/ledger-store.contract.ts'
import { verifyLedger } from '../../app/verify-ledger.ts'
import { sampleDecisionEntry } from '../../core/ledger/sample-entry.ts'
import { openPostgresLedger } from './open-postgres-ledger.ts'

// The server every machine runs for tests (trust auth). Its absence fails these tests: no skipping.
const url = process.env.SLUICE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const run = `sluice_test_${randomBytes(6).toString('hex')}`
const admin = new pg.Pool({ connectionString: url, max: 2 })
const schemas: string[] = []
after(async () => {
  for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await admin.end()
})

// Each case gets its own fresh schema: cleanup creates the next one.
let schema = ''
async function freshSchema(): Promise<void> {
  schema = `${run}_${schemas.length}`
  schemas.push(schema)
  await admin.query(`CREATE SCHEMA ${schema}`)
}
await freshSchema()

ledgerStoreContract('postgres', () => openPostgresLedger(url, { schema }), {
  cleanup: freshSchema,
  async tamper(seq, mutate) {
    const rows = await admin.query(
      `SELECT seq, entry, prev_hash, hash FROM ${schema}.sluice_ledger WHERE seq = $1`,
      [seq],
    )
    const row = rows.rows[0]
    assert.ok(row, `no record #${seq} to tamper with`)
    const changed = mutate({
      seq: Number(row.seq),
      entryJson: String(row.entry),
      prevHash: String(row.prev_hash),
      hash: String(row.hash),
    })
    if (changed === undefined) await admin.query(`DELETE FROM ${schema}.sluice_ledger WHERE seq = $1`, [seq])
    else {
      await admin.query(
        `UPDATE ${schema}.sluice_ledger SET seq = $1, entry = $2, prev_hash = $3, hash = $4 WHERE seq = $5`,
        [changed.seq, changed.entryJson, changed.prevHash, changed.hash, seq],
      )
    }
  },
})

checkpointStoreContract('postgres', () => openPostgresLedger(url, { schema }), { cleanup: freshSchema })

describe('openPostgresLedger', () => {
  const isCode = (code: string) => (error: unknown) => isSluiceError(error) && error.code === code

  it('fails with CONFIG_INVALID for an unreachable server or a bad schema name', async () => {
    await assert.rejects(openPostgresLedger('postgres://postgres@127.0.0.1:1/test'), isCode('CONFIG_INVALID'))
    await assert.rejects(openPostgresLedger(url, { schema: 'x; DROP TABLE y' }), isCode('CONFIG_INVALID'))
  })

  it('keeps the queryable columns and tags, with the sluice_ prefix', async () => {
    await freshSchema()
    const store = await openPostgresLedger(url, { schema })
    const entry = sampleDecisionEntry(7, { time: '2026-11-24T15:00:00.049+09:00' })
    await store.append([entry])
    await store.close()
    const row = (
      await admin.query(`SELECT at_ms, subject, service FROM ${schema}.sluice_ledger WHERE seq = 1`)
    ).rows[0]
    assert.deepEqual(
      { at: Number(row.at_ms), subject: row.subject, service: row.service },
      { at: Date.UTC(2026, 10, 24, 6, 0, 0, 49), subject: entry.subject, service: entry.service },
    )
    const tags = await admin.query(`SELECT tag, value FROM ${schema}.sluice_ledger_tags ORDER BY tag, value`)
    assert.equal(tags.rows.length, 4)
  })

  it('never forks the chain when several processes (gateway instances) append at once', async () => {
    await freshSchema()
    const adapter = new URL('./open-postgres-ledger.ts', import.meta.url).href
    const sample = new URL('../../core/ledger/sample-entry.ts', import.meta.url).href
    const script = `
      const { openPostgresLedger } = await import(${JSON.stringify(adapter)})
      const { sampleDecisionEntry } = await import(${JSON.stringify(sample)})
      const store = await openPostgresLedger(process.argv[1], { schema: process.argv[2] })
      const id = Number(process.argv[3])
      for (let b = 0; b < 60; b++) {
        await store.append(Array.from({ length: 5 }, (_, i) => sampleDecisionEntry(b * 5 + i, { requestId: 'w' + id + '-' + b + '-' + i })))
      }
      await store.close()
    `
    const exec = promisify(execFile)
    await Promise.all(
      [1, 2, 3].map((id) =>
        exec(process.execPath, ['--input-type=module', '-e', script, url, schema, String(id)]),
      ),
    )
    const store = await openPostgresLedger(url, { schema })
    assert.deepEqual(await verifyLedger(store), {
      ok: true,
      count: 900,
      headSeq: 900,
      headHash: (await store.head()).hash,
    })
    const records = await store.read(1, 900)
    for (let i = 0; i < records.length; i += 5) {
      const writers = new Set(
        records.slice(i, i + 5).map((r) => (r.entry as { requestId: string }).requestId.split('-')[0]),
      )
      assert.equal(writers.size, 1)
    }
    await store.close()
  })
})
