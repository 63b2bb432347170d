// Starts `sluice serve` (the real CLI, in its own process) with the forward proxy on, for the proxy
// end-to-end tests and `npm run bench:proxy`. A temp dir holds sluice.yaml, the data dir (ledger, the
// organisation CA) and the test web PKI's root, which the process trusts through NODE_EXTRA_CA_CERTS the
// way an operator adds a private root. The "real" hosts (chat.deepseek.com, chatgpt.com, …) reach local
// stand-ins because `proxy.hosts` pins them to 127.0.0.1, as Squid's hosts_file does.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { type AddressInfo, connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ledgerFileIn, openSqliteLedger } from '../../src/adapters/ledger-sqlite/open-sqlite-ledger.ts'
import type { LedgerRecord } from '../../src/core/ledger/ledger-record.ts'
import type { PemPair } from './test-certificates.ts'

const repoRoot = join(import.meta.dirname, '..', '..')

/** Options of {@link startSluiceProxy}. */
export interface SluiceProxyOptions {
  /** Host → address the proxy connects to instead of asking DNS (`proxy.hosts`). */
  readonly hosts: Readonly<Record<string, string>>
  /** Extra domains the tenant blocks (a China-based catalog entry the policy's T-china rule catches). */
  readonly blockedDomains?: readonly string[]
  /**
   * The organisation CA: a given pair is written as ca.key/ca.pem in the data dir; 'generate' runs
   * `sluice ca init`'s code path (loadOrCreateCa with create); undefined = no CA (no interception).
   */
  readonly ca?: PemPair | 'generate'
  /** Root certificate (PEM) the proxy trusts for upstream TLS, besides the system's. */
  readonly upstreamCaPem?: string
  /** Source prefixes of the proxy's one zone (default loopback). */
  readonly zoneCidrs?: readonly string[]
  /** YAML lines appended inside the `proxy:` section (indented two spaces). */
  readonly proxyYaml?: string
  /** `--workers` (default 1). */
  readonly workers?: number
  /** NODE_ENV=production (the bench). */
  readonly production?: boolean
}

/** A running Sluice with its proxy. */
export interface StartedSluiceProxy {
  readonly url: string
  readonly port: number
  readonly pid: number
  readonly dir: string
  readonly dataDir: string
  /** The organisation CA certificate (PEM) when one was configured. */
  readonly caPem: string | undefined
  /** Everything the process printed so far. */
  output(): string
  /** The ledger's records (read from the SQLite file the process writes). */
  ledger(): Promise<readonly LedgerRecord[]>
  /** One absolute-form GET of `url` through the proxy: undefined when the answer is 200 and contains `expect`, else what went wrong. */
  probeProxy(url: string, expect: string): Promise<string | undefined>
  close(): Promise<void>
}

/** The tenant whose rules the proxy tests rely on: CN services blocked, RRN blocked on ChatGPT and redacted on Claude. */
export function proxyConfigYaml(dataDir: string, port: number, options: SluiceProxyOptions): string {
  const blocked = options.blockedDomains ?? []
  const catalog =
    blocked.length === 0
      ? ''
      : `catalog:
  add:
    - id: bench-blocklist
      name: Generated block list
      operator: Various
      operatorCountry: CN
      tier: consumer
      reviewedAt: '2026-11-01'
      sources: ['generated for the proxy bench']
      webDomains: ${JSON.stringify(blocked)}
`
  const hosts = Object.entries(options.hosts)
    .map(([host, address]) => `\n    ${JSON.stringify(host)}: ${JSON.stringify(address)}`)
    .join('')
  return `server: { host: 127.0.0.1, port: ${port}, dataDir: ${JSON.stringify(dataDir)} }
inspection: { minScore: 0.5 }
${catalog}tenants:
  mofa:
    name: 외교부 (Ministry of Foreign Affairs, test)
    contact: 정보보안팀 security@mofa.example / 02-2100-0000
    policy:
      rules:
        - id: T-china
          when: { destinationCountries: [CN] }
          action: block
          notice: { ko: '중국 소재 수신자에게는 보낼 수 없습니다', en: 'Services with recipients in China are blocked' }
        - id: T-rrn-chatgpt
          when: { services: [openai-chatgpt], types: [KR_RRN] }
          action: block
          notice: { ko: '주민등록번호는 보낼 수 없습니다', en: 'Resident registration numbers may not be sent' }
        - id: T-rrn-claude
          when: { services: [anthropic-claude], types: [KR_RRN] }
          action: redact
          redactMode: tag
      default: { action: allow }
zones:
  - { id: office, cidrs: ${JSON.stringify(options.zoneCidrs ?? ['127.0.0.0/8'])}, tenant: mofa, keyless: true }
proxy:
  hosts:${hosts === '' ? ' {}' : hosts}
${options.proxyYaml ?? ''}
`
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port
      server.close(() => resolve(port))
    })
  })
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Sends `head` to the proxy and collects the whole answer (bounded by `timeoutMs` and 1 MiB). */
export function rawExchange(port: number, head: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port })
    const chunks: Buffer[] = []
    let size = 0
    const timer = setTimeout(() => {
      socket.destroy()
      resolve(Buffer.concat(chunks).toString('utf8'))
    }, timeoutMs)
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      size += chunk.length
      if (size > 1024 * 1024) socket.destroy()
    })
    socket.once('close', () => {
      clearTimeout(timer)
      resolve(Buffer.concat(chunks).toString('utf8'))
    })
    socket.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    socket.write(head)
  })
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 8000)
  await exited
  clearTimeout(timer)
}

