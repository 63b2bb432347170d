// `npm run bench:gateway`: what Sluice adds to a chat completion. The same ~2 KB prompt (Korean and
// English prose carrying a phone number, an email and a person with a title) goes to a stand-in
// OpenAI API directly and through Sluice with full inspection (the personal identifiers are
// pseudonymised on the way out and restored in the answer), at 1 and at 50 concurrent connections.
//
//   node tools/bench/bench-gateway.ts [--seconds 3] [--requests 20000] [--warmup 300] [--concurrency 1,50]
//                                     [--rounds 1] [--direct-only] [--json]
//
// Printed per concurrency: p50, p99 and requests/s for both paths, the added p50/p99 (through − direct),
// CPU per request of the Sluice process tree (utime+stime from /proc, so node:cluster workers count)
// and its RSS, beside the targets and the Portkey anchor of shared/research/llm-gateways.md §5.
// The stand-in upstream runs in its own process so that neither it nor the load generator shares an
// event loop with what is measured.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { Pool } from 'undici'
import { startStandInUpstream } from '../../test/support/stand-in-upstream.ts'

/** A Sluice started for the bench. */
export interface BenchSluice {
  /** `http://127.0.0.1:PORT` */
  url: string
  /** Pid of the started process (its node:cluster workers are found through /proc). */
  pid: number
  close(): Promise<void>
}

const repoRoot = join(import.meta.dirname, '..', '..')
const healthTimeoutMs = 20_000

/**
 * Starts Sluice in front of `upstreamUrl` (the stand-in, without `/v1`): writes a sluice.yaml whose
 * `openai` upstream is the stand-in with a held key, one tenant whose policy pseudonymises personal
 * identifiers, and loopback as a keyless zone of that tenant; spawns `sluice serve` on a free port
 * and waits (bounded) for `GET /healthz` to answer 200. Rejects with the reason when it does not come up.
 */
