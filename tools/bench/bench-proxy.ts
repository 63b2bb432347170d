// `npm run bench:proxy`: Sluice's forward proxy against Squid (Debian squid-openssl) on the same machine,
// in the same run, rows alternating between the two. Four rows:
//   allowed HTTP   absolute-form GET of a non-AI host, forwarded to a local origin (keep-alive, c=50)
//   blocked HTTP   absolute-form GET of chat.deepseek.com, answered with the notice / deny_info page (c=50)
//   CONNECT setup  connect, CONNECT to the local TLS origin, 200, close (c=20)
//   intercepted    GETs over kept-alive TLS tunnels to an allowed AI host, decrypted by the proxy with the
//                  same test CA on both sides and re-encrypted to a local HTTPS origin (c=20)
//
//   node tools/bench/bench-proxy.ts [--seconds 5] [--requests 200000] [--warmup 2000] [--rounds 2]
//                                   [--rows allowed,blocked,connect,intercepted] [--workers N] [--json]
//
// Each run is bounded by --requests and --seconds. CPU per request is the change in utime+stime of each
// proxy's whole process tree (/proc/<pid>/stat: Squid with its certificate and log helpers, Sluice with
// its cluster workers) over the run, divided by the requests. Origins run in their own process and the
// load generator (tools/bench/proxy-load.ts) in this one; neither is charged to a proxy. Squid's block
// list holds 1,000 dstdomain entries (19 real AI domains and 981 generated ones); Sluice gets the same
// 981 as a catalog entry its policy blocks. Figures are compared with Squid's in the same run and with
// the targets of shared/research/proxy-swg.md §5.
import { type ChildProcess, fork } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { createServer as createHttpServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { type AddressInfo, createServer as createNetServer } from 'node:net'
import { availableParallelism, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { type StartedSluiceProxy, startSluiceProxy } from '../../test/support/start-sluice-proxy.ts'
import { createTestCa, type PemPair } from '../../test/support/test-certificates.ts'
import {
  type LoadLimits,
  type LoadResult,
  openPlain,
  openTunnelTls,
  runConnectSetup,
  runKeepAlive,
} from './proxy-load.ts'
import { type BenchSquid, startSquidForBench } from './squid-for-bench.ts'

/** The hosts of the bench: each proxy resolves them to 127.0.0.1 (Squid's hosts_file, Sluice's proxy.hosts). */
const hosts = {
  origin: 'origin.bench.test',
  blocked: 'chat.deepseek.com',
  intercepted: 'chatgpt.com',
} as const

/** Targets of shared/research/proxy-swg.md §5 (Squid 5.7 on a 2-CPU VM), printed beside the figures. */
const researchTargets: Record<RowName, string> = {
  allowed: '≥6k req/s, ≤150 µs CPU/req, p99 ≤15 ms (Squid measured 3.9k–7.7k req/s at 127–189 µs)',
  blocked: '≥12k req/s, ≤80 µs CPU/req, p99 ≤10 ms (Squid measured 11.6k–16.8k req/s at 58–80 µs)',
  connect: '≥2.2k/s, p99 ≤20 ms (Squid measured 2,231/s at ≈290–345 µs)',
  intercepted: '≥4k req/s (Squid bumped keep-alive measured 3.4k–5.0k at 168–227 µs)',
}

type RowName = 'allowed' | 'blocked' | 'connect' | 'intercepted'
const rowNames: readonly RowName[] = ['allowed', 'blocked', 'connect', 'intercepted']
const rowConcurrency: Record<RowName, number> = { allowed: 50, blocked: 50, connect: 20, intercepted: 20 }
const rowLabel: Record<RowName, string> = {
  allowed: 'allowed HTTP',
  blocked: 'blocked HTTP',
  connect: 'CONNECT setup',
  intercepted: 'intercepted k-a',
}

// ---- the origins, in their own process ----

interface OriginMessage {
  type: 'serve' | 'ready'
  cert?: PemPair
  httpPort?: number
  tlsPort?: number
}

/** Child mode: an HTTP and an HTTPS origin answering every request with the same 18-byte text. */
function runOriginChild(): void {
  const body = Buffer.from('hello from origin\n')
  const answer = (_req: unknown, res: import('node:http').ServerResponse): void => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length })
    res.end(body)
  }
  process.once('message', (m: OriginMessage) => {
    if (m.type !== 'serve' || m.cert === undefined) return
    const http = createHttpServer({ keepAliveTimeout: 120_000 }, answer)
    const https = createHttpsServer(
      { cert: m.cert.certPem, key: m.cert.keyPem, keepAliveTimeout: 120_000 },
      answer,
    )
    http.listen(0, '127.0.0.1', () => {
      https.listen(0, '127.0.0.1', () => {
        process.send?.({
          type: 'ready',
          httpPort: (http.address() as AddressInfo).port,
          tlsPort: (https.address() as AddressInfo).port,
        } satisfies OriginMessage)
      })
    })
    process.once('disconnect', () => process.exit(0))
  })
}

