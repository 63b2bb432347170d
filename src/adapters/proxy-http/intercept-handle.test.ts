// Decrypted requests end to end: the real TLS interceptor (tls-intercept adapter, organisation CA in a
// temp dir) hands each request to the proxy's handle, which decides and forwards with the real
// forwardHttps to a local HTTPS stand-in site; curl trusts the organisation CA.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer as createHttpServer, type IncomingMessage } from 'node:http'
import { createServer as createHttpsServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type ProxyTestDeps, proxyTestConfig, proxyTestDeps } from '../../../test/support/proxy-deps.ts'
import { createTestCa } from '../../../test/support/test-certificates.ts'
import { type RunningServer, startHttpServer } from '../http-api/start-http-server.ts'
import {
  closeUpstreamConnections,
  createInterceptor,
  forwardHttps,
  forwardUpgrade,
  loadOrCreateCa,
} from '../tls-intercept/index.ts'
import { createProxyHandler, isProxyUpgrade, type ProxyHandler } from './create-proxy-handler.ts'
import { createInterceptHandle, createInterceptUpgrade } from './intercept-handle.ts'

const rrn = '900101-1234568'

interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage['headers']
  readonly body: string
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

describe('intercepted HTTPS through the proxy', () => {
  let dir: string
  let site: Server
  let sitePort: number
  const seen: Seen[] = []
  let t: ProxyTestDeps
  let proxy: ProxyHandler
  let server: RunningServer
  let proxyUrl: string
  let caFile: string
  let webPkiPem: string

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-intercept-'))
    const webPki = await createTestCa('Test Web PKI')
    webPkiPem = webPki.certPem
    const leaf = await webPki.issue(['chatgpt.com', 'chat.deepseek.com'])
    site = createHttpsServer({ cert: leaf.certPem, key: leaf.keyPem }, (req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        })
        res.writeHead(200, { 'content-type': 'text/plain' })
        res.end(`site ok ${req.url}`)
      })
    })
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r))
    sitePort = (site.address() as AddressInfo).port
    const ca = await loadOrCreateCa(join(dir, 'ca'), { create: true })
    caFile = join(dir, 'org-ca.pem')
    await writeFile(caFile, ca.certPem)
    t = await proxyTestDeps(
      proxyTestConfig('proxy:\n  hosts: { chatgpt.com: 127.0.0.1, chat.deepseek.com: 127.0.0.1 }'),
    )
    const handleDeps = { web: t.deps, forwardHttps, forwardUpgrade, upstreamCa: webPki.certPem }
    const interceptor = createInterceptor({
      ca,
      handle: createInterceptHandle(handleDeps),
      onUpgrade: createInterceptUpgrade(handleDeps),
    })
    proxy = createProxyHandler({ web: t.deps, interceptor })
    server = await startHttpServer(
      (req, res) => {
        if (!proxy.onRequest(req, res)) res.writeHead(404).end()
      },
      { host: '127.0.0.1', port: 0 },
      { onConnect: proxy.onConnect, onUpgrade: proxy.onUpgrade, isUpgrade: isProxyUpgrade },
    )
    proxyUrl = server.url
  })
  after(async () => {
    proxy.close()
    closeUpstreamConnections()
    await server.close()
    site.closeAllConnections()
    await new Promise<void>((r) => site.close(() => r()))
    await rm(dir, { recursive: true, force: true })
  })

  it('shows the notice page for a blocked HTTPS site, over a certificate minted from the organisation CA', async () => {
    const r = await curl([
      '-x',
      proxyUrl,
      '--cacert',
      caFile,
      '-i',
      '-H',
      'Accept-Language: en',
      `https://chat.deepseek.com:${sitePort}/`,
    ])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^HTTP\/1\.1 200 Connection Established\r\n\r\nHTTP\/1\.1 403/)
    assert.match(r.stdout, /Access to this AI service is restricted/)
    assert.match(r.stdout, /T-china/)
    assert.equal(seen.length, 0, 'nothing reached the blocked site')
    // The CONNECT was recorded; the page inside reuses that decision.
    assert.equal(t.records.filter((e) => e.host === 'chat.deepseek.com').length, 1)
  })

  it('redacts an RRN pasted into an allowed app; the site receives the tag over verified TLS', async () => {
    const body = JSON.stringify({ prompt: `민원인 ${rrn} 요약`, stream: true })
    const r = await curl([
      '-x',
      proxyUrl,
      '--cacert',
      caFile,
      '-H',
      'content-type: application/json',
      '--data-binary',
      body,
      `https://chatgpt.com:${sitePort}/backend-api/conversation`,
    ])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'site ok /backend-api/conversation')
    const at = seen.at(-1)
    assert.ok(at)
    assert.deepEqual(JSON.parse(at.body), { prompt: '민원인 <KR_RRN> 요약', stream: true })
    assert.equal(Number(at.headers['content-length']), Buffer.byteLength(at.body))
    assert.equal(t.records.at(-1)?.action, 'redact')
    assert.equal(t.records.at(-1)?.host, 'chatgpt.com')
  })

  it('answers a warned fetch with the JSON error, and pins requests to the CONNECT target whatever Host says', async () => {
    const r = await curl([
      '-x',
      proxyUrl,
      '--cacert',
      caFile,
      '-H',
      'content-type: application/json',
      '-H',
      'sec-fetch-dest: empty',
      '--data-binary',
      JSON.stringify({ q: 'write to kim@mofa.go.kr' }),
      `https://chatgpt.com:${sitePort}/api`,
    ])
    const error = JSON.parse(r.stdout) as { error: { type: string; rule: string } }
    assert.equal(error.error.type, 'sluice_policy_block')
    assert.equal(error.error.rule, 'T-email-warn')
    const before = seen.length
    const pinned = await curl([
      '-x',
      proxyUrl,
      '--cacert',
      caFile,
      '-H',
      'Host: evil.example',
      `https://chatgpt.com:${sitePort}/pinned`,
    ])
    assert.equal(pinned.stdout, 'site ok /pinned')
    assert.equal(seen.length, before + 1)
    assert.equal(seen.at(-1)?.headers.host, `chatgpt.com:${sitePort}`)
  })

  it('the handle works on plain http objects too: a local server calling it forwards to the site', async () => {
    const handle = createInterceptHandle({ web: t.deps, forwardHttps, upstreamCa: webPkiPem })
    const local = createHttpServer((req, res) =>
      handle(req, res, { host: 'chatgpt.com', port: sitePort }, { remoteAddress: '127.0.0.1' }),
    )
    await new Promise<void>((r) => local.listen(0, '127.0.0.1', r))
    try {
      const port = (local.address() as AddressInfo).port
      const form = await curl(['--data-urlencode', `text=${rrn}`, `http://127.0.0.1:${port}/form`])
      assert.equal(form.stdout, 'site ok /form')
      assert.equal(new URLSearchParams(seen.at(-1)?.body).get('text'), '<KR_RRN>')
      const outsider = createInterceptHandle({ web: t.deps, forwardHttps })
      const refused = createHttpServer((req, res) =>
        outsider(req, res, { host: 'chatgpt.com', port: sitePort }, { remoteAddress: '198.51.100.1' }),
      )
      await new Promise<void>((r) => refused.listen(0, '127.0.0.1', r))
      const r2 = await curl(['-i', `http://127.0.0.1:${(refused.address() as AddressInfo).port}/x`])
      refused.close()
      assert.match(r2.stdout, /^HTTP\/1\.1 403/)
    } finally {
      local.close()
    }
  })
})
