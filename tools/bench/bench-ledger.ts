// `npm run bench:ledger`: hash-chained ledger on SQLite against DESIGN.md's figures —
// append >= 20,000 records/s, verify 1M records < 10 s.
//
//   node tools/bench/bench-ledger.ts [--append 200000] [--single 20000] [--ipc 100000] [--verify 1000000]
//                                    [--burst 64] [--dir DIR] [--json]
//
// Appends go through the group-commit appender the gateway's primary process uses:
// 1. `--burst` entries arrive in one turn of the event loop, the next burst once they are recorded;
// 2. every append awaited on its own (one transaction per record): the floor when traffic is sparse;
// 3. two worker processes (this file, forked) each send `--ipc` entries over IPC, up to 256 unanswered,
//    as gateway workers forward decisions; the primary appends them and answers each with its seq.
//    Checks that no record is lost and each worker's records keep their order.
// The verify run builds a ledger of `--verify` records in a temporary file (bounded: batches of
// 10,000), closes it, reopens it and checks the whole chain; then checks it again with its signed
// checkpoints (chain + Merkle tree + signature), after timing the checkpoint itself: from scratch over
// all records, and incrementally after `--checkpoint-step` more.
// 5. PostgreSQL (`--pg-url`, default the local test server): bursts through the appender, in a schema
//    of its own that is dropped afterwards; `--pg-append 0` skips it.
import { fork } from 'node:child_process'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { openPostgresLedger } from '../../src/adapters/ledger-postgres/open-postgres-ledger.ts'
import { openSqliteLedger } from '../../src/adapters/ledger-sqlite/open-sqlite-ledger.ts'
import type { CheckpointSigner } from '../../src/app/checkpoint-port.ts'
import { createCheckpointer } from '../../src/app/checkpointer.ts'
import { createLedgerAppender } from '../../src/app/ledger-appender.ts'
import type { LedgerStore } from '../../src/app/ledger-port.ts'
import { verifyLedgerAndCheckpoints } from '../../src/app/verify-checkpoints.ts'
import { verifyLedger } from '../../src/app/verify-ledger.ts'
import { signCheckpoint } from '../../src/core/ledger/checkpoint.ts'
import type { DecisionEntry, LedgerEntry } from '../../src/core/ledger/ledger-record.ts'
import { sampleDecisionEntry } from '../../src/core/ledger/sample-entry.ts'

// Each record gets its own rising time and request id, as live records have (repeated times would
// scatter inserts across the time indexes); the rest comes from a pool of varied entries.
const pool: DecisionEntry[] = Array.from({ length: 10_000 }, (_, i) => sampleDecisionEntry(i))
const startTime = Date.UTC(2026, 10, 24)
const entryAt = (i: number, requestId = `req-${i}`): DecisionEntry => ({
  ...(pool[i % pool.length] as DecisionEntry),
  time: new Date(startTime + i).toISOString(),
  requestId,
})

const workerEnv = process.env.SLUICE_LEDGER_BENCH_WORKER
if (workerEnv !== undefined) {
  await runIpcWorker(workerEnv)
  process.exit(0)
}

/** Worker side of run 3: sends `n` entries to the primary, at most `window` unanswered. */
async function runIpcWorker(spec: string): Promise<void> {
  const [id, n] = spec.split(':').map(Number) as [number, number]
  const window = 256
  let sent = 0
  let answered = 0
  await new Promise<void>((resolve) => {
    const pump = (): void => {
      while (sent < n && sent - answered < window) {
        process.send?.({ entry: entryAt(sent, `w${id}-${sent}`) })
        sent++
      }
      if (answered === n) resolve()
    }
    process.on('message', (message: { answered: number }) => {
      answered += message.answered
      pump()
    })
    pump()
  })
  process.disconnect?.()
}

