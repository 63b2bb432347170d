// Separate consent for a transfer abroad (PIPA 28-8(1)1), end to end: the official openai client gets
// `consent_required` with a link, the data subject accepts on the consent page in headless Chromium,
// the retried request passes; a change in the recipients behind the service voids the consent.
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import OpenAI from 'openai'
import { chromium } from 'playwright-core'
import { type GatewayHarness, startGatewayHarness } from './gateway-harness.ts'

const chromiumPath = '/usr/bin/chromium'
const firmKey = 'sk-sluice-firm-park-0123456789'
const question = { role: 'user' as const, content: '회신은 park.jiwoo@example.co.kr 로 보내 주세요' }

describe('consent for a transfer abroad', {
  skip: !existsSync(chromiumPath) && 'Chromium is not installed',
}, () => {
  let h: GatewayHarness
  let client: OpenAI
  before(async () => {
    h = await startGatewayHarness()
    client = new OpenAI({ baseURL: `${h.sluice.url}/v1`, apiKey: firmKey, maxRetries: 0 })
  })
  after(() => h?.close())

  const ask = () =>
    client.chat.completions.create({ model: 'gpt-4o-mini', messages: [question] }).then(
      (answer) => ({ ok: true as const, answer }),
      (error: unknown) => ({ ok: false as const, error }),
    )

  async function consentUrlOf(): Promise<string> {
    const first = await ask()
    assert.ok(!first.ok && first.error instanceof OpenAI.APIError, 'the first request is refused')
    assert.equal(first.error.status, 403)
    assert.equal(first.error.type, 'sluice_consent_required')
    const url = (first.error.error as { consent_url?: string }).consent_url
    assert.ok(url?.startsWith(`${h.sluice.url}/consent/`), String(url))
    return url ?? ''
  }

  async function acceptInBrowser(url: string): Promise<string> {
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
    try {
      const page = await browser.newPage()
      await page.goto(url)
      const notice = await page.textContent('body')
      await Promise.all([page.waitForNavigation(), page.click('button[value=accept]')])
      return `${notice}\n---\n${await page.textContent('body')}`
    } finally {
      await browser.close()
    }
  }

  it('asks for consent, records it, then lets the retried request through', async () => {
    const before = h.provider.requests.length
    const url = await consentUrlOf()
    assert.equal(h.provider.requests.length, before, 'nothing left before consent')
    const pages = await acceptInBrowser(url)
    // The notice names the recipient and its country (PIPA 28-8(2)), and the answer confirms.
    assert.match(pages, /미국|United States|US/)
    assert.match(pages, /OpenAI/)
    assert.match(pages, /Your consent was recorded/)
    const retried = await ask()
    assert.ok(retried.ok, String(!retried.ok && retried.error))
    assert.ok(
      (await h.records()).some((r) => r.entry.kind === 'consent'),
      'the consent is in the ledger',
    )
    const last = (await h.ledger()).at(-1)
    assert.equal(last?.entry.kind, 'decision')
    assert.equal(last?.entry.action, 'allow')
    assert.match(JSON.stringify(last?.entry), /KR_PIPA_28_8_1_1/, 'the transfer names its basis')
  })

  it('voids the consent when the recipients behind the service change', async () => {
    const text = await readFile(h.configFile, 'utf8')
    await writeFile(
      h.configFile,
      text.replace(
        'catalog:\n  add:',
        `catalog:
  override:
    openai-api:
      recipients:
        - { name: 'Example Cloud Ltd', country: IE, role: sub-processor, foundBy: vendor, source: 'test' }
  add:`,
      ),
    )
    for (let i = 0; i < 50 && !h.logs.some((l) => l.includes('config reloaded')); i++) await sleep(100)
    const again = await ask()
    assert.ok(!again.ok && again.error instanceof OpenAI.APIError)
    assert.equal(again.error.type, 'sluice_consent_required')
  })
})

describe('personal data bound abroad without a basis, as the operator chose', () => {
  let redacting: GatewayHarness
  let blocking: GatewayHarness
  before(async () => {
    redacting = await startGatewayHarness({ transfers: '  onMissingBasis: redact' })
    blocking = await startGatewayHarness({ transfers: '  onMissingBasis: block' })
  })
  after(async () => {
    await redacting?.close()
    await blocking?.close()
  })
  const clientOf = (h: GatewayHarness) =>
    new OpenAI({ baseURL: `${h.sluice.url}/v1`, apiKey: firmKey, maxRetries: 0 })

  it('redact: the request goes with the personal data tagged out, and says so in the ledger', async () => {
    await clientOf(redacting).chat.completions.create({ model: 'gpt-4o-mini', messages: [question] })
    const leaving = redacting.provider.requests.at(-1)
    assert.doesNotMatch(leaving?.rawBody ?? '', /park\.jiwoo/)
    assert.match(leaving?.rawBody ?? '', /<EMAIL_ADDRESS>/)
    const last = (await redacting.ledger()).at(-1)
    assert.equal(last?.entry.action, 'redact')
    assert.equal(last?.entry.rule, 'transfer-no-basis-redacted')
  })

  it('block: refused without a consent link', async () => {
    const error = await clientOf(blocking)
      .chat.completions.create({ model: 'gpt-4o-mini', messages: [question] })
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    assert.ok(error instanceof OpenAI.APIError)
    assert.equal(error.status, 403)
    assert.equal(error.type, 'sluice_policy_block')
    assert.equal((error.error as { consent_url?: string }).consent_url, undefined)
    assert.equal(blocking.provider.requests.length, 0)
  })
})