interface Origins {
  httpPort: number
  tlsPort: number
  close(): Promise<void>
}

async function startOrigins(cert: PemPair): Promise<Origins> {
  const child: ChildProcess = fork(import.meta.filename, ['--origin'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const ready = await new Promise<OriginMessage>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the origins did not start within 10 s')), 10_000)
    child.once('exit', (code) => reject(new Error(`the origin process exited with code ${code}`)))
    child.on('message', (m: OriginMessage) => {
      if (m.type !== 'ready') return
      clearTimeout(timer)
      resolve(m)
    })
    child.send({ type: 'serve', cert } satisfies OriginMessage)
  })
  return {
    httpPort: ready.httpPort as number,
    tlsPort: ready.tlsPort as number,
    close: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.disconnect()
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    },
  }
}

// ---- the block list ----

/** 19 real AI domains and 981 generated ones (fixed seed), as Squid dstdomain entries (leading dot). */
export function benchBlockList(): { real: string[]; generated: string[] } {
  // biome-ignore format: a list of names
  const real = [
    'deepseek.com', 'minimax.chat', 'moonshot.cn', 'doubao.com', 'doubaocdn.com', 'chatglm.cn',
    'zhipuai.cn', 'bigmodel.cn', 'tongyi.aliyun.com', 'tongyi.com', 'qianwen.com', 'yiyan.baidu.com',
    'minimaxi.com', 'hailuoai.com', 'volcengine.com', 'perplexity.ai', 'perplexity.com', 'xingyeai.com',
    'qianwenai.com',
  ]
  const tlds = ['com', 'ai', 'io', 'net', 'cn', 'app']
  let seed = 0x5eed1234
  const next = (): number => {
    // xorshift32: the same list on every run.
    seed ^= seed << 13
    seed ^= seed >>> 17
    seed ^= seed << 5
    return (seed >>> 0) / 0x1_0000_0000
  }
  const letters = 'abcdefghijklmnopqrstuvwxyz'
  const generated = new Set<string>()
  while (generated.size < 1000 - real.length) {
    let label = ''
    const length = 5 + Math.floor(next() * 8)
    for (let i = 0; i < length; i++) label += letters[Math.floor(next() * letters.length)]
    generated.add(`${label}.${tlds[Math.floor(next() * tlds.length)]}`)
  }
  return { real, generated: [...generated] }
}

// ---- /proc readings ----

const clockTicks = 100

async function readStat(pid: number): Promise<{ cpuMs: number; ppid: number } | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8')
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
    return { cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks, ppid: Number(fields[1]) }
  } catch {
    return undefined
  }
}

/** The pid and its living descendants (Squid's helpers, Sluice's cluster workers). */
async function processTree(root: number): Promise<number[]> {
  const children = new Map<number, number[]>()
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const stat = await readStat(Number(name))
    if (stat === undefined) continue
    children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), Number(name)])
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

async function treeCpuMs(root: number): Promise<number> {
  let total = 0
  for (const pid of await processTree(root)) total += (await readStat(pid))?.cpuMs ?? 0
  return total
}

