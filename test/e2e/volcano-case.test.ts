// The PIPC's DeepSeek case as a test: prompts with personal data to DeepSeek are blocked without a
// basis; after a suspension directive no transfer reaches Volcano Engine; a deletion directive over a
// time range destroys the vault's copies, the ledger still verifies, the evidence bundle verifies, and
// a tampered copy of it fails.
import assert from 'node:assert/strict'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { hashApiKey } from '../../src/core/policy/api-key-hash.ts'
import { type RunningSluice, serveSluice } from '../../src/main.ts'
import { type StandInUpstream, startStandInUpstream } from '../support/stand-in-upstream.ts'
import { runSluice } from './run-sluice.ts'

const key = 'sk-sluice-corp-choi-0123456789'
const chain = [
  'Hangzhou DeepSeek Artificial Intelligence Co., Ltd.',
  'Beijing DeepSeek',
  'Volcano Engine',
  'Shumei Technology',
  'Intercom',
]

function config(provider: string, dataDir: string, bases: boolean): string {
  const onFile = chain
    .map(
      (r) =>
        `    - { tenant: corp, recipient: '${r}', basis: KR_PIPA_28_8_1_2, reference: 'Test treaty art. 7' }`,
    )
    .join('\n')
  return `
server: { host: 127.0.0.1, port: 0, dataDir: ${JSON.stringify(dataDir)} }
upstreams:
  deepseek: { kind: openai-compatible, baseUrl: '${provider}/v1', apiKey: held-key, service: deepseek }
models: [{ match: 'deepseek-*', upstream: deepseek }]
tenants:
  corp: { name: Example Corp, policy: { default: { action: allow } } }
keys: [{ hash: '${hashApiKey(key)}', tenant: corp, user: choi }]
vault: { enabled: true }
${bases ? `transfers:\n  bases:\n${onFile}` : ''}
`
}