export async function startSluiceForBench(upstreamUrl: string, workers?: number): Promise<BenchSluice> {
  const dir = await mkdtemp(join(tmpdir(), 'sluice-bench-'))
  const dataDir = join(dir, 'data')
  const configPath = join(dir, 'sluice.yaml')
  const port = await freePort()
  await writeFile(
    configPath,
    `server:
  host: 127.0.0.1
  port: ${port}
  dataDir: ${JSON.stringify(dataDir)}
inspection:
  failMode: closed
  responses: true
upstreams:
  openai:
    kind: openai
    baseUrl: ${JSON.stringify(`${upstreamUrl}/v1`)}
    apiKey: test-key
    keyMode: held
    service: openai-api
models:
  - { match: '*', upstream: openai }
tenants:
  bench:
    name: Bench tenant
    policy:
      default: { action: allow }
      rules:
        - id: pseudonymise-personal
          description: personal identifiers leave only as pseudonyms, restored in the answer
          when: { categories: [personal_identifier] }
          action: pseudonymise
zones:
  - id: local
    cidrs: [127.0.0.0/8, '::1/128', '::ffff:127.0.0.0/104']
    tenant: bench
    keyless: true
`,
  )
  const child = spawn(
    process.execPath,
    [
      join(repoRoot, 'src', 'cli', 'main.ts'),
      'serve',
      '--port',
      String(port),
      '--data',
      dataDir,
      '--config',
      configPath,
      ...(workers === undefined ? [] : ['--workers', String(workers)]),
    ],
    { env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  // The last lines it printed are the reason when it does not come up.
  const tail: string[] = []
  const keep = (chunk: Buffer): void => {
    // Stack frames and the version banner say nothing about why; the message lines do.
    for (const raw of chunk.toString('utf8').split('\n')) {
      const line = raw.trim()
      if (line === '' || line.startsWith('at ') || line.startsWith('Node.js v') || /^\^+$/.test(line))
        continue
      tail.push(line.length > 300 ? `${line.slice(0, 300)}…` : line)
    }
    tail.splice(0, Math.max(0, tail.length - 3))
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const cleanup = async (): Promise<void> => {
    await stopProcess(child)
    await rm(dir, { recursive: true, force: true })
  }
  const url = `http://127.0.0.1:${port}`
  try {
    await waitForHealth(url, child, tail)
  } catch (error) {
    await cleanup()
    throw error
  }
  return { url, pid: child.pid as number, close: cleanup }
}

async function waitForHealth(url: string, child: ChildProcess, tail: string[]): Promise<void> {
  let exited: string | undefined
  child.once('exit', (code, signal) => {
    exited = signal === null ? `exited with code ${code}` : `killed by ${signal}`
  })
  child.once('error', (error) => {
    exited = `could not be spawned: ${error.message}`
  })
  const deadline = performance.now() + healthTimeoutMs
  let last = 'no answer'
  while (performance.now() < deadline) {
    if (exited !== undefined) throw new Error(`${exited}${tail.length > 0 ? `: ${tail.join(' | ')}` : ''}`)
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })
      await res.arrayBuffer()
      if (res.status === 200) return
      last = `GET /healthz answered ${res.status}`
    } catch (error) {
      last = (error as Error).message
    }
    await sleep(100)
  }
  throw new Error(`no 200 from GET /healthz within ${healthTimeoutMs / 1000} s (${last})`)
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

// ---- the stand-in upstream, in its own process ----

interface StandInMessage {
  type: 'ready' | 'last'
  url?: string
  rawBody?: string
}

/** Child mode: run the stand-in, tell the parent its URL, answer "what did you last receive". */
async function runStandInChild(): Promise<void> {
  let lastBody = ''
  const upstream = await startStandInUpstream({
    apiKey: 'test-key',
    // Recording every request would grow memory over a long run; the last one is enough to check.
    record: false,
    reply: (context) => {
      lastBody = context.request.rawBody
      return { text: `Echo: ${context.lastUserText}` }
    },
  })
  process.on('message', (message: StandInMessage) => {
    if (message.type === 'last') process.send?.({ type: 'last', rawBody: lastBody } satisfies StandInMessage)
  })
  process.once('disconnect', () => void upstream.close().then(() => process.exit(0)))
  process.send?.({ type: 'ready', url: upstream.url } satisfies StandInMessage)
}

interface StandInProcess {
  url: string
  pid: number
  lastRequestBody(): Promise<string>
  close(): Promise<void>
}

async function startStandInProcess(): Promise<StandInProcess> {
  const child = spawn(process.execPath, [import.meta.filename, '--stand-in'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the stand-in upstream did not start within 10 s')),
      10_000,
    )
    child.once('exit', (code) => reject(new Error(`the stand-in upstream exited with code ${code}`)))
    child.on('message', (m: StandInMessage) => {
      if (m.type === 'ready' && m.url !== undefined) {
        clearTimeout(timer)
        resolve(m.url)
      }
    })
  })
  return {
    url,
    pid: child.pid as number,
    lastRequestBody: () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the stand-in did not answer over IPC')), 5000)
        const onMessage = (m: StandInMessage): void => {
          if (m.type !== 'last') return
          clearTimeout(timer)
          child.off('message', onMessage)
          resolve(m.rawBody ?? '')
        }
        child.on('message', onMessage)
        child.send({ type: 'last' } satisfies StandInMessage)
      }),
    close: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.disconnect()
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    },
  }
}

// ---- /proc readings (Linux) ----

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

/** utime+stime (ms) and parent pid of a process, or undefined when it is gone. */
async function readStat(pid: number): Promise<{ cpuMs: number; ppid: number } | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name, which is in parentheses and may itself hold spaces.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
    const ppid = Number(fields[1])
    const utime = Number(fields[11])
    const stime = Number(fields[12])
    return { cpuMs: ((utime + stime) * 1000) / clockTicks, ppid }
  } catch {
    return undefined
  }
}

/** The pid and all its living descendants. */
async function processTree(root: number): Promise<number[]> {
  const children = new Map<number, number[]>()
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const stat = await readStat(Number(name))
    if (stat === undefined) continue
    const list = children.get(stat.ppid) ?? []
    list.push(Number(name))
    children.set(stat.ppid, list)
  }
  const tree: number[] = []
  const queue = [root]
  while (queue.length > 0 && tree.length < 4096) {
    const pid = queue.shift() as number
    tree.push(pid)
    queue.push(...(children.get(pid) ?? []))
  }
  return tree
}

async function treeCpuMs(pids: readonly number[]): Promise<number> {
  let total = 0
  for (const pid of pids) total += (await readStat(pid))?.cpuMs ?? 0
  return total
}

async function treeRssMiB(pids: readonly number[]): Promise<number> {
  let kb = 0
  for (const pid of pids) {
    try {
      const m = /^VmRSS:\s+(\d+) kB/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'))
      kb += Number(m?.[1] ?? 0)
    } catch {
      // gone between listing and reading
    }
  }
  return kb / 1024
}

// ---- load ----