const { values } = parseArgs({
  options: {
    append: { type: 'string', default: '200000' },
    single: { type: 'string', default: '20000' },
    ipc: { type: 'string', default: '100000' },
    verify: { type: 'string', default: '1000000' },
    burst: { type: 'string', default: '64' },
    'checkpoint-step': { type: 'string', default: '10000' },
    'pg-append': { type: 'string', default: '50000' },
    'pg-url': {
      type: 'string',
      default: process.env.SLUICE_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
    dir: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
})
const appendCount = Number(values.append)
const singleCount = Number(values.single)
const ipcCount = Number(values.ipc)
const verifyCount = Number(values.verify)
const burst = Number(values.burst)
const checkpointStep = Number(values['checkpoint-step'])
const pgCount = Number(values['pg-append'])
for (const [name, n] of Object.entries({
  appendCount,
  singleCount,
  ipcCount,
  verifyCount,
  burst,
  checkpointStep,
  pgCount,
})) {
  if (!Number.isSafeInteger(n) || n < (name === 'pgCount' ? 0 : 1)) {
    process.stderr.write(`${name} must be a positive integer\n`)
    process.exit(2)
  }
}
const log = (line: string): void => {
  if (!values.json) process.stdout.write(`${line}\n`)
}
const appendTarget = 20_000
const verifyTargetSeconds = 10

/** Appends `n` entries through the appender in bursts of `burst`; returns the seconds taken. */
async function appendBursts(store: LedgerStore, n: number): Promise<number> {
  const appender = createLedgerAppender(store)
  const started = performance.now()
  for (let i = 0; i < n; i += burst) {
    const size = Math.min(burst, n - i)
    let last: Promise<unknown> = Promise.resolve()
    for (let j = 0; j < size; j++) last = appender.append(entryAt(i + j))
    await last
  }
  await appender.close()
  return (performance.now() - started) / 1000
}

// A throwaway Ed25519 key: the bench measures signing, not key storage.
function benchSigner(): CheckpointSigner {
  const pair = generateKeyPairSync('ed25519')
  const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  return {
    publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (body) => signCheckpoint(body, pem),
  }
}

const root = await mkdtemp(join(values.dir ?? tmpdir(), 'sluice-bench-ledger-'))
const results: Record<string, number | boolean> = {}
try {
  log(`ledger bench: node ${process.version}, load ${loadavg()[0]?.toFixed(2)}, files under ${root}`)

  // 1. Group commit, bursts as the primary receives them.
  {
    const file = join(root, 'append.db')
    const store = await openSqliteLedger(file)
    const seconds = await appendBursts(store, appendCount)
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

  // 3. Two worker processes forwarding over IPC to this (primary) process, which alone appends.
  {
    const store = await openSqliteLedger(join(root, 'ipc.db'))
    const appender = createLedgerAppender(store)
    const lastSeq = [0, 0]
    const nextIndex = [0, 0]
    let batches = 0
    let outOfOrder = 0
    const originalAppend = store.append.bind(store)
    store.append = (entries) => {
      batches++
      return originalAppend(entries)
    }
    const started = performance.now()
    await Promise.all(
      [0, 1].map(
        (id) =>
          new Promise<void>((resolve, reject) => {
            const child = fork(import.meta.filename, [], {
              env: { ...process.env, SLUICE_LEDGER_BENCH_WORKER: `${id}:${ipcCount}` },
            })
            let unanswered = 0
            const answer = (): void => {
              if (unanswered > 0 && child.connected) child.send({ answered: unanswered })
              unanswered = 0
            }
            child.on('message', (message: { entry: LedgerEntry }) => {
              appender.append(message.entry).then((record) => {
                // Records of one worker must come back in the order it sent them, with rising seqs.
                if (
                  record.seq <= (lastSeq[id] ?? 0) ||
                  (record.entry.kind === 'decision' ? record.entry.requestId : '') !==
                    `w${id}-${nextIndex[id]}`
                ) {
                  outOfOrder++
                }
                lastSeq[id] = record.seq
                nextIndex[id] = (nextIndex[id] ?? 0) + 1
                if (unanswered++ === 0) setImmediate(answer)
              }, reject)
            })
            child.on('error', reject)
            child.on('exit', (code) =>
              code === 0 ? resolve() : reject(new Error(`worker ${id} exited ${code}`)),
            )
          }),
      ),
    )
    await appender.close()
    const seconds = (performance.now() - started) / 1000
    const total = ipcCount * 2
    const verdict = await verifyLedger(store)
    await store.close()
    if (!verdict.ok || verdict.count !== total || outOfOrder > 0) {
      throw new Error(`IPC run: ${JSON.stringify(verdict)}, ${outOfOrder} out of order`)
    }
    results.ipcAppendPerSecond = Math.round(total / seconds)
    log(
      `append from 2 worker processes over IPC: ${total.toLocaleString('en')} records in ${seconds.toFixed(2)} s = ${Math.round(total / seconds).toLocaleString('en')} records/s, ${batches.toLocaleString('en')} transactions (${(total / batches).toFixed(1)} records each), none lost, order kept, chain verified`,
    )
  }

  // 4. Verify a ledger of `verifyCount` records.
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

  // 4b. Checkpoint cost on that ledger, then verification with the checkpoints.
  {
    const file = join(root, 'verify.db')
    const store = await openSqliteLedger(file, { create: false })
    const signer = benchSigner()
    const fullStarted = performance.now()
    const full = await createCheckpointer(store, store, signer).checkpointNow()
    const fullSeconds = (performance.now() - fullStarted) / 1000
    await store.append(Array.from({ length: checkpointStep }, (_, j) => entryAt(verifyCount + j)))
    // A fresh checkpointer, as after a restart: it resumes from the stored frontier.
    const stepStarted = performance.now()
    const step = await createCheckpointer(store, store, signer).checkpointNow()
    const stepSeconds = (performance.now() - stepStarted) / 1000
    if (full?.treeSize !== verifyCount || step?.treeSize !== verifyCount + checkpointStep) {
      throw new Error('checkpoint run: unexpected tree sizes')
    }
    results.checkpointFullSeconds = Number(fullSeconds.toFixed(2))
    results.checkpointStepMs = Number((stepSeconds * 1000).toFixed(1))
    log(
      `checkpoint: all ${verifyCount.toLocaleString('en')} records from scratch in ${fullSeconds.toFixed(2)} s; ${checkpointStep.toLocaleString('en')} more records after a restart in ${(stepSeconds * 1000).toFixed(0)} ms (${((stepSeconds * 1e6) / checkpointStep).toFixed(1)} µs/record, chain-checked, signed)`,
    )
    // An access request: every record of one subject, then one recipient in a time range. The first
    // query fills the side tables (subjects, tags) for all records; the next ones only read indexes.
    const who = (pool[12_345 % pool.length] as { subject: string }).subject
    const firstStarted = performance.now()
    const bySubject = await store.query({ subject: who }, { limit: 100_000 })
    const firstMs = performance.now() - firstStarted
    const againStarted = performance.now()
    const byRecipient = await store.query(
      {
        recipient: 'Hangzhou DeepSeek',
        from: entryAt(Math.floor(verifyCount / 2)).time,
        to: entryAt(Math.floor(verifyCount / 2) + 10_000).time,
      },
      { limit: 100_000 },
    )
    await store.query({ subject: who }, { limit: 100_000 })
    const againMs = performance.now() - againStarted
    results.firstQueryMs = Math.round(firstMs)
    results.queryMs = Math.round(againMs / 2)
    log(
      `query: first subject query over ${(verifyCount + checkpointStep).toLocaleString('en')} records ${Math.round(firstMs)} ms (fills the subject and tag tables, ${bySubject.length} records); then ${(againMs / 2).toFixed(1)} ms per query (recipient in a range of 10,000 records: ${byRecipient.length} found)`,
    )
    const started = performance.now()
    const verified = await verifyLedgerAndCheckpoints(store, store, signer.publicKeyPem)
    const seconds = (performance.now() - started) / 1000
    await store.close()
    const total = verifyCount + checkpointStep
    if (!verified.chain.ok || verified.checkpoints.status !== 'ok') {
      throw new Error(`verify with checkpoints failed: ${JSON.stringify(verified)}`)
    }
    const scaled = (seconds * 1_000_000) / total
    results.verifyWithCheckpointsSecondsPerMillion = Number(scaled.toFixed(2))
    log(
      `verify with checkpoints (chain + Merkle tree + 2 signatures): ${total.toLocaleString('en')} records in ${seconds.toFixed(2)} s (${scaled.toFixed(2)} s per 1M; target < ${verifyTargetSeconds} s: ${scaled < verifyTargetSeconds ? 'met' : 'MISSED'})`,
    )
  }

  // 5. PostgreSQL, bursts through the appender, in a schema of its own.
  if (pgCount > 0) {
    const schema = `sluice_bench_${randomBytes(6).toString('hex')}`
    const admin = new pg.Pool({ connectionString: values['pg-url'], max: 1 })
    try {
      await admin.query(`CREATE SCHEMA ${schema}`)
      const store = await openPostgresLedger(values['pg-url'], { schema })
      const seconds = await appendBursts(store, pgCount)
      const verdict = await verifyLedger(store)
      await store.close()
      if (!verdict.ok || verdict.count !== pgCount)
        throw new Error(`PostgreSQL run: ${JSON.stringify(verdict)}`)
      results.postgresAppendPerSecond = Math.round(pgCount / seconds)
      log(
        `PostgreSQL append, bursts of ${burst}: ${pgCount.toLocaleString('en')} records in ${seconds.toFixed(2)} s = ${Math.round(pgCount / seconds).toLocaleString('en')} records/s (one transaction per burst, table lock, unnest insert), chain verified`,
      )
    } catch (error) {
      results.postgresAppendPerSecond = 0
      log(`PostgreSQL append: FAILED (${error instanceof Error ? error.message : String(error)})`)
      process.exitCode = 1
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined)
      await admin.end()
    }
  }
  if (values.json) process.stdout.write(`${JSON.stringify(results)}\n`)
} finally {
  await rm(root, { recursive: true, force: true })
}