describe('the Volcano Engine case', () => {
  let dir: string
  let dataDir: string
  let configFile: string
  let provider: StandInUpstream
  let sluice: RunningSluice
  const logs: string[] = []
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-volcano-'))
    dataDir = join(dir, 'data')
    configFile = join(dir, 'sluice.yaml')
    provider = await startStandInUpstream()
    await writeFile(configFile, config(provider.url, dataDir, false))
    sluice = await serveSluice({
      configFile,
      workers: 1,
      env: {},
      dictionaryFiles: [],
      fingerprintFiles: [],
      log: (line) => logs.push(line),
    })
  })
  after(async () => {
    await sluice?.close()
    await provider?.close()
    await rm(dir, { recursive: true, force: true })
  })

  const ask = async (content: string) => {
    const r = await fetch(`${sluice.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'deepseek-chat', messages: [{ role: 'user', content }] }),
    })
    return { status: r.status, body: (await r.json()) as { error?: { type?: string; rule?: string } } }
  }
  const prompt = '고객 연락처 choi.minji@example.co.kr 로 안내문을 보내는 초안을 써 줘'
  const sent = () => provider.requests.filter((r) => r.method === 'POST').length

  it('runs the whole case', async () => {
    // 1. Personal data to DeepSeek's recipients abroad, no basis on file: blocked, nothing sent.
    const first = await ask(prompt)
    assert.equal(first.status, 403)
    assert.match(String(first.body.error?.type), /sluice_consent_required|sluice_policy_block/)
    assert.equal(sent(), 0)

    // 2. The company records a basis for every recipient in the chain: the prompt goes, kept in the vault.
    const since = new Date(Date.now() - 60_000).toISOString()
    await writeFile(configFile, config(provider.url, dataDir, true))
    for (let i = 0; i < 50 && !logs.some((l) => l.includes('config reloaded')); i++) await sleep(100)
    assert.equal((await ask(prompt)).status, 200)
    assert.equal(sent(), 1)

    // 3. The regulator suspends transfers to Volcano Engine; within a second no transfer passes.
    const issued = await runSluice(dir, [
      'directive',
      'issue',
      '--kind',
      'suspend-transfers',
      '--recipient',
      'Volcano Engine',
      '--from',
      since,
      '--order',
      'PIPC 2025-04 DeepSeek',
      '--basis',
      'PIPA Art. 28-9',
      '--by',
      'CPO kim',
      '--data',
      dataDir,
    ])
    assert.equal(issued.code, 0, issued.stderr)
    await sleep(1100)
    const suspended = await ask(prompt)
    assert.equal(suspended.status, 403)
    assert.match(String(suspended.body.error?.rule), /^directive:/)
    assert.equal(sent(), 1, 'nothing more reached the recipients')

    // 4. Delete what was sent to Volcano Engine in the range: the vault's copies are destroyed.
    const until = new Date(Date.now() + 60_000).toISOString()
    const deleted = await runSluice(dir, [
      'directive',
      'delete-data',
      '--recipient',
      'Volcano Engine',
      '--from',
      since,
      '--to',
      until,
      '--order',
      'PIPC 2025-04 DeepSeek (delete)',
      '--by',
      'CPO kim',
      '--data',
      dataDir,
      '--out',
      join(dir, 'deletion-request.txt'),
    ])
    assert.equal(deleted.code, 0, deleted.stderr)
    // Every copy of the one prompt that reached Volcano Engine (one per recipient of that request).
    assert.match(deleted.stdout, /vault: [1-9]\d* contents erased/, deleted.stdout)
    assert.match(deleted.stdout, /1 transfer records listed/, deleted.stdout)
    assert.match(await readFile(join(dir, 'deletion-request.txt'), 'utf8'), /Volcano Engine/)

    // 5. The chain still verifies, with its signed checkpoints.
    const verified = await runSluice(dir, ['ledger', 'verify', '--data', dataDir])
    assert.equal(verified.code, 0, verified.stdout + verified.stderr)

    // An investigator's question: what went to Volcano Engine? The one transfer, by metadata.
    const asked = await runSluice(dir, [
      'ledger',
      'query',
      '--recipient',
      'Volcano Engine',
      '--data',
      dataDir,
      '--json',
    ])
    assert.equal(asked.code, 0, asked.stderr)
    const found = asked.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { entry: { kind: string; action?: string } })
    assert.ok(
      found.some((r) => r.entry.kind === 'decision' && r.entry.action === 'allow'),
      asked.stdout,
    )

    // An access request from the user: every record about choi of corp, found by name.
    const mine = await runSluice(dir, [
      'ledger',
      'query',
      '--tenant',
      'corp',
      '--user',
      'choi',
      '--data',
      dataDir,
      '--json',
    ])
    assert.equal(mine.code, 0, mine.stderr)
    assert.equal(mine.stdout.trim().split('\n').length, 3, mine.stdout)

    // 6. The evidence bundle for Volcano Engine verifies offline; a tampered copy does not.
    const bundle = join(dir, 'bundle')
    const exported = await runSluice(dir, [
      'ledger',
      'export',
      '--data',
      dataDir,
      '--out',
      bundle,
      '--recipient',
      'Volcano Engine',
    ])
    assert.equal(exported.code, 0, exported.stderr)
    const ok = await runSluice(dir, ['evidence', 'verify', bundle])
    assert.equal(ok.code, 0, ok.stdout + ok.stderr)
    const tampered = join(dir, 'tampered')
    await cp(bundle, tampered, { recursive: true })
    const records = join(tampered, 'records.jsonl')
    const text = await readFile(records, 'utf8')
    assert.ok(text.includes('corp'), 'the bundle holds the company records')
    // The orders and the erasure are part of the evidence, as is the deletion request sent.
    assert.match(text, /"kind":"erasure"/)
    assert.match(await readFile(join(bundle, 'directives.json'), 'utf8'), /PIPC 2025-04 DeepSeek/)
    assert.match(await readFile(join(bundle, 'deletion-requests.json'), 'utf8'), /Volcano Engine/)
    await writeFile(records, text.replace('"corp"', '"c0rp"'))
    const bad = await runSluice(dir, ['evidence', 'verify', tampered])
    assert.notEqual(bad.code, 0)
    assert.match(bad.stdout + bad.stderr, /records\.jsonl/)
  })
})