/** The prompt: about 2 KB of Korean and English prose with a phone number, an email and a named person. */
export const benchIdentifiers = {
  person: '김민준',
  phone: '010-2345-6789',
  email: 'minjun.kim@hanbit-logis.co.kr',
}

export function benchPrompt(): string {
  const { person, phone, email } = benchIdentifiers
  const paragraphs = [
    `다음 주 화요일 오전 열 시에 물류센터 재배치 회의가 열립니다. 담당자인 ${person} 과장이 현재 창고 세 곳의 적재율과 출고 지연 현황을 정리해 공유할 예정이며, 회의 전에 각 팀은 지난 분기 반품 사유를 다시 확인해 주시기 바랍니다.`,
    `Please summarise the points below in plain English for the regional managers. The move affects the Incheon and Pyeongtaek sites first; the Busan site follows in the spring once the new racking has been inspected and signed off by the safety team.`,
    `일정이나 자료에 관한 문의는 ${person} 과장에게 전화(${phone})나 이메일(${email})로 해 주세요. 외부 협력사에는 아직 공유하지 않은 내용이므로 회의 자료를 그대로 전달하지 말아 주십시오.`,
    `Key risks raised so far: forklift availability during the transition week, the cut-over of the warehouse management system, and overtime for the night shift. Each team lead should bring one mitigation for each risk, with an owner and a date.`,
    `마지막으로, 재배치 기간 동안 고객 응대 창구는 평소대로 운영되며 긴급 출고 요청은 본사 운영팀이 직접 처리합니다. 회의록은 회의 당일 오후에 배포됩니다.`,
    `Write the summary as five short bullet points, keep the dates and numbers exactly as given, and end with a one-line list of the open questions that still need an answer before the move starts.`,
  ]
  let text = paragraphs.join('\n\n')
  // Pad with the English closing paragraph to about 2 KB, whole sentences only.
  while (Buffer.byteLength(text, 'utf8') < 1900) text += `\n\n${paragraphs[3]}`
  return text
}

interface RunResult {
  requests: number
  errors: number
  firstError: string
  wallMs: number
  latenciesMs: Float64Array
}

interface LoadOptions {
  url: string
  path: string
  headers: Record<string, string>
  body: string
  concurrency: number
  maxRequests: number
  maxMs: number
}

