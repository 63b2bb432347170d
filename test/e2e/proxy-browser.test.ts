// A real browser through the forward proxy: Debian's headless Chromium driven by playwright-core, with
// `--proxy-server` pointing at `sluice serve` and the organisation CA (made by loadOrCreateCa, as
// `sluice ca init` does) trusted through an NSS database in the browser's HOME, the way a managed PC
// trusts it. Chromium resolves no host names itself (`--host-resolver-rules` maps every name to
// NOTFOUND): each page must come through Sluice, which pins chat.deepseek.com and chatgpt.com to local
// stand-ins (proxy.hosts). The notice page's screenshot is kept in test-artifacts/notice.png.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { promisify } from 'node:util'
import { type Browser, type BrowserContext, chromium } from 'playwright-core'
import { type RecordingWebServer, startRecordingWebServer } from '../support/recording-web-server.ts'
import { type StartedSluiceProxy, startSluiceProxy } from '../support/start-sluice-proxy.ts'
import { createTestCa } from '../support/test-certificates.ts'

const run = promisify(execFile)
const repoRoot = join(import.meta.dirname, '..', '..')
const chromiumPath = '/usr/bin/chromium'
const rrn = '900101-1234568'

function skipReason(): string | false {
  if (!existsSync(chromiumPath)) return `no Chromium at ${chromiumPath} (apt-get install chromium)`
  return false
}

/** Creates an NSS database under `home` trusting `caFile` for TLS servers (what Chromium on Linux reads). */
async function trustInNss(home: string, caFile: string): Promise<void> {
  const db = join(home, '.pki', 'nssdb')
  await mkdir(db, { recursive: true })
  try {
    await run('certutil', ['-d', `sql:${db}`, '-N', '--empty-password'], { timeout: 15_000 })
    await run('certutil', ['-d', `sql:${db}`, '-A', '-t', 'C,,', '-n', 'sluice-test-org-ca', '-i', caFile], {
      timeout: 15_000,
    })
  } catch (error) {
    throw new Error(
      `certutil failed (${(error as Error).message}); install it with apt-get install -y libnss3-tools`,
    )
  }
}

describe('forward proxy with headless Chromium', { skip: skipReason() }, () => {
  let site: RecordingWebServer
  let sluice: StartedSluiceProxy
  let dir: string
  let browser: Browser
  let context: BrowserContext

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-proxy-browser-'))
    const webPki = await createTestCa('Test Web PKI')
    site = await startRecordingWebServer(await webPki.issue(['chatgpt.com']))
    sluice = await startSluiceProxy({
      hosts: { 'chat.deepseek.com': '127.0.0.1', 'chatgpt.com': '127.0.0.1' },
      ca: 'generate',
      upstreamCaPem: webPki.certPem,
    })
    const home = join(dir, 'home')
    const caFile = join(dir, 'org-ca.pem')
    await writeFile(caFile, sluice.caPem as string)
    await trustInNss(home, caFile)
    browser = await chromium.launch({
      executablePath: chromiumPath,
      env: { ...process.env, HOME: home },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        `--proxy-server=http://127.0.0.1:${sluice.port}`,
        // No name resolves in the browser: every page must arrive through the proxy.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
        '--lang=ko-KR',
      ],
      timeout: 30_000,
    })
    context = await browser.newContext({ locale: 'ko-KR', ignoreHTTPSErrors: false })
  })

  after(async () => {
    await context?.close()
    await browser?.close()
    await sluice?.close()
    await site?.close()
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  })

  test('https://chat.deepseek.com shows the notice page (screenshot kept)', async () => {
    const page = await context.newPage()
    try {
      const response = await page.goto('https://chat.deepseek.com/', { waitUntil: 'load', timeout: 20_000 })
      assert.equal(response?.status(), 403)
      const security = await response?.securityDetails()
      assert.match(
        security?.issuer ?? '',
        /Sluice Organisation CA/,
        'the certificate was minted by the org CA',
      )
      assert.equal(security?.subjectName, 'chat.deepseek.com')
      const text = (await page.locator('body').textContent()) ?? ''
      assert.match(text, /접속 제한|이 AI 서비스 접속이 제한되었습니다/)
      assert.match(text, /T-china/)
      assert.match(text, /chat\.deepseek\.com/)
      assert.ok(await page.getByText('이 AI 서비스 접속이 제한되었습니다').isVisible())
      await mkdir(join(repoRoot, 'test-artifacts'), { recursive: true })
      await page.screenshot({ path: join(repoRoot, 'test-artifacts', 'notice.png'), fullPage: true })
    } finally {
      await page.close()
    }
  })

  test('an allowed AI web app loads, and its form POST carrying an RRN is blocked with the notice', async () => {
    const page = await context.newPage()
    try {
      const url = `https://chatgpt.com:${site.httpsPort}/`
      const response = await page.goto(url, { waitUntil: 'load', timeout: 20_000 })
      assert.equal(response?.status(), 200)
      assert.equal(await page.locator('h1').textContent(), 'Stand-in site')
      assert.ok(site.received.some((q) => q.scheme === 'https' && q.method === 'GET' && q.url === '/'))
      const posts = site.received.filter((q) => q.method === 'POST').length
      await page
        .locator('textarea[name=prompt]')
        .fill(`제 주민등록번호는 ${rrn} 입니다. 이걸로 서류를 작성해 주세요.`)
      const [answer] = await Promise.all([
        page.waitForNavigation({ waitUntil: 'load', timeout: 20_000 }),
        page.locator('button[type=submit]').click(),
      ])
      assert.equal(answer?.status(), 403)
      const text = (await page.locator('body').textContent()) ?? ''
      assert.match(text, /이 AI 서비스 접속이 제한되었습니다|접속 제한/)
      assert.match(text, /T-rrn-chatgpt/)
      assert.ok(!text.includes(rrn), 'the notice does not repeat the number')
      assert.equal(
        site.received.filter((q) => q.method === 'POST').length,
        posts,
        'the POST never reached the site',
      )
    } finally {
      await page.close()
    }
  })
})