async function treeRssMiB(root: number): Promise<number> {
  let kb = 0
  for (const pid of await processTree(root)) {
    try {
      kb += Number(/^VmRSS:\s+(\d+) kB/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
    } catch {
      // gone between listing and reading
    }
  }
  return kb / 1024
}

// ---- one measured run ----

/** Where a proxy listens for each row, and the CONNECT authority of the intercepted host. */
interface ProxyUnderTest {
  name: 'Sluice' | 'Squid'
  pid: number
  plainPort: number
  /** Squid decrypts on its ssl-bump port; Sluice on its one port. */
  interceptPort: number
  /** The CA the proxy mints with (PEM), trusted by the load generator for the intercepted row. */
  caPem: string
}

interface Figures {
  rps: number
  p50: number
  p99: number
  cpuUsPerRequest: number
  rssMiB: number
  requests: number
  errors: number
  firstError: string
  seconds: number
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number
}

function rowRun(
  row: RowName,
  proxy: ProxyUnderTest,
  origins: Origins,
  limits: LoadLimits,
): Promise<LoadResult> {
  switch (row) {
    case 'allowed': {
      const authority = `${hosts.origin}:${origins.httpPort}`
      const request = Buffer.from(
        `GET http://${authority}/ HTTP/1.1\r\nHost: ${authority}\r\nUser-Agent: bench\r\n\r\n`,
      )
      return runKeepAlive(() => openPlain(proxy.plainPort), request, 200, limits)
    }
    case 'blocked': {
      const request = Buffer.from(
        `GET http://${hosts.blocked}/ HTTP/1.1\r\nHost: ${hosts.blocked}\r\nUser-Agent: bench\r\nAccept-Language: ko-KR,ko;q=0.9\r\n\r\n`,
      )
      return runKeepAlive(() => openPlain(proxy.plainPort), request, 403, limits)
    }
    case 'connect':
      return runConnectSetup(proxy.plainPort, `${hosts.origin}:${origins.tlsPort}`, limits)
    case 'intercepted': {
      const authority = `${hosts.intercepted}:${origins.tlsPort}`
      const request = Buffer.from(`GET / HTTP/1.1\r\nHost: ${authority}\r\nUser-Agent: bench\r\n\r\n`)
      return runKeepAlive(
        () => openTunnelTls(proxy.interceptPort, authority, hosts.intercepted, proxy.caPem),
        request,
        200,
        limits,
      )
    }
  }
}

async function measure(
  row: RowName,
  proxy: ProxyUnderTest,
  origins: Origins,
  limits: { maxRequests: number; maxMs: number; warmup: number },
): Promise<Figures> {
  const concurrency = rowConcurrency[row]
  await rowRun(row, proxy, origins, { concurrency, maxRequests: limits.warmup, maxMs: 5000 })
  const cpu0 = await treeCpuMs(proxy.pid)
  const run = await rowRun(row, proxy, origins, {
    concurrency,
    maxRequests: limits.maxRequests,
    maxMs: limits.maxMs,
  })
  const cpuMs = (await treeCpuMs(proxy.pid)) - cpu0
  const sorted = Float64Array.from(run.latenciesMs).sort()
  return {
    rps: run.requests / (run.wallMs / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    cpuUsPerRequest: (cpuMs * 1000) / Math.max(1, run.requests + run.errors),
    rssMiB: await treeRssMiB(proxy.pid),
    requests: run.requests,
    errors: run.errors,
    firstError: run.firstError,
    seconds: run.wallMs / 1000,
  }
}

// ---- output ----

const fmtMs = (v: number): string =>
  Number.isNaN(v) ? '-' : v < 10 ? `${v.toFixed(2)} ms` : `${v.toFixed(1)} ms`

function line(name: string, f: Figures): string {
  return `  ${name.padEnd(7)} ${f.rps.toFixed(0).padStart(7)} req/s  p50 ${fmtMs(f.p50).padStart(9)}  p99 ${fmtMs(f.p99).padStart(9)}  CPU ${f.cpuUsPerRequest.toFixed(0).padStart(5)} µs/req  RSS ${f.rssMiB.toFixed(0).padStart(4)} MiB  (${f.requests} in ${f.seconds.toFixed(1)} s${f.errors > 0 ? `; ${f.errors} ERRORS, first: ${f.firstError}` : ''})`
}

function verdict(sluice: Figures, squid: Figures): string {
  const ok = (b: boolean): string => (b ? 'PASS' : 'FAIL')
  const parts = [
    `req/s ${ok(sluice.rps >= squid.rps)} (${(sluice.rps / squid.rps).toFixed(2)}× Squid)`,
    `CPU/req ${ok(sluice.cpuUsPerRequest <= squid.cpuUsPerRequest)} (${(sluice.cpuUsPerRequest / squid.cpuUsPerRequest).toFixed(2)}×)`,
    `p99 ${ok(sluice.p99 <= squid.p99)} (${(sluice.p99 / squid.p99).toFixed(2)}×)`,
  ]
  const errors = sluice.errors + squid.errors > 0 ? '  — errors in the run, figures suspect' : ''
  return `  target  at least Squid's req/s, no more CPU, no worse p99: ${parts.join(', ')}${errors}`
}

// ---- main ----

/** `count` distinct free ports (all held open until each is known, so none repeats). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<import('node:net').Server>((resolve, reject) => {
          const server = createNetServer()
          server.once('error', reject)
          server.listen(0, '127.0.0.1', () => resolve(server))
        }),
    ),
  )
  const ports = servers.map((s) => (s.address() as AddressInfo).port)
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))))
  return ports
}

interface RowResult {
  row: RowName
  round: number
  squid?: Figures | { failed: string }
  sluice?: Figures | { failed: string }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '5' },
      requests: { type: 'string', default: '200000' },
      warmup: { type: 'string', default: '2000' },
      rounds: { type: 'string', default: '2' },
      rows: { type: 'string', default: rowNames.join(',') },
      workers: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  })
  const maxMs = Number(values.seconds) * 1000
  const maxRequests = Math.floor(Number(values.requests))
  const warmup = Math.floor(Number(values.warmup))
  const rounds = Math.floor(Number(values.rounds))
  const rows = (values.rows ?? '').split(',').map((s) => s.trim()) as RowName[]
  const workers = values.workers === undefined ? undefined : Math.floor(Number(values.workers))
  if (
    !(maxMs > 0 && maxMs <= 600_000) ||
    !(maxRequests > 0) ||
    !(warmup >= 0) ||
    !(rounds >= 1 && rounds <= 20) ||
    rows.length === 0 ||
    rows.some((r) => !rowNames.includes(r)) ||
    (workers !== undefined && !(workers >= 1 && workers <= 64))
  ) {
    process.stderr.write(
      `--seconds 0..600, --requests > 0, --warmup >= 0, --rounds 1..20, --rows from ${rowNames.join(',')}, --workers 1..64\n`,
    )
    process.exit(2)
  }
  const log = (text: string): void => {
    if (!values.json) process.stdout.write(`${text}\n`)
  }
  const load1 = loadavg()[0] ?? 0
  log(
    `Sluice forward proxy vs Squid: ${availableParallelism()} CPUs, load ${load1.toFixed(2)}, Node ${process.version}`,
  )
  if (load1 > 1) log(`warning: 1-minute load average ${load1.toFixed(2)}: other work competes for the CPUs`)
  log(
    `each run: ${warmup} warm-up requests, then up to ${maxRequests} requests or ${values.seconds} s; rows alternate Sluice/Squid first`,
  )

  const webPki = await createTestCa('Bench Web PKI')
  const originCert = await webPki.issue([hosts.origin, hosts.intercepted])
  const interceptCa = await createTestCa('Bench Organisation CA')
  const block = benchBlockList()
  const origins = await startOrigins(originCert)
  let squid: BenchSquid | undefined
  let sluice: StartedSluiceProxy | undefined
  let squidProblem = ''
  let sluiceProblem = ''
  const results: RowResult[] = []
  try {
    const [plainPort, bumpPort] = (await freePorts(2)) as [number, number]
    try {
      squid = await startSquidForBench({
        plainPort,
        bumpPort,
        localHosts: Object.values(hosts),
        blockedDomains: [...block.real, ...block.generated].map((d) => `.${d}`),
        bumpHosts: [hosts.intercepted],
        httpPorts: [origins.httpPort],
        tlsPorts: [origins.tlsPort],
        caCertPem: interceptCa.certPem,
        caKeyPem: interceptCa.keyPem,
        originCaPem: webPki.certPem,
      })
      log(`Squid: ${squid.version}, pid ${squid.pid}, 127.0.0.1:${plainPort} (ssl-bump port ${bumpPort})`)
    } catch (error) {
      squidProblem = (error as Error).message
      log(`Squid: not measured: ${squidProblem}`)
    }
    try {
      sluice = await startSluiceProxy({
        hosts: Object.fromEntries(Object.values(hosts).map((h) => [h, '127.0.0.1'])),
        blockedDomains: block.generated,
        ca: interceptCa,
        upstreamCaPem: webPki.certPem,
        ...(workers === undefined ? {} : { workers }),
        production: true,
      })
      const problem = await sluice.probeProxy(
        `http://${hosts.origin}:${origins.httpPort}/`,
        'hello from origin',
      )
      if (problem !== undefined) {
        sluiceProblem = problem
        await sluice.close()
        sluice = undefined
      } else
        log(
          `Sluice: pid ${sluice.pid}, ${sluice.url}${workers === undefined ? '' : `, ${workers} worker(s)`}`,
        )
    } catch (error) {
      sluiceProblem = (error as Error).message
    }
    if (sluiceProblem !== '')
      log(`Sluice: NOT MEASURED — its forward proxy does not answer yet: ${sluiceProblem}`)

    const proxies: ProxyUnderTest[] = []
    if (sluice !== undefined)
      proxies.push({
        name: 'Sluice',
        pid: sluice.pid,
        plainPort: sluice.port,
        interceptPort: sluice.port,
        caPem: interceptCa.certPem,
      })
    if (squid !== undefined)
      proxies.push({
        name: 'Squid',
        pid: squid.pid,
        plainPort,
        interceptPort: bumpPort,
        caPem: interceptCa.certPem,
      })
    for (let round = 1; round <= rounds; round++) {
      for (const [index, row] of rows.entries()) {
        const result: RowResult = { row, round }
        // Alternate which proxy goes first, so neither always runs on the warmer or the busier machine.
        const order = (round + index) % 2 === 0 ? proxies : [...proxies].reverse()
        for (const proxy of order) {
          let figures: Figures | { failed: string }
          try {
            figures = await measure(row, proxy, origins, { maxRequests, maxMs, warmup })
          } catch (error) {
            figures = { failed: (error as Error).message }
          }
          if (proxy.name === 'Squid') result.squid = figures
          else result.sluice = figures
        }
        results.push(result)
        printRow(result, rounds, log, sluiceProblem, squidProblem)
      }
    }
  } finally {
    await sluice?.close()
    await squid?.close()
    await origins.close()
  }
  if (values.json)
    process.stdout.write(
      `${JSON.stringify({ load1, sluiceProblem, squidProblem, results, researchTargets }, null, 2)}\n`,
    )
}

function printRow(
  r: RowResult,
  rounds: number,
  log: (text: string) => void,
  sluiceProblem: string,
  squidProblem: string,
): void {
  log(`${rowLabel[r.row]}${rounds > 1 ? ` (round ${r.round})` : ''}, c=${rowConcurrency[r.row]}`)
  const show = (name: string, f: Figures | { failed: string } | undefined, problem: string): void => {
    if (f === undefined) log(`  ${name.padEnd(7)} not measured: ${problem}`)
    else if ('failed' in f) log(`  ${name.padEnd(7)} run failed: ${f.failed}`)
    else log(line(name, f))
  }
  show(
    'Sluice',
    r.sluice,
    sluiceProblem === '' ? 'not started' : 'its forward proxy does not answer yet (see above)',
  )
  show('Squid', r.squid, squidProblem === '' ? 'not started' : 'did not start (see above)')
  if (r.sluice !== undefined && r.squid !== undefined && !('failed' in r.sluice) && !('failed' in r.squid))
    log(verdict(r.sluice, r.squid))
  log(`  research §5 target: ${researchTargets[r.row]}`)
}

if (process.argv.includes('--origin')) runOriginChild()
else await main()