/** Runs up to `maxRequests` requests or for `maxMs`, whichever comes first, over `concurrency` connections. */
async function runLoad(pool: Pool, o: LoadOptions): Promise<RunResult> {
  const latencies = new Float64Array(o.maxRequests)
  let issued = 0
  let done = 0
  let errors = 0
  let firstError = ''
  const t0 = performance.now()
  const deadline = t0 + o.maxMs
  const loop = async (): Promise<void> => {
    while (issued < o.maxRequests && performance.now() < deadline) {
      issued++
      const start = performance.now()
      try {
        const res = await pool.request({ path: o.path, method: 'POST', headers: o.headers, body: o.body })
        const text = await res.body.text()
        if (res.statusCode !== 200) {
          errors++
          if (firstError === '') firstError = `HTTP ${res.statusCode}: ${text.slice(0, 200)}`
          continue
        }
      } catch (error) {
        errors++
        if (firstError === '') firstError = (error as Error).message
        continue
      }
      latencies[done++] = performance.now() - start
    }
  }
  await Promise.all(Array.from({ length: o.concurrency }, loop))
  return {
    requests: done,
    errors,
    firstError,
    wallMs: performance.now() - t0,
    latenciesMs: latencies.subarray(0, done),
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number
}

interface PathFigures {
  p50: number
  p99: number
  rps: number
  requests: number
  errors: number
  firstError: string
  seconds: number
  /** CPU ms per request of the measured gateway process tree (through only). */
  sluiceCpuMsPerRequest?: number
  /** RSS of the Sluice process tree after the run (through only). */
  sluiceRssMiB?: number
  /** CPU ms per request of the stand-in upstream process. */
  upstreamCpuMsPerRequest: number
}

interface Measure {
  pool: Pool
  load: LoadOptions
  warmup: number
  standInPid: number
  sluiceTree?: number[]
}

async function measure(m: Measure): Promise<PathFigures> {
  await runLoad(m.pool, { ...m.load, maxRequests: m.warmup, maxMs: Math.min(m.load.maxMs, 5000) })
  const upstreamCpu0 = await treeCpuMs([m.standInPid])
  const sluiceCpu0 = m.sluiceTree === undefined ? 0 : await treeCpuMs(m.sluiceTree)
  const run = await runLoad(m.pool, m.load)
  const upstreamCpu = (await treeCpuMs([m.standInPid])) - upstreamCpu0
  const sorted = Float64Array.from(run.latenciesMs).sort()
  const perRequest = (ms: number): number => ms / Math.max(1, run.requests + run.errors)
  const figures: PathFigures = {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    rps: run.requests / (run.wallMs / 1000),
    requests: run.requests,
    errors: run.errors,
    firstError: run.firstError,
    seconds: run.wallMs / 1000,
    upstreamCpuMsPerRequest: perRequest(upstreamCpu),
  }
  if (m.sluiceTree !== undefined) {
    figures.sluiceCpuMsPerRequest = perRequest((await treeCpuMs(m.sluiceTree)) - sluiceCpu0)
    figures.sluiceRssMiB = await treeRssMiB(m.sluiceTree)
  }
  return figures
}

// ---- main ----

const targets = { addedP50Ms: 0.5, cpuMsPerRequest: 0.3 }
const anchor =
  'Portkey OSS 1.15.2 (research §5, no inspection): +2.1 ms p50, 1.8 ms CPU per request, 272 req/s at c=50'

interface Row {
  concurrency: number
  round: number
  direct: PathFigures
  through: PathFigures | { notStarted: string } | { failed: string }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '3' },
      requests: { type: 'string', default: '20000' },
      warmup: { type: 'string', default: '300' },
      concurrency: { type: 'string', default: '1,50' },
      rounds: { type: 'string', default: '1' },
      'direct-only': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      workers: { type: 'string' },
    },
  })
  const maxMs = Number(values.seconds) * 1000
  const maxRequests = Math.floor(Number(values.requests))
  const warmup = Math.floor(Number(values.warmup))
  const rounds = Math.floor(Number(values.rounds))
  const levels = (values.concurrency ?? '').split(',').map((s) => Math.floor(Number(s)))
  const bad =
    !(maxMs > 0) ||
    !(maxRequests > 0) ||
    !(warmup >= 0) ||
    !(rounds >= 1 && rounds <= 20) ||
    levels.length === 0 ||
    levels.some((c) => !(c >= 1 && c <= 1000))
  if (bad) {
    process.stderr.write(
      '--seconds, --requests must be positive, --warmup >= 0, --rounds 1..20, --concurrency a list of 1..1000\n',
    )
    process.exit(2)
  }
  const log = (line: string): void => {
    if (!values.json) process.stdout.write(`${line}\n`)
  }
  const prompt = benchPrompt()
  const body = JSON.stringify({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'You are a helpful assistant for an operations team.' },
      { role: 'user', content: prompt },
    ],
  })
  const load1 = loadavg()[0] ?? 0
  log(
    `Sluice gateway bench: ${availableParallelism()} CPUs, load ${load1.toFixed(2)}, Node ${process.version}; prompt ${Buffer.byteLength(prompt)} bytes (Korean + English; a phone number, an email, ${benchIdentifiers.person} 과장), request body ${Buffer.byteLength(body)} bytes`,
  )
  if (load1 > 1)
    log(`warning: 1-minute load average ${load1.toFixed(2)}: other work competes for the CPUs; p99 is noisy`)
  log(`each run: ${warmup} warm-up requests, then up to ${maxRequests} requests or ${values.seconds} s`)

  const standIn = await startStandInProcess()
  let sluice: BenchSluice | undefined
  let notStarted = ''
  if (values['direct-only']) notStarted = 'skipped (--direct-only)'
  else {
    try {
      sluice = await startSluiceForBench(
        standIn.url,
        values.workers === undefined ? undefined : Number(values.workers),
      )
    } catch (error) {
      notStarted = (error as Error).message
    }
  }
  const rows: Row[] = []
  let check = ''
  try {
    if (sluice !== undefined) check = await checkThroughPath(sluice.url, body, standIn)
    for (let round = 1; round <= rounds; round++) {
      for (const concurrency of levels) {
        const common = { body, concurrency, maxRequests, maxMs, path: '/v1/chat/completions' }
        const directPool = new Pool(standIn.url, {
          connections: concurrency,
          pipelining: 1,
          bodyTimeout: 30_000,
        })
        const direct = await measure({
          pool: directPool,
          warmup,
          standInPid: standIn.pid,
          load: {
            ...common,
            url: standIn.url,
            headers: { 'content-type': 'application/json', authorization: 'Bearer test-key' },
          },
        })
        await directPool.close()
        let through: Row['through'] = { notStarted }
        if (sluice !== undefined) {
          const pool = new Pool(sluice.url, { connections: concurrency, pipelining: 1, bodyTimeout: 30_000 })
          try {
            // Clients send no key: loopback is the tenant's keyless zone and Sluice holds the provider key.
            // The tree is listed per run: node:cluster workers may have been replaced in between.
            through = await measure({
              pool,
              warmup,
              standInPid: standIn.pid,
              sluiceTree: await processTree(sluice.pid),
              load: { ...common, url: sluice.url, headers: { 'content-type': 'application/json' } },
            })
          } catch (error) {
            through = { failed: (error as Error).message }
          }
          await pool.close()
        }
        const row: Row = { concurrency, round, direct, through }
        rows.push(row)
        printRow(row, rounds, log)
      }
    }
  } finally {
    await sluice?.close()
    await standIn.close()
  }
  if (check !== '') log(`check: ${check}`)
  log(
    `targets: added p50 <= ${targets.addedP50Ms} ms, Sluice CPU <= ${targets.cpuMsPerRequest} ms per request; anchor: ${anchor}`,
  )
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ promptBytes: Buffer.byteLength(prompt), load1, targets, anchor, check, notStarted, rows }, null, 2)}\n`,
    )
  }
}

const ms = (v: number | undefined): string =>
  v === undefined || Number.isNaN(v) ? '-' : `${v.toFixed(3)} ms`

function printRow(row: Row, rounds: number, log: (line: string) => void): void {
  const tag = `c=${row.concurrency}${rounds > 1 ? ` r${row.round}` : ''}`.padEnd(9)
  const path = (name: string, f: PathFigures): string =>
    `${tag}${name.padEnd(8)} p50 ${ms(f.p50).padStart(10)}  p99 ${ms(f.p99).padStart(10)}  ${f.rps.toFixed(0).padStart(6)} req/s  (${f.requests} in ${f.seconds.toFixed(1)} s${f.errors > 0 ? `, ${f.errors} ERRORS: ${f.firstError}` : ''}; stand-in CPU ${ms(f.upstreamCpuMsPerRequest)}/req)`
  log(path('direct', row.direct))
  const t = row.through
  if ('notStarted' in t) {
    log(`${tag}through  Sluice did not start: ${t.notStarted}`)
    return
  }
  if ('failed' in t) {
    log(`${tag}through  run failed: ${t.failed}`)
    return
  }
  log(path('through', t))
  const addedP50 = t.p50 - row.direct.p50
  const cpu = t.sluiceCpuMsPerRequest ?? Number.NaN
  const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL')
  log(
    `${tag}added    p50 ${`+${ms(addedP50)}`.padStart(11)} ${verdict(addedP50 <= targets.addedP50Ms)} (≤ ${targets.addedP50Ms} ms; Portkey +2.1)  p99 +${ms(t.p99 - row.direct.p99)}  Sluice CPU ${ms(cpu)}/req ${verdict(cpu <= targets.cpuMsPerRequest)} (≤ ${targets.cpuMsPerRequest} ms; Portkey 1.8)  RSS ${(t.sluiceRssMiB ?? 0).toFixed(0)} MiB`,
  )
}

/**
 * One request through Sluice before the runs: the answer must be 200, the identifiers must not reach
 * the upstream in clear, and they must be back in the answer (the stand-in echoes the prompt).
 */
async function checkThroughPath(url: string, body: string, standIn: StandInProcess): Promise<string> {
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(10_000),
  })
  const text = await res.text()
  if (res.status !== 200) return `through Sluice answered HTTP ${res.status}: ${text.slice(0, 300)}`
  const sent = await standIn.lastRequestBody()
  const leaked = Object.entries(benchIdentifiers)
    .filter(([, value]) => sent.includes(value))
    .map(([kind]) => kind)
  let answer = ''
  try {
    answer =
      (JSON.parse(text) as { choices?: { message?: { content?: string } }[] }).choices?.[0]?.message
        ?.content ?? ''
  } catch {
    return `through Sluice the answer is not JSON: ${text.slice(0, 200)}`
  }
  const restored = Object.values(benchIdentifiers).every((value) => answer.includes(value))
  const sentText =
    leaked.length === 0
      ? 'all identifiers pseudonymised upstream'
      : `WARNING: sent in clear upstream: ${leaked.join(', ')} (inspection is not doing its work; the figures do not count as full inspection)`
  return `${sentText}; answer ${restored ? 'has them restored' : 'does NOT have them restored'}`
}

if (process.argv.includes('--stand-in')) await runStandInChild()
else await main()
