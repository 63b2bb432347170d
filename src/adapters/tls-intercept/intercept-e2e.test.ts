// End to end with real TLS: curl → CONNECT proxy (a tiny TCP server here) → interceptor (leaf from the
// organisation CA) → handle → forwardHttps → an HTTPS upstream whose certificate comes from a SEPARATE
// test CA. Nothing is mocked; curl and node:tls are the clients.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import {
  createServer as createTcpServer,
  type LookupFunction,
  type Server,
  type Socket,
  connect as tcpConnect,
} from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type TLSSocket, connect as tlsConnect } from 'node:tls'
import { promisify } from 'node:util'
import { type CertificateAuthority, loadOrCreateCa } from './certificate-authority.ts'
import {
  createInterceptor,
  type InterceptContext,
  type Interceptor,
  type InterceptPhase,
  type InterceptTarget,
} from './create-interceptor.ts'
import { closeUpstreamConnections, forwardHttps } from './forward-https.ts'
import { forwardUpgrade } from './forward-upgrade.ts'

const run = promisify(execFile)

/** Every upstream name resolves to 127.0.0.1 (no DNS in tests). */
const toLoopback: LookupFunction = (_host, options, callback) => {
  if ((options as { all?: boolean }).all)
    (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
      { address: '127.0.0.1', family: 4 },
    ])
  else callback(null, '127.0.0.1', 4)
}

interface Seen {
  target: InterceptTarget
  context: InterceptContext
  innerHost: string | undefined
  url: string | undefined
  socket: unknown
}

function listen(server: Server | HttpsServer): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  )
}

/** A CONNECT-only proxy: reads the CONNECT line, answers 200 and hands the socket to the interceptor. */
function connectProxy(interceptor: Interceptor): Server {
  return createTcpServer((socket) => {
    let buffered = Buffer.alloc(0)
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk])
      const end = buffered.indexOf('\r\n\r\n')
      if (end === -1) {
        if (buffered.length > 16_384) socket.destroy()
        return
      }
      socket.off('data', onData)
      socket.pause()
      const [method, authority] = buffered.subarray(0, end).toString('latin1').split(' ')
      const match = /^(.+):(\d+)$/.exec(authority ?? '')
      if (method !== 'CONNECT' || match === null) {
        socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')
        return
      }
      socket.write('HTTP/1.1 200 Connection established\r\n\r\n')
      interceptor.intercept(
        socket,
        buffered.subarray(end + 4),
        { host: match[1] as string, port: Number(match[2]) },
        {
          remoteAddress: socket.remoteAddress ?? '',
        },
      )
    }
    socket.on('data', onData)
  })
}

/** Opens a tunnel through the proxy with a raw socket and returns it once the 200 arrived. */
function openTunnel(proxyPort: number, authority: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(proxyPort, '127.0.0.1', () =>
      socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`),
    )
    let text = ''
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1')
      if (!text.includes('\r\n\r\n')) return
      socket.off('data', onData)
      if (text.startsWith('HTTP/1.1 200')) resolve(socket)
      else reject(new Error(text))
    }
    socket.on('data', onData)
    socket.on('error', reject)
  })
}

/** A TLS connection through the proxy to `authority`, trusting `caPem`. */
async function tlsThroughProxy(proxyPort: number, authority: string, caPem: string): Promise<TLSSocket> {
  const tunnel = await openTunnel(proxyPort, authority)
  const tls = tlsConnect({ socket: tunnel, servername: authority.replace(/:\d+$/, ''), ca: caPem })
  await new Promise<void>((resolve, reject) => {
    tls.once('secureConnect', resolve)
    tls.once('error', reject)
  })
  return tls
}

/** Reads from `socket` until `done(text)` says enough or it closes; the socket stays open. */
function readUntil(socket: TLSSocket, done: (text: string) => boolean): Promise<string> {
  return new Promise((resolve) => {
    let text = ''
    const finish = () => {
      socket.off('data', onData)
      socket.off('close', finish)
      resolve(text)
    }
    const onData = (chunk: Buffer) => {
      text += chunk.toString()
      if (done(text)) finish()
    }
    socket.on('data', onData)
    socket.once('close', finish)
  })
}

const upgradeRequest = (path: string) =>
  `GET ${path} HTTP/1.1\r\nHost: evil.example.test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (check()) return
    await new Promise((r) => setTimeout(r, 20))
  }
  assert.fail(`timed out waiting for ${what}`)
}

