// The forward proxy driven by curl, end to end: `sluice serve` in its own process (real config, ledger,
// detection engine, organisation CA from `loadOrCreateCa`), curl with `--proxy`, and local stand-in sites
// for the "real" hosts (proxy.hosts pins chat.deepseek.com, chatgpt.com, claude.ai and www.example.org to
// 127.0.0.1; the stand-ins' certificates come from a test web PKI the proxy trusts via NODE_EXTRA_CA_CERTS).
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { type RecordingWebServer, startRecordingWebServer } from '../support/recording-web-server.ts'
import { type StartedSluiceProxy, startSluiceProxy } from '../support/start-sluice-proxy.ts'
import { createTestCa } from '../support/test-certificates.ts'

const rrn = '900101-1234568'

interface CurlResult {
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs curl (bounded to 20 s); a non-zero exit is a result, not an exception. */
function curl(args: readonly string[]): Promise<CurlResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'curl',
      ['--silent', '--show-error', '--max-time', '15', ...args],
      { timeout: 20_000 },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(error)
          return
        }
        resolve({ exitCode: error === null ? 0 : (error.code as number), stdout, stderr })
      },
    )
  })
}

/** Splits `body\n<status> <num_connects>` written by `-w '\n%{http_code} %{num_connects}\n'`. */
function trailer(output: string): { body: string; status: number; connects: number }[] {
  const parts: { body: string; status: number; connects: number }[] = []
  const pattern = /\n@@(\d{3}) (\d+)@@\n/g
  let start = 0
  for (let m = pattern.exec(output); m !== null; m = pattern.exec(output)) {
    parts.push({ body: output.slice(start, m.index), status: Number(m[1]), connects: Number(m[2]) })
    start = m.index + m[0].length
  }
  return parts
}
const writeOut = ['-w', '\n@@%{http_code} %{num_connects}@@\n']

