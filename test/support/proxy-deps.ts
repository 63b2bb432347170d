// Real proxy use-case dependencies for tests: the built-in catalog, a parsed sluice.yaml, the real
// detection engine and a recorder that keeps entries after checking them with the ledger's shape check.
import { loadBuiltinCatalog } from '../../src/adapters/catalog/load-builtin-catalog.ts'
import type { GatewayTelemetry } from '../../src/app/gateway/gateway-ports.ts'
import type { WebDeps } from '../../src/app/proxy/decide-web-request.ts'
import { buildGatewaySetup } from '../../src/compose/gateway-setup.ts'
import { parseConfig } from '../../src/config/parse-config.ts'
import { proxySettingsFrom } from '../../src/config/proxy-settings.ts'
import { createCatalog } from '../../src/core/catalog/catalog.ts'
import { createDetectionEngine } from '../../src/core/detection/create-engine.ts'
import { createDefaultDetectors } from '../../src/core/detectors/index.ts'
import { type DecisionEntry, entryProblem } from '../../src/core/ledger/ledger-record.ts'
import { hashApiKey } from '../../src/core/policy/api-key-hash.ts'

/** The virtual key of proxy user kim (tenant mofa). */
export const proxyTestKey = 'sk-sluice-proxy-kim-0123456789'

/** A tenant whose rules cover each action, an office zone on loopback, and `proxyYaml` as the proxy section. */
export function proxyTestConfig(
  proxyYaml = '',
  zoneYaml = '  - { id: office, cidrs: [127.0.0.0/8], tenant: mofa, keyless: true }',
): string {
  return `
inspection: { minScore: 0.5 }
upstreams:
  internal: { kind: openai-compatible, baseUrl: 'http://127.0.0.1:9/v1' }
tenants:
  mofa:
    name: 외교부 (Ministry of Foreign Affairs, test)
    contact: 정보보안팀 security@mofa.example / 02-2100-0000
    policy:
      rules:
        - id: T-china
          when: { destinationCountries: [CN] }
          action: block
          notice: { ko: '중국 소재 수신자에게는 보낼 수 없습니다', en: 'Services with recipients in China are blocked' }
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
          when: { types: [PERSON] }
          action: pseudonymise
        - id: T-files
          when: { content: [files] }
          action: block
          notice: { ko: '파일은 올릴 수 없습니다', en: 'Files may not be uploaded' }
      default: { action: allow }
keys:
  - { hash: '${hashApiKey(proxyTestKey)}', tenant: mofa, user: kim, groups: [staff] }
zones:
${zoneYaml}
${proxyYaml}
`
}

/** Use-case dependencies plus what they recorded. */
export interface ProxyTestDeps {
  readonly deps: WebDeps
  readonly records: DecisionEntry[]
  readonly decisions: string[]
}

const engine = createDetectionEngine(createDefaultDetectors())

/** Builds real dependencies from {@link proxyTestConfig} text. */
export async function proxyTestDeps(configText = proxyTestConfig()): Promise<ProxyTestDeps> {
  const config = parseConfig(configText)
  const catalog = createCatalog(await loadBuiltinCatalog())
  const setup = buildGatewaySetup(config, catalog, {})
  const settings = proxySettingsFrom(config)
  const records: DecisionEntry[] = []
  const decisions: string[] = []
  const telemetry: GatewayTelemetry = {
    decision: (action, rule) => decisions.push(`${action}:${rule}`),
    detections: () => {},
    inspection: () => {},
    upstreamError: () => {},
  }
  const deps: WebDeps = {
    setup: () => setup,
    proxy: () => settings,
    engine,
    recorder: {
      record: async (entry) => {
        const problem = entryProblem(entry)
        if (problem !== undefined) throw new Error(`ledger would refuse the entry: ${problem}`)
        records.push(entry as DecisionEntry)
      },
    },
    telemetry,
    hashKey: new Uint8Array(32).fill(7),
    clock: { now: () => new Date('2026-11-24T06:00:00.000Z'), monotonicMs: () => performance.now() },
  }
  return { deps, records, decisions }
}
