// Starts Sluice in this process in front of stand-in providers, with a test tenant whose rules cover
// each action. Only the AI providers are stood in; Sluice, its SQLite ledger and the SDKs are real.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ledgerFileIn, openSqliteLedger } from '../../src/adapters/ledger-sqlite/open-sqlite-ledger.ts'
import type { DecisionEntry, LedgerRecord } from '../../src/core/ledger/ledger-record.ts'
import { hashApiKey } from '../../src/core/policy/api-key-hash.ts'
import { type RunningSluice, serveSluice } from '../../src/main.ts'
import { type StandInUpstream, startStandInUpstream } from '../support/stand-in-upstream.ts'

/** The virtual key of the test user (tenant mofa, user kim, group staff). */
export const testKey = 'sk-sluice-test-kim-0123456789'

/** A running Sluice with its stand-ins. */
export interface GatewayHarness {
  readonly sluice: RunningSluice
  readonly provider: StandInUpstream
  readonly internal: StandInUpstream
  readonly dir: string
  readonly configFile: string
  readonly logs: string[]
  /** The decision records (other kinds left out). */
  ledger(): Promise<readonly (LedgerRecord & { readonly entry: DecisionEntry })[]>
  /** Every record, whatever its kind. */
  records(): Promise<readonly LedgerRecord[]>
  close(): Promise<void>
}

/** The test configuration; `inspection` is YAML appended to the inspection section (failMode defaults to closed). */
export function testConfig(
  provider: string,
  internal: string,
  dataDir: string,
  inspection = '',
  transfers = '',
): string {
  return `
server: { host: 127.0.0.1, port: 0, dataDir: ${JSON.stringify(dataDir)} }
inspection:
  minScore: 0.5
  responses: true
${inspection}
upstreams:
  openai: { kind: openai, baseUrl: '${provider}/v1', apiKey: held-openai-key, service: openai-api }
  anthropic: { kind: anthropic, baseUrl: '${provider}', apiKey: held-anthropic-key, service: anthropic-api }
  deepseek: { kind: openai-compatible, baseUrl: '${provider}/v1', apiKey: held-deepseek-key, service: deepseek }
  internal: { kind: openai-compatible, baseUrl: '${internal}/v1', service: ministry-llm, model: local-llama }
  byok: { kind: openai, baseUrl: '${provider}/v1', keyMode: passthrough, service: openai-api }
catalog:
  add:
    - id: ministry-llm
      name: Ministry in-house model
      operator: Ministry IT centre
      operatorCountry: KR
      tier: internal
      reviewedAt: '2026-11-01'
      sources: ['internal deployment record']
models:
  - { match: 'gpt-*', upstream: openai }
  - { match: 'text-embedding-*', upstream: openai }
  - { match: 'claude-*', upstream: anthropic }
  - { match: 'deepseek-*', upstream: deepseek }
  - { match: 'byok-*', upstream: byok }
tenants:
  mofa:
    name: Ministry of Foreign Affairs (test)
    policy:
      rules:
        - id: T-china
          when: { destinationCountries: [CN] }
          action: block
          notice: { ko: '중국 소재 수신자에게는 보낼 수 없습니다', en: 'Services with recipients in China are blocked' }
        - id: T-media
          when: { content: [images, audio] }
          action: block
          notice: { ko: '이미지와 음성은 보낼 수 없습니다', en: 'Images and audio may not be sent' }
        - id: T-classified-route
          when: { categories: [classified] }
          action: route
          routeTo: internal
        - id: T-rrn
          when: { types: [KR_RRN] }
          action: redact
          redactMode: tag
        - id: T-email-warn
          when: { types: [EMAIL_ADDRESS] }
          action: warn
          notice: { ko: '이메일 주소가 포함되어 있습니다', en: 'The prompt contains an e-mail address' }
        - id: T-person
          when: { types: [PERSON, PHONE_NUMBER] }
          action: pseudonymise
        - id: T-answer-rrn
          when: { types: [KR_RRN], direction: response }
          action: block
          notice: { ko: '답변에 주민등록번호가 있습니다', en: 'The answer contains a resident registration number' }
      default: { action: allow }
  firm:
    name: A private company (no basis on file)
    policy:
      default: { action: allow }
  other:
    name: Another ministry (its own choice)
    policy:
      preset: kr-ministry
transfers:
${transfers}
  bases:
    # OpenAI's API processes prompts on the ministry's behalf, disclosed in its privacy policy (28-8(1)3).
    - { tenant: mofa, recipient: 'OpenAI (US); entity not confirmed in this pass', basis: KR_PIPA_28_8_1_3, reference: 'DPA 2026-017', privacyPolicyVersion: '2026-03' }
keys:
  - { hash: '${hashApiKey(testKey)}', tenant: mofa, user: kim, groups: [staff] }
  - { hash: '${hashApiKey('sk-sluice-other-lee-0123456789')}', tenant: other, user: lee }
  - { hash: '${hashApiKey('sk-sluice-firm-park-0123456789')}', tenant: firm, user: park }
`
}

/** Starts the stand-ins and Sluice (one process) with {@link testConfig}. */
export async function startGatewayHarness(
  options: { readonly inspection?: string; readonly transfers?: string } = {},
): Promise<GatewayHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'sluice-gw-'))
  const provider = await startStandInUpstream()
  const internal = await startStandInUpstream()
  const configFile = join(dir, 'sluice.yaml')
  const dataDir = join(dir, 'data')
  await writeFile(
    configFile,
    testConfig(provider.url, internal.url, dataDir, options.inspection ?? '', options.transfers ?? ''),
  )
  const logs: string[] = []
  let sluice: RunningSluice
  try {
    sluice = await serveSluice({
      configFile,
      workers: 1,
      env: {},
      dictionaryFiles: [],
      fingerprintFiles: [],
      log: (line) => logs.push(line),
    })
  } catch (error) {
    await provider.close()
    await internal.close()
    throw error
  }
  return {
    sluice,
    provider,
    internal,
    dir,
    configFile,
    logs,
    ledger: async () =>
      (await readAll(dataDir)).filter(
        (r): r is LedgerRecord & { readonly entry: DecisionEntry } => r.entry.kind === 'decision',
      ),
    records: () => readAll(dataDir),
    close: async () => {
      await sluice.close()
      await provider.close()
      await internal.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

async function readAll(dataDir: string): Promise<readonly LedgerRecord[]> {
  const store = await openSqliteLedger(ledgerFileIn(dataDir))
  try {
    return await store.read(1, 100_000)
  } finally {
    await store.close()
  }
}