/** Writes the config, spawns `sluice serve` and waits (bounded, 20 s) for GET /healthz to answer 200. */
export async function startSluiceProxy(options: SluiceProxyOptions): Promise<StartedSluiceProxy> {
  const dir = await mkdtemp(join(tmpdir(), 'sluice-proxy-'))
  const dataDir = join(dir, 'data')
  await mkdir(dataDir, { recursive: true })
  const port = await freePort()
  const configFile = join(dir, 'sluice.yaml')
  await writeFile(configFile, proxyConfigYaml(dataDir, port, options))
  let caPem: string | undefined
  if (options.ca === 'generate') {
    const { loadOrCreateCa } = await import('../../src/adapters/tls-intercept/certificate-authority.ts')
    caPem = (await loadOrCreateCa(dataDir, { create: true, subject: 'Sluice test ministry' })).certPem
  } else if (options.ca !== undefined) {
    await writeFile(join(dataDir, 'ca.key'), options.ca.keyPem, { mode: 0o600 })
    await writeFile(join(dataDir, 'ca.pem'), options.ca.certPem)
    caPem = options.ca.certPem
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: options.production === true ? 'production' : 'test',
  }
  if (options.upstreamCaPem !== undefined) {
    const file = join(dir, 'upstream-roots.pem')
    await writeFile(file, options.upstreamCaPem)
    env.NODE_EXTRA_CA_CERTS = file
  }
  const child = spawn(
    process.execPath,
    [
      join(repoRoot, 'src', 'cli', 'main.ts'),
      'serve',
      '--config',
      configFile,
      '--data',
      dataDir,
      '--port',
      String(port),
      '--workers',
      String(options.workers ?? 1),
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-20_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const url = `http://127.0.0.1:${port}`
  const close = async (): Promise<void> => {
    await stop(child)
    await rm(dir, { recursive: true, force: true })
  }
  try {
    const deadline = performance.now() + 20_000
    let last = 'no answer'
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(
          `sluice serve exited (${child.exitCode ?? child.signalCode}): ${output.trim().slice(-1500)}`,
        )
      if (performance.now() > deadline)
        throw new Error(`no 200 from ${url}/healthz within 20 s (${last}): ${output.trim().slice(-1500)}`)
      try {
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })
        await res.arrayBuffer()
        if (res.status === 200) break
        last = `HTTP ${res.status}`
      } catch (error) {
        last = (error as Error).message
      }
      await sleep(100)
    }
  } catch (error) {
    await close()
    throw error
  }
  return {
    url,
    port,
    pid: child.pid as number,
    dir,
    dataDir,
    caPem,
    output: () => output,
    ledger: async () => {
      const store = await openSqliteLedger(ledgerFileIn(dataDir))
      try {
        return await store.read(1, 100_000)
      } finally {
        await store.close()
      }
    },
    probeProxy: async (target, expect) => {
      const authority = new URL(target).host
      let answer: string
      try {
        answer = await rawExchange(
          port,
          `GET ${target} HTTP/1.1\r\nHost: ${authority}\r\nConnection: close\r\n\r\n`,
        )
      } catch (error) {
        return (error as Error).message
      }
      const status = answer.slice(0, answer.indexOf('\r\n'))
      if (!/^HTTP\/1\.1 200 /.test(status) || !answer.includes(expect))
        return `GET ${target} through it answered ${JSON.stringify(status || answer.slice(0, 80))}`
      return undefined
    },
    close,
  }
}
