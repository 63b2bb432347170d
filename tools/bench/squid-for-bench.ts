// Squid for `npm run bench:proxy`: the anchor Sluice's forward proxy is measured against. Debian's
// squid-openssl, one process (`squid -N`, no cache), listening on 127.0.0.1 only, with a 1,000-domain
// dstdomain block list and a deny_info page, and an ssl-bump port that decrypts only the allowed AI host
// (as Sluice does) with the same test CA. The configuration follows shared/research/proxy-swg.md §3.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { chmod, chown, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** What Squid is told about the bench's hosts. */
export interface SquidBenchSetup {
  readonly plainPort: number
  readonly bumpPort: number
  /** Host names Squid resolves to 127.0.0.1 (its hosts_file; no real DNS). */
  readonly localHosts: readonly string[]
  /** dstdomain entries, e.g. `.deepseek.com`. */
  readonly blockedDomains: readonly string[]
  /** Hosts decrypted on the bump port (the others are spliced). */
  readonly bumpHosts: readonly string[]
  /** Ports of the local origins (Squid's Safe_ports / SSL_ports). */
  readonly httpPorts: readonly number[]
  readonly tlsPorts: readonly number[]
  /** The interception CA (PEM) and its key, and the CA that signed the origin's certificate. */
  readonly caCertPem: string
  readonly caKeyPem: string
  readonly originCaPem: string
}

/** A running Squid. */
export interface BenchSquid {
  readonly pid: number
  readonly version: string
  close(): Promise<void>
}

const libexec = '/usr/lib/squid'
const blockPage = `<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>접속 제한 / Access restricted</title></head>
<body><h1>접속 제한 / Access restricted</h1>
<p>%H 은(는) 기관 정책에 따라 차단된 AI 서비스입니다.</p>
<p>%H is an AI service blocked by your organisation's policy.</p></body></html>
`

/** Squid's version line, or undefined when no squid binary is installed. */
export async function squidVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await run('squid', ['-v'], { timeout: 10_000 })
    return stdout.split('\n')[0]?.trim()
  } catch {
    return undefined
  }
}

function waitForPort(port: number, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      if (child.exitCode !== null || child.signalCode !== null) {
        reject(new Error(`squid exited (${child.exitCode ?? child.signalCode}): ${log()}`))
        return
      }
      const socket = connect({ host: '127.0.0.1', port })
      socket.once('connect', () => {
        socket.destroy()
        resolve()
      })
      socket.once('error', () => {
        socket.destroy()
        if (performance.now() > deadline)
          reject(new Error(`squid did not listen within ${timeoutMs} ms: ${log()}`))
        else setTimeout(attempt, 100)
      })
    }
    attempt()
  })
}

/** Writes the configuration and starts `squid -N`; resolves once both ports accept connections. */
export async function startSquidForBench(setup: SquidBenchSetup): Promise<BenchSquid> {
  const version = await squidVersion()
  if (version === undefined) throw new Error('squid is not installed (apt-get install -y squid-openssl)')
  const dir = await mkdtemp(join(tmpdir(), 'sluice-bench-squid-'))
  // Squid started as root drops to the `proxy` user, which must read the config and write the run dir.
  await chmod(dir, 0o755)
  const runDir = join(dir, 'run')
  const errors = join(dir, 'errors')
  await mkdir(runDir)
  await cp('/usr/share/squid/errors/templates', errors, { recursive: true })
  await writeFile(join(errors, 'ERR_SLUICE_BLOCKED'), blockPage)
  await writeFile(join(dir, 'blocked_domains.txt'), `${setup.blockedDomains.join('\n')}\n`)
  await writeFile(join(dir, 'hosts'), setup.localHosts.map((h) => `127.0.0.1 ${h}\n`).join(''))
  await writeFile(join(dir, 'ca.pem'), setup.caCertPem)
  await writeFile(join(dir, 'ca.key'), setup.caKeyPem, { mode: 0o644 })
  await writeFile(join(dir, 'origin-ca.pem'), setup.originCaPem)
  const sslDb = join(runDir, 'ssl_db')
  await run(join(libexec, 'security_file_certgen'), ['-c', '-s', sslDb, '-M', '16MB'], { timeout: 10_000 })
  const asRoot = userInfo().uid === 0
  if (asRoot) {
    const proxyIds = await run('id', ['-u', 'proxy']).then(
      async (u) => ({ uid: Number(u.stdout), gid: Number((await run('id', ['-g', 'proxy'])).stdout) }),
      () => undefined,
    )
    if (proxyIds === undefined) throw new Error('running as root but there is no `proxy` user for squid')
    await run('chown', ['-R', `${proxyIds.uid}:${proxyIds.gid}`, runDir])
    await chown(join(dir, 'ca.key'), proxyIds.uid, proxyIds.gid)
    await chmod(join(dir, 'ca.key'), 0o600)
  }
  const conf = `http_port 127.0.0.1:${setup.plainPort}
http_port 127.0.0.1:${setup.bumpPort} ssl-bump tls-cert=${dir}/ca.pem tls-key=${dir}/ca.key generate-host-certificates=on dynamic_cert_mem_cache_size=16MB
sslcrtd_program ${libexec}/security_file_certgen -s ${sslDb} -M 16MB
sslcrtd_children 8 startup=2 idle=1
tls_outgoing_options cafile=${dir}/origin-ca.pem
visible_hostname sluice-bench
workers 1
pid_filename ${runDir}/squid.pid
cache_log ${runDir}/cache.log
access_log daemon:${runDir}/access.log squid
coredump_dir ${runDir}
cache deny all
cache_mem 8 MB
shutdown_lifetime 1 seconds
max_filedescriptors 16384
error_directory ${errors}
hosts_file ${dir}/hosts
dns_nameservers 127.0.0.1
acl localnet src 127.0.0.1/32
acl SSL_ports port 443 ${setup.tlsPorts.join(' ')}
acl Safe_ports port 80 443 ${[...setup.httpPorts, ...setup.tlsPorts].join(' ')}
acl CONNECT method CONNECT
acl blocked_ai dstdomain "${dir}/blocked_domains.txt"
http_access deny !Safe_ports
http_access deny CONNECT !SSL_ports
http_access deny blocked_ai
deny_info ERR_SLUICE_BLOCKED blocked_ai
http_access allow localnet
http_access deny all
acl step1 at_step SslBump1
acl bump_hosts ssl::server_name ${setup.bumpHosts.join(' ')}
ssl_bump peek step1
ssl_bump bump bump_hosts
ssl_bump splice all
`
  const confFile = join(dir, 'squid.conf')
  await writeFile(confFile, conf)
  const child = spawn('squid', ['-N', '-f', confFile], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-2000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 8000)
      await exited
      clearTimeout(timer)
    }
    await rm(dir, { recursive: true, force: true })
  }
  try {
    await waitForPort(setup.plainPort, child, () => output.trim().split('\n').slice(-25).join(' | '), 20_000)
    await waitForPort(setup.bumpPort, child, () => output.trim().split('\n').slice(-25).join(' | '), 5_000)
  } catch (error) {
    await close()
    throw error
  }
  return { pid: child.pid as number, version, close }
}
