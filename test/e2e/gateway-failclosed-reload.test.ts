// Inspection faults fail closed (or open, when configured); a changed config is applied without a
// restart, and an invalid one is refused loudly while the running one keeps serving.
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import OpenAI from 'openai'
import { type GatewayHarness, startGatewayHarness, testKey } from './gateway-harness.ts'

// A prompt long enough that scanning it takes longer than a 1 ms inspection budget.
const longPrompt = '회의록 정리: 예산 항목과 일정 검토. '.repeat(60_000)

function clientFor(h: GatewayHarness): OpenAI {
  return new OpenAI({ baseURL: `${h.sluice.url}/v1`, apiKey: testKey, maxRetries: 0 })
}

describe('inspection faults', () => {
  let closed: GatewayHarness
  let open: GatewayHarness
  before(async () => {
    closed = await startGatewayHarness({ inspection: '  timeoutMs: 1\n  maxBodyBytes: 20000000' })
    open = await startGatewayHarness({
      inspection: '  timeoutMs: 1\n  maxBodyBytes: 20000000\n  failMode: open',
    })
  })
  after(async () => {
    await closed?.close()
    await open?.close()
  })

  it('fails closed: 503, nothing sent, the refusal recorded', async () => {
    const error = await clientFor(closed)
      .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: longPrompt }] })
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    assert.ok(error instanceof OpenAI.APIError)
    assert.equal(error.status, 503)
    assert.equal(error.type, 'sluice_inspection_failed')
    assert.equal(closed.provider.requests.length, 0)
    const last = (await closed.ledger()).at(-1)
    assert.equal(last?.entry.action, 'block')
    assert.equal(last?.entry.rule, 'inspection-failed')
  })

  it('fails closed on content it cannot read (embeddings given as token ids)', async () => {
    const error = await clientFor(closed)
      .embeddings.create({ model: 'text-embedding-3-small', input: [[1, 2, 3]] })
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    assert.ok(error instanceof OpenAI.APIError)
    assert.equal(error.status, 503)
    assert.equal(closed.provider.requests.length, 0)
  })

  it('fails open only when the operator configured it', async () => {
    const answer = await clientFor(open).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: longPrompt }],
    })
    assert.ok(answer.choices.length > 0)
    assert.equal(open.provider.requests.filter((r) => r.method === 'POST').length, 1)
  })
})

describe('hot reload', () => {
  let h: GatewayHarness
  before(async () => {
    h = await startGatewayHarness()
  })
  after(() => h.close())

  const askDeepSeek = () =>
    clientFor(h)
      .chat.completions.create({ model: 'deepseek-chat', messages: [{ role: 'user', content: 'hello' }] })
      .then(
        () => 'allowed',
        (e: unknown) => (e instanceof OpenAI.APIError ? `status ${e.status}` : String(e)),
      )

  async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
    for (let i = 0; i < 50; i++) {
      if (await check()) return
      await sleep(100)
    }
    assert.fail(`timed out waiting for ${what}`)
  }

  it('applies a changed policy without a restart', async () => {
    assert.equal(await askDeepSeek(), 'status 403')
    const text = await readFile(h.configFile, 'utf8')
    // The operator replaces the China rule by an allow rule for DeepSeek.
    await writeFile(
      h.configFile,
      text.replace(
        'destinationCountries: [CN] }\n          action: block',
        'services: [deepseek] }\n          action: allow',
      ),
    )
    await waitFor(async () => (await askDeepSeek()) === 'allowed', 'the new policy')
    assert.ok(h.logs.some((l) => l.includes('config reloaded')))
  })

  it('refuses an invalid file loudly and keeps serving the previous config', async () => {
    const before = h.logs.length
    await writeFile(h.configFile, 'tenants: [this is not a mapping\n')
    await waitFor(async () => h.logs.slice(before).some((l) => l.includes('INVALID')), 'the refusal')
    assert.equal(await askDeepSeek(), 'allowed', 'the previous (valid) config is still in force')
  })
})