describe('forward proxy with curl', () => {
  let site: RecordingWebServer
  let sluice: StartedSluiceProxy
  let bare: StartedSluiceProxy
  let dir: string
  let webPkiFile: string
  let orgCaFile: string
  let proxy: string

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-proxy-curl-'))
    const webPki = await createTestCa('Test Web PKI')
    site = await startRecordingWebServer(await webPki.issue(['www.example.org', 'chatgpt.com', 'claude.ai']))
    webPkiFile = join(dir, 'web-pki.pem')
    await writeFile(webPkiFile, webPki.certPem)
    const hosts = Object.fromEntries(
      ['www.example.org', 'chat.deepseek.com', 'chatgpt.com', 'claude.ai'].map((h) => [h, '127.0.0.1']),
    )
    // Only 127.0.0.1 is in a zone: curl bound to 127.0.0.2 is a client from elsewhere.
    sluice = await startSluiceProxy({
      hosts,
      ca: 'generate',
      upstreamCaPem: webPki.certPem,
      zoneCidrs: ['127.0.0.1/32'],
    })
    bare = await startSluiceProxy({ hosts, upstreamCaPem: webPki.certPem })
    orgCaFile = join(dir, 'org-ca.pem')
    await writeFile(orgCaFile, sluice.caPem as string)
    proxy = `http://127.0.0.1:${sluice.port}`
  })

  after(async () => {
    await sluice?.close()
    await bare?.close()
    await site?.close()
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  })

  test('HTTP to a non-AI host passes to the site; hop-by-hop headers are removed and Via is added', async () => {
    const url = `http://www.example.org:${site.httpPort}/hello?x=1`
    const before = site.received.length
    const r = await curl([
      '--proxy',
      proxy,
      url,
      ...writeOut,
      '-H',
      'X-Custom: kept',
      '-H',
      'Connection: keep-alive, X-Drop-Me',
      '-H',
      'X-Drop-Me: hop-by-hop by nomination',
      '-H',
      'Keep-Alive: timeout=5',
      '-H',
      'TE: trailers',
      '-H',
      'Proxy-Connection: keep-alive',
    ])
    assert.equal(r.exitCode, 0, r.stderr)
    const [answer] = trailer(r.stdout)
    assert.equal(answer?.status, 200)
    assert.match(answer?.body ?? '', /Stand-in site.*\/hello\?x=1/s)
    assert.equal(site.received.length, before + 1)
    const got = site.received.at(-1)
    assert.ok(got !== undefined)
    assert.equal(got.url, '/hello?x=1', 'origin-form target upstream')
    assert.equal(got.headers['x-custom'], 'kept')
    assert.equal(got.headers.host, `www.example.org:${site.httpPort}`)
    for (const name of ['x-drop-me', 'keep-alive', 'te', 'proxy-connection', 'proxy-authorization'])
      assert.equal(got.headers[name], undefined, `${name} must not reach the site`)
    assert.match(String(got.headers.via), /^1\.1 sluice/i, 'Via names the proxy hop')
    // Nothing is recorded for hosts that are not AI services.
    assert.equal(
      (await sluice.ledger()).filter((e) => JSON.stringify(e).includes('www.example.org')).length,
      0,
    )
  })

  test('HTTP to a blocked AI host: 403 notice in Korean or English by Accept-Language, on one kept-alive connection', async () => {
    const url = 'http://chat.deepseek.com/'
    const r = await curl([
      '--proxy',
      proxy,
      '-H',
      'Accept-Language: ko-KR,ko;q=0.9,en;q=0.5',
      url,
      ...writeOut,
      '--next',
      '--proxy',
      proxy,
      '-H',
      'Accept-Language: en-GB,en;q=0.8',
      url,
      ...writeOut,
    ])
    assert.equal(r.exitCode, 0, r.stderr)
    const [ko, en] = trailer(r.stdout)
    assert.equal(ko?.status, 403)
    assert.match(ko?.body ?? '', /접속 제한/)
    assert.match(ko?.body ?? '', /T-china/)
    assert.match(ko?.body ?? '', /중국 소재 수신자에게는 보낼 수 없습니다/)
    assert.match(ko?.body ?? '', /정보보안팀/, "the tenant's contact is on the page")
    assert.equal(en?.status, 403)
    assert.match(en?.body ?? '', /Access restricted/)
    assert.match(en?.body ?? '', /Services with recipients in China are blocked/)
    assert.equal(ko?.connects, 1)
    assert.equal(en?.connects, 0, 'the second request reused the connection the notice was sent on')
    for (const leak of ['stack', 'node:', '/src/', 'Error:'])
      assert.ok(!(en?.body ?? '').includes(leak), leak)
    const blocks = (await sluice.ledger()).filter((e) => JSON.stringify(e).includes('chat.deepseek.com'))
    assert.ok(blocks.length >= 2, 'each blocked attempt is in the ledger')
    assert.ok(blocks.every((e) => JSON.stringify(e).includes('"block"')))
  })

  test('CONNECT to a non-AI host is tunnelled untouched: curl sees the site certificate, not a minted one', async () => {
    const r = await curl([
      '--proxy',
      proxy,
      '--cacert',
      webPkiFile,
      '--verbose',
      ...writeOut,
      `https://www.example.org:${site.httpsPort}/tunnelled`,
    ])
    assert.equal(r.exitCode, 0, r.stderr)
    const [answer] = trailer(r.stdout)
    assert.equal(answer?.status, 200)
    assert.match(answer?.body ?? '', /\/tunnelled/)
    assert.match(r.stderr, /issuer: CN ?= ?Test Web PKI/)
    assert.ok(site.received.some((q) => q.scheme === 'https' && q.url === '/tunnelled'))
  })

  test('CONNECT to a blocked AI host without a CA: refused with 403, and recorded', async () => {
    const r = await curl([
      '--proxy',
      `http://127.0.0.1:${bare.port}`,
      '-w',
      '%{http_connect}',
      'https://chat.deepseek.com/',
    ])
    assert.notEqual(r.exitCode, 0, 'curl cannot open the tunnel')
    assert.equal(r.stdout.trim(), '403')
    assert.match(r.stderr, /CONNECT tunnel failed, response 403|Received HTTP code 403/)
    const blocks = (await bare.ledger()).filter((e) => JSON.stringify(e).includes('chat.deepseek.com'))
    assert.equal(blocks.length, 1)
  })

  test('CONNECT to a blocked AI host with interception: the notice arrives over TLS with a minted certificate', async () => {
    const r = await curl([
      '--proxy',
      proxy,
      '--cacert',
      orgCaFile,
      '--verbose',
      '-H',
      'Accept-Language: ko',
      ...writeOut,
      'https://chat.deepseek.com/c/new',
    ])
    assert.equal(r.exitCode, 0, r.stderr)
    const [answer] = trailer(r.stdout)
    assert.equal(answer?.status, 403)
    assert.match(answer?.body ?? '', /접속 제한/)
    assert.match(answer?.body ?? '', /T-china/)
    assert.match(r.stderr, /subjectAltName: host "chat\.deepseek\.com" matched cert's "chat\.deepseek\.com"/)
    assert.match(r.stderr, /issuer: [^\n]*Sluice Organisation CA/)
    assert.match(r.stderr, /SSL certificate verify ok/)
  })

  test('an allowed AI web app is intercepted: a GET passes, a POST carrying an RRN is blocked before the site', async () => {
    const base = `https://chatgpt.com:${site.httpsPort}`
    const get = await curl(['--proxy', proxy, '--cacert', orgCaFile, '--verbose', ...writeOut, `${base}/`])
    assert.equal(get.exitCode, 0, get.stderr)
    assert.equal(trailer(get.stdout)[0]?.status, 200)
    assert.match(get.stderr, /issuer: [^\n]*Sluice Organisation CA/, 'decrypted by Sluice, not tunnelled')
    const before = site.received.length
    const post = await curl([
      '--proxy',
      proxy,
      '--cacert',
      orgCaFile,
      ...writeOut,
      '-H',
      'Content-Type: application/json',
      '--data',
      JSON.stringify({ messages: [{ content: { parts: [`내 주민등록번호는 ${rrn} 입니다`] } }] }),
      `${base}/backend-api/conversation`,
    ])
    assert.equal(post.exitCode, 0, post.stderr)
    const [answer] = trailer(post.stdout)
    assert.equal(answer?.status, 403)
    assert.match(answer?.body ?? '', /T-rrn-chatgpt/)
    assert.ok(!(answer?.body ?? '').includes(rrn), 'the notice does not repeat the number')
    assert.equal(site.received.length, before, 'nothing reached the site')
    const entries = await sluice.ledger()
    assert.ok(entries.some((e) => JSON.stringify(e).includes('T-rrn-chatgpt')))
    assert.ok(!JSON.stringify(entries).includes(rrn), 'the ledger never holds the number itself')
  })

  test('a POST under a redact rule arrives at the site with the RRN replaced', async () => {
    const body = JSON.stringify({ prompt: `고객 주민등록번호 ${rrn} 로 조회해 주세요`, model: 'claude' })
    const r = await curl([
      '--proxy',
      proxy,
      '--cacert',
      orgCaFile,
      ...writeOut,
      '-H',
      'Content-Type: application/json',
      '--data',
      body,
      `https://claude.ai:${site.httpsPort}/api/append_message`,
    ])
    assert.equal(r.exitCode, 0, r.stderr)
    assert.equal(trailer(r.stdout)[0]?.status, 200)
    const got = site.received.findLast((q) => q.url === '/api/append_message')
    assert.ok(got !== undefined, 'the request reached the site')
    assert.ok(!got.body.includes(rrn), `the RRN left in clear: ${got.body}`)
    const parsed = JSON.parse(got.body) as { prompt: string; model: string }
    assert.equal(parsed.model, 'claude')
    assert.equal(
      parsed.prompt,
      '고객 주민등록번호 <KR_RRN> 로 조회해 주세요',
      'the rule redacts with a type tag',
    )
    assert.equal(
      Number(got.headers['content-length']),
      Buffer.byteLength(got.body),
      'length fixed after redaction',
    )
    assert.ok((await sluice.ledger()).some((e) => JSON.stringify(e).includes('T-rrn-claude')))
  })

  test('not an open proxy: a client outside every zone is refused, for HTTP and CONNECT', async () => {
    const before = site.received.length
    const http = await curl([
      '--interface',
      '127.0.0.2',
      '--proxy',
      proxy,
      ...writeOut,
      `http://www.example.org:${site.httpPort}/open`,
    ])
    assert.equal(http.exitCode, 0, http.stderr)
    const [answer] = trailer(http.stdout)
    assert.equal(answer?.status, 403)
    const tunnel = await curl([
      '--interface',
      '127.0.0.2',
      '--proxy',
      proxy,
      '--cacert',
      webPkiFile,
      '-w',
      '%{http_connect}',
      `https://www.example.org:${site.httpsPort}/open`,
    ])
    assert.notEqual(tunnel.exitCode, 0)
    assert.equal(tunnel.stdout.trim(), '403')
    assert.equal(site.received.length, before, 'nothing was forwarded for an outside client')
  })
})
