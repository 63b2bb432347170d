// The proxy adapter on real sockets: a node:http server with the proxy attached, local stand-in
// origins on 127.0.0.1 (proxy.hosts pins the public names to them), curl and node clients.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { Agent, createServer, type IncomingMessage, request, type Server } from 'node:http'
import {
  type AddressInfo,
  connect,
  createServer as createTcpServer,
  type Server as TcpServer,
} from 'node:net'
import { after, before, describe, it } from 'node:test'
import vm from 'node:vm'
import {
  type ProxyTestDeps,
  proxyTestConfig,
  proxyTestDeps,
  proxyTestKey,
} from '../../../test/support/proxy-deps.ts'
import { type RunningServer, startHttpServer } from '../http-api/start-http-server.ts'
import { createProxyHandler, isProxyUpgrade, type ProxyHandler } from './create-proxy-handler.ts'

const rrn = '900101-1234568'

interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage['headers']
  readonly body: string
}

interface Origin {
  readonly port: number
  readonly seen: Seen[]
  connections: number
  close(): Promise<void>
}

async function startOrigin(): Promise<Origin> {
  const seen: Seen[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      })
      if (req.url === '/slow') return // never answers: the proxy's timeout must fire
      if (req.url === '/chunked') {
        res.writeHead(200, { 'content-type': 'text/plain' })
        for (let i = 0; i < 5; i++) res.write(`part${i};`)
        res.end()
        return
      }
      res.writeHead(200, {
        'content-type': 'text/plain',
        connection: 'keep-alive, X-Hop',
        'x-hop': 'secret',
        'keep-alive': 'timeout=5',
      })
      res.end(`origin ok ${req.url}`)
    })
  })
  server.on('upgrade', (req, socket) => {
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Path: ${req.url}\r\n\r\n`,
    )
    socket.on('data', (d: Buffer) => socket.write(Buffer.concat([Buffer.from('echo:'), d])))
    socket.on('end', () => socket.end())
    socket.on('error', () => socket.destroy())
  })
  const origin = {
    port: 0,
    seen,
    connections: 0,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
  server.on('connection', () => {
    origin.connections++
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  origin.port = (server.address() as AddressInfo).port
  return origin
}

/** A TCP server that answers 'bye' only after the client half-closes (tests half-close through a tunnel). */
async function startHalfCloseServer(): Promise<{ port: number; server: TcpServer }> {
  const server = createTcpServer({ allowHalfOpen: true }, (socket) => {
    const got: Buffer[] = []
    socket.on('data', (d: Buffer) => got.push(d))
    socket.on('end', () => socket.end(`bye after ${Buffer.concat(got).toString()}`))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { port: (server.address() as AddressInfo).port, server }
}

interface Running {
  readonly t: ProxyTestDeps
  readonly proxy: ProxyHandler
  readonly server: RunningServer
  readonly port: number
}

const pinned = `  hosts: { chatgpt.com: 127.0.0.1, chat.deepseek.com: 127.0.0.1, www.example.org: 127.0.0.1, claude.ai: 127.0.0.1 }`

async function startProxy(proxyYaml: string, zoneYaml?: string): Promise<Running> {
  const t = await proxyTestDeps(proxyTestConfig(`proxy:\n${pinned}\n${proxyYaml}`, zoneYaml))
  const logs: string[] = []
  const proxy = createProxyHandler({ web: t.deps, log: (l) => logs.push(l) })
  const server = await startHttpServer(
    (req, res) => {
      if (!proxy.onRequest(req, res)) {
        res.writeHead(404)
        res.end('not proxy traffic')
      }
    },
    { host: '127.0.0.1', port: 0 },
    { onConnect: proxy.onConnect, onUpgrade: proxy.onUpgrade, isUpgrade: isProxyUpgrade },
  )
  return { t, proxy, server, port: Number(new URL(server.url).port) }
}

function curl(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      'curl',
      ['--silent', '--show-error', '--max-time', '10', ...args],
      { timeout: 15_000 },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') reject(error)
        else resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr })
      },
    )
  })
}

/** Splits curl output written with `-w '\n@@%{http_code}@@'` (and -i headers) into status, headers, body. */
function parseCurl(out: string): { status: number; head: string; body: string } {
  const m = /\n@@(\d{3})@@$/.exec(out)
  const text = m === null ? out : out.slice(0, m.index)
  const split = text.indexOf('\r\n\r\n')
  return {
    status: Number(m?.[1] ?? 0),
    head: split < 0 ? '' : text.slice(0, split),
    body: split < 0 ? text : text.slice(split + 4),
  }
}
const w = ['-i', '-w', '\n@@%{http_code}@@']

describe('proxy adapter: plain HTTP', () => {
  let origin: Origin
  let p: Running
  before(async () => {
    origin = await startOrigin()
    p = await startProxy('  xForwardedFor: true\n  upstreamTimeoutMs: 400')
  })
  after(async () => {
    p.proxy.close()
    await p.server.close()
    await origin.close()
  })
  const proxyUrl = () => `http://127.0.0.1:${p.port}`

  it('forwards a non-AI host untouched but for hop-by-hop headers, with Via and X-Forwarded-For; records nothing', async () => {
    const r = await curl([
      '-x',
      proxyUrl(),
      ...w,
      '-H',
      'Connection: keep-alive, X-Drop-Me',
      '-H',
      'X-Drop-Me: 1',
      '-H',
      'X-Keep: 2',
      '-H',
      'TE: trailers',
      '--proxy-user',
      `kim:${proxyTestKey}`,
      `http://www.example.org:${origin.port}/hello?q=1`,
    ])
    const got = parseCurl(r.stdout)
    assert.equal(got.status, 200, r.stderr)
    assert.equal(got.body, 'origin ok /hello?q=1')
    const at = origin.seen.at(-1)
    assert.ok(at)
    assert.equal(at.url, '/hello?q=1', 'origin-form path upstream')
    assert.equal(at.headers.host, `www.example.org:${origin.port}`)
    assert.equal(at.headers['x-keep'], '2')
    for (const name of ['x-drop-me', 'te', 'proxy-authorization', 'proxy-connection'])
      assert.equal(at.headers[name], undefined, name)
    assert.equal(at.headers.via, '1.1 sluice')
    assert.equal(at.headers['x-forwarded-for'], '127.0.0.1')
    assert.doesNotMatch(
      got.head,
      /x-hop/i,
      'a header the origin named in Connection does not reach the client',
    )
    assert.match(got.head, /^via: 1\.1 sluice/im)
    assert.equal(p.t.records.length, 0)
  })

  it('keeps both sides alive: two requests over one client connection use one pooled origin connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const before = origin.connections
    const get = (path: string) =>
      new Promise<{ status: number; body: string; reused: boolean }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: p.port,
            path: `http://www.example.org:${origin.port}${path}`,
            agent,
            headers: { host: `www.example.org:${origin.port}` },
          },
          (res) => {
            let body = ''
            res.on('data', (c: Buffer) => {
              body += c
            })
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body, reused: req.reusedSocket }))
          },
        )
        req.on('error', reject)
        req.end()
      })
    const a = await get('/a')
    const b = await get('/b')
    const c = await new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: p.port, path: `http://chat.deepseek.com:${origin.port}/`, agent },
        (res) => {
          res.resume()
          res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }))
        },
      )
      req.on('error', reject)
      req.end()
    })
    const d = await get('/d')
    agent.destroy()
    assert.deepEqual([a.status, b.status, c.status, d.status], [200, 200, 403, 200])
    assert.equal(b.reused, true)
    assert.equal(c.reused, true)
    assert.equal(d.reused, true, 'the connection stays alive after a notice')
    assert.ok(
      origin.connections - before <= 1,
      'at most one new upstream connection: the pool keeps it alive',
    )
  })

  it('streams chunked bodies both ways', async () => {
    const answer = await new Promise<{ status: number; body: string; te: string | undefined }>(
      (resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: p.port,
            method: 'POST',
            path: `http://www.example.org:${origin.port}/chunked`,
            headers: { 'transfer-encoding': 'chunked' },
          },
          (res) => {
            let body = ''
            res.on('data', (c: Buffer) => {
              body += c
            })
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, body, te: res.headers['transfer-encoding'] }),
            )
          },
        )
        req.on('error', reject)
        req.write('first,')
        setTimeout(() => req.end('second'), 20)
      },
    )
    assert.equal(answer.status, 200)
    assert.equal(answer.body, 'part0;part1;part2;part3;part4;')
    assert.equal(answer.te, 'chunked')
    assert.equal(origin.seen.at(-1)?.body, 'first,second')
  })

  it('shows the blocked service the notice page (403) in the language asked for, and records the attempt', async () => {
    const ko = await curl(['-x', proxyUrl(), ...w, `http://chat.deepseek.com:${origin.port}/`])
    const page = parseCurl(ko.stdout)
    assert.equal(page.status, 403)
    assert.match(page.head, /content-type: text\/html; charset=utf-8/i)
    assert.doesNotMatch(page.head, /connection: close/i)
    assert.match(page.body, /<html lang="ko">/)
    assert.match(page.body, /접속 제한/)
    assert.match(page.body, /T-china/)
    assert.match(page.body, /security@mofa\.example/)
    assert.doesNotMatch(page.body, /127\.0\.0\.1|\/work\/|at .*\.ts/, 'nothing internal in the page')
    const en = parseCurl(
      (
        await curl([
          '-x',
          proxyUrl(),
          ...w,
          '-H',
          'Accept-Language: en-US,en;q=0.9',
          `http://chat.deepseek.com:${origin.port}/`,
        ])
      ).stdout,
    )
    assert.match(en.body, /<html lang="en">/)
    assert.match(en.body, /Access to this AI service is restricted/)
    const last = p.t.records.at(-1)
    assert.equal(last?.action, 'block')
    assert.equal(last?.host, 'chat.deepseek.com')
    assert.equal(last?.channel, 'proxy')
    assert.equal(
      origin.seen.some((s) => s.headers.host?.startsWith('chat.deepseek.com')),
      false,
      'nothing reached the site',
    )
  })

  it('redacts an RRN in a JSON POST to an allowed AI app; the origin gets the tag and a correct length', async () => {
    const body = JSON.stringify({
      messages: [{ content: { parts: [`제 주민번호는 ${rrn} 입니다`] } }],
      model: 'auto',
      n: 1,
    })
    const r = await curl([
      '-x',
      proxyUrl(),
      ...w,
      '-H',
      'content-type: application/json',
      '--data-binary',
      body,
      `http://chatgpt.com:${origin.port}/backend-api/conversation`,
    ])
    assert.equal(parseCurl(r.stdout).status, 200, r.stderr)
    const at = origin.seen.at(-1)
    assert.ok(at)
    assert.doesNotMatch(at.body, /900101/)
    assert.deepEqual(JSON.parse(at.body), {
      messages: [{ content: { parts: ['제 주민번호는 <KR_RRN> 입니다'] } }],
      model: 'auto',
      n: 1,
    })
    assert.equal(Number(at.headers['content-length']), Buffer.byteLength(at.body))
    assert.equal(p.t.records.at(-1)?.action, 'redact')
  })

  it('redacts form values and multipart text parts (with a small text file), keeping the rest', async () => {
    const form = await curl([
      '-x',
      proxyUrl(),
      ...w,
      '--data-urlencode',
      `q=번호 ${rrn}`,
      '--data-urlencode',
      'lang=ko',
      `http://chatgpt.com:${origin.port}/form`,
    ])
    assert.equal(parseCurl(form.stdout).status, 200, form.stderr)
    const formSeen = new URLSearchParams(origin.seen.at(-1)?.body)
    assert.equal(formSeen.get('q'), '번호 <KR_RRN>')
    assert.equal(formSeen.get('lang'), 'ko')
    const m = await new Promise<string>((resolve, reject) => {
      const child = execFile(
        'curl',
        [
          '--silent',
          '-x',
          proxyUrl(),
          '-F',
          `prompt=요약: ${rrn}`,
          '-F',
          'note=@-;type=text/plain;filename=note.txt',
          `http://chatgpt.com:${origin.port}/upload`,
        ],
        (e, out) => (e ? reject(e) : resolve(out)),
      )
      child.stdin?.end(`memo ${rrn} end`)
    })
    assert.match(m, /origin ok \/upload/)
    const seen = origin.seen.at(-1)
    assert.ok(seen)
    assert.doesNotMatch(seen.body, /900101/)
    assert.match(seen.body, /요약: <KR_RRN>/)
    assert.match(seen.body, /memo <KR_RRN> end/)
    assert.match(seen.body, /filename="note.txt"/)
    assert.equal(Number(seen.headers['content-length']), Buffer.byteLength(seen.body))
  })

  it('blocks a binary upload by the content rule, and a warned prompt with a JSON error for scripts', async () => {
    const bin = await new Promise<string>((resolve, reject) => {
      const child = execFile(
        'curl',
        [
          '--silent',
          '-i',
          '-x',
          proxyUrl(),
          '-F',
          'f=@-;type=application/octet-stream;filename=x.bin',
          `http://chatgpt.com:${origin.port}/upload`,
        ],
        (e, out) => (e ? reject(e) : resolve(out)),
      )
      child.stdin?.end(Buffer.from([0, 1, 2, 255, 254, 0]))
    })
    assert.match(bin, /T-files/)
    assert.match(bin, /^HTTP\/1\.1 403/)
    const r = await curl([
      '-x',
      proxyUrl(),
      ...w,
      '-H',
      'content-type: application/json',
      '-H',
      'accept: application/json',
      '--data-binary',
      JSON.stringify({ text: 'send to kim@mofa.go.kr' }),
      `http://chatgpt.com:${origin.port}/api`,
    ])
    const got = parseCurl(r.stdout)
    assert.equal(got.status, 403)
    const error = JSON.parse(got.body) as { error: { type: string; rule: string; note?: { en: string } } }
    assert.equal(error.error.type, 'sluice_policy_block')
    assert.equal(error.error.rule, 'T-email-warn')
    assert.match(error.error.note?.en ?? '', /browser cannot send/)
  })

  it('answers 504 when the site is too slow and 502 when it cannot be reached', async () => {
    const slow = parseCurl(
      (await curl(['-x', proxyUrl(), ...w, `http://www.example.org:${origin.port}/slow`])).stdout,
    )
    assert.equal(slow.status, 504)
    assert.match(slow.body, /did not answer in time|제한 시간/)
    const closed = await startHalfCloseServer()
    const port = closed.port
    await new Promise<void>((r) => closed.server.close(() => r()))
    const down = parseCurl((await curl(['-x', proxyUrl(), ...w, `http://www.example.org:${port}/`])).stdout)
    assert.equal(down.status, 502)
    assert.doesNotMatch(down.body, /ECONNREFUSED|127\.0\.0\.1/)
  })

  it('refuses a request that already passed through Sluice (loop) and https:// request lines', async () => {
    const loop = parseCurl(
      (
        await curl([
          '-x',
          proxyUrl(),
          ...w,
          '-H',
          'Via: 1.1 sluice',
          `http://www.example.org:${origin.port}/`,
        ])
      ).stdout,
    )
    assert.equal(loop.status, 508)
  })

  it('serves the PAC file: AI domains through this proxy, others direct', async () => {
    const r = await curl([...w, `http://127.0.0.1:${p.port}/proxy.pac`])
    const got = parseCurl(r.stdout)
    assert.equal(got.status, 200)
    assert.match(got.head, /application\/x-ns-proxy-autoconfig/)
    const sandbox: Record<string, unknown> = {
      dnsDomainIs: (h: string, d: string) => h.length >= d.length && h.substring(h.length - d.length) === d,
    }
    vm.createContext(sandbox)
    vm.runInContext(got.body, sandbox, { timeout: 1000 })
    const find = sandbox.FindProxyForURL as (u: string, h: string) => string
    assert.equal(find('https://chat.deepseek.com/', 'chat.deepseek.com'), `PROXY 127.0.0.1:${p.port}`)
    assert.equal(find('https://api.openai.com/', 'api.openai.com'), `PROXY 127.0.0.1:${p.port}`)
    assert.equal(find('https://www.naver.com/', 'www.naver.com'), 'DIRECT')
  })

  it('WebSocket upgrades: allowed hosts are joined to the site, blocked ones get the notice', async () => {
    const talk = (host: string) =>
      new Promise<string>((resolve, reject) => {
        const s = connect(p.port, '127.0.0.1')
        let got = ''
        s.on('data', (d: Buffer) => {
          got += d.toString()
          if (got.includes('\r\n\r\n') && got.startsWith('HTTP/1.1 101') && !got.includes('echo:'))
            s.write('ping')
          if (got.includes('echo:ping')) {
            resolve(got)
            s.destroy()
          }
        })
        s.on('end', () => resolve(got))
        s.on('close', () => resolve(got))
        s.on('error', reject)
        s.write(
          `GET http://${host}:${origin.port}/ws HTTP/1.1\r\nHost: ${host}:${origin.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
        )
      })
    const ok = await talk('chatgpt.com')
    assert.match(ok, /^HTTP\/1\.1 101/)
    assert.match(ok, /X-Path: \/ws/)
    assert.match(ok, /echo:ping/)
    const blocked = await talk('chat.deepseek.com')
    assert.match(blocked, /^HTTP\/1\.1 403/)
    assert.match(blocked, /T-china/)
  })
})

describe('proxy adapter: CONNECT', () => {
  let half: { port: number; server: TcpServer }
  before(async () => {
    half = await startHalfCloseServer()
  })
  after(() => new Promise<void>((r) => half.server.close(() => r())))

  function rawConnect(
    port: number,
    target: string,
    extra = '',
  ): Promise<{ answer: string; socket: import('node:net').Socket }> {
    return new Promise((resolve, reject) => {
      const s = connect({ port, host: '127.0.0.1', allowHalfOpen: true })
      let bytes = Buffer.alloc(0)
      let got = ''
      const onData = (d: Buffer) => {
        bytes = Buffer.concat([bytes, d])
        got = bytes.toString('utf8')
        const end = got.indexOf('\r\n\r\n')
        if (end >= 0 && /^HTTP\/1\.1 200/.test(got)) {
          s.off('data', onData)
          resolve({ answer: got, socket: s })
        }
      }
      s.on('data', onData)
      s.on('end', () => resolve({ answer: got, socket: s }))
      s.on('error', reject)
      s.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${extra}\r\n`)
    })
  }

  it('tunnels a non-AI host, passing a half-close through', async () => {
    const p = await startProxy('')
    try {
      const { answer, socket } = await rawConnect(p.port, `www.example.org:${half.port}`)
      assert.match(answer, /^HTTP\/1\.1 200 Connection Established\r\n\r\n$/)
      const reply = await new Promise<string>((resolve) => {
        let got = ''
        socket.on('data', (d: Buffer) => {
          got += d.toString()
        })
        socket.on('end', () => resolve(got))
        socket.end('hello')
      })
      assert.equal(reply, 'bye after hello')
      assert.equal(p.t.records.length, 0)
    } finally {
      p.proxy.close()
      await p.server.close()
    }
  })

  it('refuses a blocked host with 403 and the notice in the body when no CA is loaded, and records it', async () => {
    const p = await startProxy('')
    try {
      const r = await curl([
        '-x',
        `http://127.0.0.1:${p.port}`,
        '-v',
        `https://chat.deepseek.com:${half.port}/`,
      ])
      assert.notEqual(r.code, 0)
      assert.match(r.stderr, /CONNECT tunnel failed, response 403|Received HTTP code 403 from proxy/)
      const { answer } = await rawConnect(p.port, `chat.deepseek.com:443`)
      assert.match(answer, /^HTTP\/1\.1 403/)
      assert.match(answer, /T-china/)
      assert.match(answer, /접속 제한/)
      assert.equal(
        p.t.records.filter((e) => e.action === 'block' && e.host === 'chat.deepseek.com').length,
        2,
      )
    } finally {
      p.proxy.close()
      await p.server.close()
    }
  })

  it('is not an open proxy: a client outside every zone gets 403, for HTTP and CONNECT', async () => {
    const p = await startProxy('', '  - { id: far, cidrs: [10.99.0.0/16], tenant: mofa, keyless: true }')
    try {
      const http = parseCurl(
        (await curl(['-x', `http://127.0.0.1:${p.port}`, ...w, `http://www.example.org:${half.port}/`]))
          .stdout,
      )
      assert.equal(http.status, 403)
      const { answer } = await rawConnect(p.port, `www.example.org:${half.port}`)
      assert.match(answer, /^HTTP\/1\.1 403/)
    } finally {
      p.proxy.close()
      await p.server.close()
    }
  })

  it('asks for proxy credentials (407) when auth is required, and tunnels with a valid key', async () => {
    const p = await startProxy('  auth: required')
    try {
      const { answer } = await rawConnect(p.port, `www.example.org:${half.port}`)
      assert.match(answer, /^HTTP\/1\.1 407/)
      assert.match(answer, /proxy-authenticate: Basic realm="Sluice"/i)
      const token = Buffer.from(`kim:${proxyTestKey}`).toString('base64')
      const ok = await rawConnect(
        p.port,
        `www.example.org:${half.port}`,
        `Proxy-Authorization: Basic ${token}\r\n`,
      )
      assert.match(ok.answer, /^HTTP\/1\.1 200/)
      ok.socket.destroy()
      const wrong = await rawConnect(
        p.port,
        `www.example.org:${half.port}`,
        `Proxy-Authorization: Basic ${Buffer.from('kim:nope').toString('base64')}\r\n`,
      )
      assert.match(wrong.answer, /^HTTP\/1\.1 407/)
    } finally {
      p.proxy.close()
      await p.server.close()
    }
  })

  it('hands blocked and inspected hosts to the interceptor after a 200, with the CONNECT decision; exempt hosts tunnel', async () => {
    const t = await proxyTestDeps(
      proxyTestConfig(`proxy:\n${pinned}\n  intercept: { doNotIntercept: [claude.ai] }`),
    )
    const handed: { host: string; kind: string | undefined; head: string }[] = []
    const proxy = createProxyHandler({
      web: t.deps,
      interceptor: {
        intercept: (socket, head, target, context) => {
          handed.push({ host: target.host, kind: context.connectDecision?.kind, head: head.toString() })
          socket.end()
        },
      },
    })
    const server = await startHttpServer(
      (_q, s) => s.end(),
      { host: '127.0.0.1', port: 0 },
      { onConnect: proxy.onConnect },
    )
    const port = Number(new URL(server.url).port)
    try {
      const blocked = await rawConnect(port, 'chat.deepseek.com:443')
      assert.match(blocked.answer, /^HTTP\/1\.1 200 Connection Established/)
      blocked.socket.destroy()
      const allowed = await rawConnect(port, 'chatgpt.com:443')
      assert.match(allowed.answer, /^HTTP\/1\.1 200/)
      allowed.socket.destroy()
      const exempt = await rawConnect(port, `claude.ai:${half.port}`)
      exempt.socket.destroy()
      const plain = await rawConnect(port, `www.example.org:${half.port}`)
      plain.socket.destroy()
      await new Promise((r) => setTimeout(r, 50))
      assert.deepEqual(
        handed.map((h) => [h.host, h.kind]),
        [
          ['chat.deepseek.com', 'block'],
          ['chatgpt.com', 'allow'],
        ],
      )
    } finally {
      proxy.close()
      await server.close()
    }
  })
})