describe('TLS interception end to end (curl, real TLS)', () => {
  let dir: string
  let orgCa: CertificateAuthority
  let upstreamCa: CertificateAuthority
  let upstream: HttpsServer
  let upstreamPort: number
  let proxy: Server
  let proxyPort: number
  let interceptor: Interceptor
  const seen: Seen[] = []
  const errors: { error: Error; phase: InterceptPhase; target: InterceptTarget }[] = []
  const upgrades: { target: InterceptTarget; url: string | undefined }[] = []
  let orgCaFile: string

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-tls-e2e-'))
    orgCa = await loadOrCreateCa(join(dir, 'org'), { create: true, subject: 'Test Ministry' })
    orgCaFile = orgCa.files.pem
    // The upstream's certificate comes from a different CA that only forwardHttps is told about.
    upstreamCa = await loadOrCreateCa(join(dir, 'upstream'), { create: true, subject: 'Upstream Test CA' })
    const upstreamLeaf = await upstreamCa.leafFor('chat.example.test')
    upstream = createHttpsServer({ key: upstreamLeaf.key, cert: upstreamLeaf.cert }, (req, res) => {
      if (req.url === '/slow') return // never answers: the forwarder's timeout must fire
      if (req.url === '/chunked') {
        res.writeHead(200, { 'content-type': 'text/plain' })
        res.write('one,')
        setTimeout(() => {
          res.write('two,')
          res.end('three')
        }, 20)
        return
      }
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const body = JSON.stringify({
          method: req.method,
          url: req.url,
          host: req.headers.host,
          via: req.headers.via,
          contentLength: req.headers['content-length'],
          proxyConnection: req.headers['proxy-connection'],
          body: Buffer.concat(chunks).toString(),
        })
        res.writeHead(200, { 'content-type': 'application/json', 'keep-alive': 'timeout=5' })
        res.end(body)
      })
    })
    // A raw upgrade echo: after 101 every byte comes back prefixed, so both directions are proven.
    upstream.on('upgrade', (req: IncomingMessage, socket: Socket) => {
      if (req.url === '/ws-refused') {
        socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 7\r\n\r\nrefused')
        return
      }
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Upstream-Host: ${req.headers.host}\r\n\r\n`,
      )
      socket.on('data', (chunk: Buffer) => socket.write(`echo:${chunk.toString()}`))
    })
    upstreamPort = await listen(upstream)

    interceptor = createInterceptor({
      ca: orgCa,
      handle(req: IncomingMessage, res: ServerResponse, target, context) {
        seen.push({ target, context, innerHost: req.headers.host, url: req.url, socket: req.socket })
        const base = { rejectUnauthorized: true as const, lookup: toLoopback }
        if (req.url?.startsWith('/untrusted'))
          return forwardHttps(req, res, target, { ...base, timeoutMs: 5000 })
        if (req.url === '/slow')
          return forwardHttps(req, res, target, { ...base, timeoutMs: 300, ca: upstreamCa.certPem })
        if (req.url === '/redact')
          return forwardHttps(req, res, target, {
            ...base,
            timeoutMs: 5000,
            ca: upstreamCa.certPem,
            body: Buffer.from('{"prompt":"[REDACTED]"}'),
            headers: { 'content-type': 'application/json' },
          })
        return forwardHttps(req, res, target, { ...base, timeoutMs: 5000, ca: upstreamCa.certPem })
      },
      onUpgrade(req, socket, head, target) {
        upgrades.push({ target, url: req.url })
        const base = { rejectUnauthorized: true as const, lookup: toLoopback, timeoutMs: 5000 }
        if (req.url === '/ws-untrusted') return void forwardUpgrade(req, socket, head, target, base)
        if (req.url?.startsWith('/ws-'))
          return void forwardUpgrade(req, socket, head, target, { ...base, ca: upstreamCa.certPem })
        socket.end('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n')
      },
      onError(error, phase, target) {
        errors.push({ error, phase, target })
      },
    })
    proxy = connectProxy(interceptor)
    proxyPort = await listen(proxy)
  })

  after(async () => {
    interceptor.close()
    closeUpstreamConnections()
    await new Promise((r) => proxy.close(r))
    upstream.closeAllConnections()
    await new Promise((r) => upstream.close(r))
    await rm(dir, { recursive: true, force: true })
  })

  const curl = (args: string[]) =>
    run('curl', ['-sS', '-v', '--max-time', '10', '--proxy', `http://127.0.0.1:${proxyPort}`, ...args], {
      encoding: 'utf8',
    })

  it('shows curl a leaf minted by the organisation CA for the CONNECT host, ALPN http/1.1', async () => {
    const { stdout, stderr } = await curl([
      '--cacert',
      orgCaFile,
      `https://chat.example.test:${upstreamPort}/hello?x=1`,
    ])
    assert.match(stderr, /subject: .*CN ?= ?chat\.example\.test/)
    assert.match(stderr, /issuer: .*CN ?= ?Sluice Organisation CA/)
    assert.match(stderr, /issuer: .*O ?= ?Test Ministry/)
    assert.match(stderr, /SSL certificate verify ok/)
    assert.match(stderr, /ALPN: server accepted http\/1\.1/)
    const echoed = JSON.parse(stdout)
    assert.equal(echoed.url, '/hello?x=1')
    assert.equal(echoed.host, `chat.example.test:${upstreamPort}`)
    assert.equal(echoed.via, '1.1 sluice')
  })

  it('pins requests to the CONNECT target even when the inner Host header names another host', async () => {
    const before = seen.length
    const { stdout } = await curl([
      '--cacert',
      orgCaFile,
      '-H',
      'Host: evil.example.test',
      `https://chat.example.test:${upstreamPort}/pinned`,
    ])
    const request = seen[before]
    assert.ok(request)
    assert.deepEqual(request.target, { host: 'chat.example.test', port: upstreamPort })
    assert.equal(request.innerHost, 'evil.example.test')
    assert.equal(request.context.remoteAddress, '127.0.0.1')
    // The upstream got the target's authority, not the inner Host.
    assert.equal(JSON.parse(stdout).host, `chat.example.test:${upstreamPort}`)
  })

  it('keeps the tunnel alive: two requests, one TLS connection', async () => {
    const before = seen.length
    const url = `https://chat.example.test:${upstreamPort}/keepalive`
    const { stderr } = await curl(['--cacert', orgCaFile, url, url])
    assert.match(stderr, /Re-using existing connection/)
    const [first, second] = seen.slice(before)
    assert.ok(first && second)
    assert.equal(first.socket, second.socket)
  })

  it('streams request bodies up and chunked answers down', async () => {
    const posted = await curl([
      '--cacert',
      orgCaFile,
      '--data-binary',
      'hello upstream',
      `https://chat.example.test:${upstreamPort}/post`,
    ])
    const echoed = JSON.parse(posted.stdout)
    assert.equal(echoed.method, 'POST')
    assert.equal(echoed.body, 'hello upstream')
    const chunked = await curl(['--cacert', orgCaFile, `https://chat.example.test:${upstreamPort}/chunked`])
    assert.equal(chunked.stdout, 'one,two,three')
    assert.match(chunked.stderr, /< transfer-encoding: chunked/i)
  })

  it('sends a replacement body with a recomputed Content-Length (redaction)', async () => {
    const { stdout } = await curl([
      '--cacert',
      orgCaFile,
      '-H',
      'content-type: text/plain',
      '--data-binary',
      '{"prompt":"my RRN is 900101-1234567"}',
      `https://chat.example.test:${upstreamPort}/redact`,
    ])
    const echoed = JSON.parse(stdout)
    assert.equal(echoed.body, '{"prompt":"[REDACTED]"}')
    assert.equal(echoed.contentLength, String(Buffer.byteLength('{"prompt":"[REDACTED]"}')))
  })

  it('answers 502 naming the problem when the upstream certificate cannot be verified', async () => {
    const { stdout, stderr } = await curl([
      '--cacert',
      orgCaFile,
      `https://chat.example.test:${upstreamPort}/untrusted`,
    ])
    assert.match(stderr, /< HTTP\/1\.1 502/)
    assert.match(stderr, /x-sluice-upstream-error: certificate/i)
    assert.match(stdout, /the site's certificate could not be verified/i)
    assert.match(
      stdout,
      /SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/,
    )
    assert.doesNotMatch(stdout, /"url"/) // nothing from the upstream leaked through
  })

  it('answers 504 when the upstream does not answer in time', async () => {
    const started = Date.now()
    const { stdout, stderr } = await curl([
      '--cacert',
      orgCaFile,
      `https://chat.example.test:${upstreamPort}/slow`,
    ])
    assert.match(stderr, /< HTTP\/1\.1 504/)
    assert.match(stdout, /did not answer in time/)
    assert.ok(Date.now() - started < 5000)
  })

  it('reports a client that does not trust the CA and drops its socket', async () => {
    const before = errors.length
    const failed = await curl([`https://chat.example.test:${upstreamPort}/untrusted-client`]).then(
      () => undefined,
      (error: { code: number }) => error,
    )
    assert.equal(failed?.code, 60) // curl: peer certificate cannot be authenticated
    await waitFor(() => errors.length > before, 'the handshake error')
    const reported = errors[before]
    assert.equal(reported?.phase, 'handshake')
    assert.equal(reported?.target.host, 'chat.example.test')
  })

  it('mints for the CONNECT host whatever SNI the client sends', async () => {
    const tunnel = await openTunnel(proxyPort, `chat.example.test:${upstreamPort}`)
    const tls = tlsConnect({
      socket: tunnel,
      servername: 'other.example.test',
      ca: orgCa.certPem,
      ALPNProtocols: ['h2', 'http/1.1'],
      checkServerIdentity: () => undefined, // inspected by hand below
    })
    await new Promise<void>((resolve, reject) => {
      tls.once('secureConnect', resolve)
      tls.once('error', reject)
    })
    const peer = tls.getPeerX509Certificate()
    assert.ok(peer)
    assert.equal(peer.subjectAltName, 'DNS:chat.example.test')
    assert.equal(peer.checkIssued(new (await import('node:crypto')).X509Certificate(orgCa.certPem)), true)
    assert.equal(tls.authorized, true)
    assert.equal(tls.alpnProtocol, 'http/1.1')
    tls.destroy()
  })

  it('passes WebSocket upgrades to onUpgrade, pinned to the target', async () => {
    const tunnel = await openTunnel(proxyPort, `chat.example.test:${upstreamPort}`)
    const tls = tlsConnect({ socket: tunnel, servername: 'chat.example.test', ca: orgCa.certPem })
    await new Promise<void>((resolve, reject) => {
      tls.once('secureConnect', resolve)
      tls.once('error', reject)
    })
    tls.write(
      'GET /ws HTTP/1.1\r\nHost: evil.example.test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    )
    let answer = ''
    for await (const chunk of tls) {
      answer += chunk.toString()
      if (answer.includes('\r\n\r\n')) break
    }
    tls.destroy()
    assert.match(answer, /^HTTP\/1\.1 101/)
    assert.deepEqual(upgrades.at(-1), {
      target: { host: 'chat.example.test', port: upstreamPort },
      url: '/ws',
    })
  })

  it('forwards a WebSocket upgrade to the upstream over verified TLS and pipes both ways', async () => {
    const tls = await tlsThroughProxy(proxyPort, `chat.example.test:${upstreamPort}`, orgCa.certPem)
    tls.write(upgradeRequest('/ws-echo'))
    const answer = await readUntil(tls, (t) => t.includes('\r\n\r\n'))
    assert.match(answer, /^HTTP\/1\.1 101/)
    assert.match(answer, new RegExp(`x-upstream-host: chat\\.example\\.test:${upstreamPort}`, 'i'))
    tls.write('ping')
    assert.equal(await readUntil(tls, (t) => t.includes('echo:ping')), 'echo:ping')
    tls.destroy()
  })

  it('relays a refused upgrade, and answers 502 when the upstream certificate fails', async () => {
    const refused = await tlsThroughProxy(proxyPort, `chat.example.test:${upstreamPort}`, orgCa.certPem)
    refused.write(upgradeRequest('/ws-refused'))
    const text = await readUntil(refused, () => false)
    assert.match(text, /^HTTP\/1\.1 403/)
    assert.match(text, /refused$/)
    const untrusted = await tlsThroughProxy(proxyPort, `chat.example.test:${upstreamPort}`, orgCa.certPem)
    untrusted.write(upgradeRequest('/ws-untrusted'))
    const page = await readUntil(untrusted, () => false)
    assert.match(page, /^HTTP\/1\.1 502/)
    assert.match(page, /the site's certificate could not be verified/i)
  })

  it('reports a CONNECT host it cannot mint for and closes the tunnel', async () => {
    const before = errors.length
    const tunnel = await openTunnel(proxyPort, 'bad_host!:443')
    await new Promise((resolve) => tunnel.once('close', resolve))
    assert.equal(errors[before]?.phase, 'mint')
  })
})
