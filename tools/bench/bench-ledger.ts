// `npm run bench:ledger`: hash-chained ledger on SQLite against DESIGN.md's figures —
// append >= 20,000 records/s, verify 1M records < 10 s.
//
//   node tools/bench/bench-ledger.ts [--append 200000] [--verify 1000000] [--burst 64] [--dir DIR] [--json]
//
// Appends go through the group-commit appender the gateway's primary process uses: `--burst` entries
// arrive in one turn of the event loop (as decisions forwarded by the workers do), the next burst once
// they are recorded. A second run awaits every append on its own (one transaction per record): the
// floor when traffic is sparse. The verify run builds a ledger of `--verify` records in a temporary
// file (bounded: batches of 10,000), closes it, reopens it and checks the whole chain.
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openSqliteLedger } from '../../src/adapters/ledger-sqlite/open-sqlite-ledger.ts'
import { createLedgerAppender } from '../../src/app/ledger-appender.ts'
import { verifyLedger } from '../../src/app/verify-ledger.ts'
import type { LedgerEntry } from '../../src/core/ledger/ledger-record.ts'
import { sampleDecisionEntry } from '../../src/core/ledger/sample-entry.ts'

const { values } = parseArgs({
  options: {
    append: { type: 'string', default: '200000' },
    single: { type: 'string', default: '20000' },
    verify: { type: 'string', default: '1000000' },
    burst: { type: 'string', default: '64' },
    dir: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
})
const appendCount = Number(values.append)
const singleCount = Number(values.single)
const verifyCount = Number(values.verify)
const burst = Number(values.burst)
for (const [name, n] of Object.entries({ appendCount, singleCount, verifyCount, burst })) {
  if (!Number.isSafeInteger(n) || n < 1) {
    process.stderr.write(`${name} must be a positive integer\n`)
    process.exit(2)
  }
}
const log = (line: string): void => {
  if (!values.json) process.stdout.write(`${line}\n`)
}
const appendTarget = 20_000
const verifyTargetSeconds = 10

const root = await mkdtemp(join(values.dir ?? tmpdir(), 'sluice-bench-ledger-'))
const results: Record<string, number | boolean> = {}
try {
  // A pool of varied entries built before timing; each appended record gets its own rising time and
  // request id, as live records have (repeated times would scatter inserts across the time indexes).
  const pool: LedgerEntry[] = Array.from({ length: 10_000 }, (_, i) => sampleDecisionEntry(i))
  const start = Date.UTC(2026, 10, 24)
  const entryAt = (i: number): LedgerEntry => ({
    ...(pool[i % pool.length] as LedgerEntry),
    time: new Date(start + i).toISOString(),
    requestId: `req-${i}`,
  })

  log(`ledger bench: node ${process.version}, load ${loadavg()[0]?.toFixed(2)}, files under ${root}`)

  // 1. Group commit, bursts as the primary receives them.
  {
    const file = join(root, 'append.db')
    const store = await openSqliteLedger(file)
    const appender = createLedgerAppender(store)
    const started = performance.now()
    for (let i = 0; i < appendCount; i += burst) {
      const n = Math.min(burst, appendCount - i)
      let last: Promise<unknown> = Promise.resolve()
      for (let j = 0; j < n; j++) last = appender.append(entryAt(i + j))
      await last
    }
    await appender.close()
    const seconds = (performance.now() - started) / 1000
    const rate = appendCount / seconds
    const verdict = await verifyLedger(store)
    await store.close()
    if (!verdict.ok || verdict.count !== appendCount)
      throw new Error(`append run left a broken ledger: ${JSON.stringify(verdict)}`)
    results.appendPerSecond = Math.round(rate)
    log(
      `append, bursts of ${burst}: ${appendCount.toLocaleString('en')} records in ${seconds.toFixed(2)} s = ${Math.round(rate).toLocaleString('en')} records/s (target >= ${appendTarget.toLocaleString('en')}/s: ${rate >= appendTarget ? 'met' : 'MISSED'})`,
    )
  }

  // 2. One transaction per record: every append awaited before the next.
  {
    const store = await openSqliteLedger(join(root, 'single.db'))
    const appender = createLedgerAppender(store)
    const started = performance.now()
    for (let i = 0; i < singleCount; i++) await appender.append(entryAt(i))
    const seconds = (performance.now() - started) / 1000
    await appender.close()
    await store.close()
    results.singleAppendPerSecond = Math.round(singleCount / seconds)
    log(
      `append, one record per transaction: ${singleCount.toLocaleString('en')} records in ${seconds.toFixed(2)} s = ${Math.round(singleCount / seconds).toLocaleString('en')} records/s`,
    )
  }

  // 3. Verify a ledger of `verifyCount` records.
  {
    const file = join(root, 'verify.db')
    let store = await openSqliteLedger(file)
    const buildStarted = performance.now()
    for (let i = 0; i < verifyCount; i += 10_000) {
      const n = Math.min(10_000, verifyCount - i)
      await store.append(Array.from({ length: n }, (_, j) => entryAt(i + j)))
    }
    const buildSeconds = (performance.now() - buildStarted) / 1000
    await store.close()
    const bytes = (await stat(file)).size
    log(
      `built ${verifyCount.toLocaleString('en')} records in ${buildSeconds.toFixed(1)} s (batches of 10,000): ${(bytes / 1e6).toFixed(0)} MB, ${Math.round(bytes / verifyCount)} bytes/record`,
    )
    store = await openSqliteLedger(file, { create: false })
    const started = performance.now()
    const verdict = await verifyLedger(store)
    const seconds = (performance.now() - started) / 1000
    await store.close()
    if (!verdict.ok || verdict.count !== verifyCount)
      throw new Error(`verify failed: ${JSON.stringify(verdict)}`)
    const scaled = (seconds * 1_000_000) / verifyCount
    results.verifyRecords = verifyCount
    results.verifySeconds = Number(seconds.toFixed(2))
    results.verifySecondsPerMillion = Number(scaled.toFixed(2))
    results.fileBytes = bytes
    log(
      `verify: ${verifyCount.toLocaleString('en')} records in ${seconds.toFixed(2)} s = ${Math.round(verifyCount / seconds).toLocaleString('en')} records/s (${scaled.toFixed(2)} s per 1M; target < ${verifyTargetSeconds} s: ${scaled < verifyTargetSeconds ? 'met' : 'MISSED'})`,
    )
  }
  if (values.json) process.stdout.write(`${JSON.stringify(results)}\n`)
} finally {
  await rm(root, { recursive: true, force: true })
}
