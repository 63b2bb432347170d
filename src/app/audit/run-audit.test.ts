import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { gzipSync } from 'node:zlib'
import { loadBuiltinCatalog } from '../../adapters/catalog/load-builtin-catalog.ts'
import { createIpDataLookup } from '../../adapters/ip-data/ip-data-lookup.ts'
import type { AuditFlow, AuditWarning } from '../../core/audit/flow.ts'
import { parseIndicators } from '../../core/audit/indicators.ts'
import { createRecipientRegistry } from '../../core/audit/recipient-registry.ts'
import { createCatalog } from '../../core/catalog/catalog.ts'
import { createDetectionEngine } from '../../core/detection/create-engine.ts'
import { createDefaultDetectors } from '../../core/detectors/index.ts'
import type { CaptureReader } from './audit-ports.ts'
import { runAudit } from './run-audit.ts'

// An in-memory capture reader: the port's contract (flows with ids `${index}:${n}`, warnings, a
// manifest row) without files, so the use case is tested on flows the test controls exactly.
function memoryReader(
  captures: Record<string, { flows: Omit<AuditFlow, 'id' | 'source'>[]; warnings?: string[] }>,
): CaptureReader {
  return {
    async readCapture(file, sink, { sourceIndex, onProgress }) {
      const capture = captures[file]
      if (capture === undefined) throw new Error(`no capture ${file}`)
      for (const [n, f] of capture.flows.entries())
        sink.flow({ id: `${sourceIndex}:${n}`, source: sourceIndex, ...f })
      for (const w of capture.warnings ?? [])
        sink.warn({ source: sourceIndex, where: 'packet 9', message: w })
      onProgress?.(100)
      return { file, format: 'pcap', sha256: 'a'.repeat(64), bytes: 100 }
    },
  }
}

const registry = createRecipientRegistry(
  JSON.parse(readFileSync(new URL('../../../catalog/recipients-registry.json', import.meta.url), 'utf8')),
)
const base = async (reader: CaptureReader) => ({
  reader,
  ipLookup: createIpDataLookup(),
  catalog: createCatalog(await loadBuiltinCatalog()),
  registry,
  engine: createDetectionEngine(createDefaultDetectors()),
  now: () => new Date('2026-11-24T00:00:00Z'),
  version: 'test',
  randomKey: () => new Uint8Array(32).fill(7),
})
const enc = (s: string) => new TextEncoder().encode(s)

test('gzip bodies are read, bombs are warned about, TLS flows count as metadata, IP-only destinations get their ASN owner', async () => {
  const reader = memoryReader({
    'a.pcap': {
      flows: [
        {
          time: '2026-11-20T10:00:00Z',
          host: 'log.snssdk.com',
          serverIp: '71.18.1.1',
          method: 'POST',
          url: 'http://log.snssdk.com/service/2/device_register/',
          requestBody: gzipSync(
            enc(
              JSON.stringify({
                header: { idfa: 'AEBE52E7-03EE-455A-B3C4-E57283966239', os_version: '17.2' },
              }),
            ),
          ),
          requestContentEncoding: 'gzip',
          requestContentType: 'application/json',
          encrypted: false,
        },
        {
          time: '2026-11-20T10:00:01Z',
          host: 'bomb.example',
          serverIp: '8.8.8.8',
          method: 'POST',
          url: 'http://bomb.example/',
          requestBody: gzipSync(Buffer.alloc(4 * 1024 * 1024)),
          requestContentEncoding: 'gzip',
          encrypted: false,
        },
        {
          time: '2026-11-20T10:00:02Z',
          host: 'chat.deepseek.com',
          hostEvidence: 'sni',
          serverIp: '1.1.1.1',
          scheme: 'tls',
          encrypted: true,
          bytesSent: 900,
        },
        {
          time: '2026-11-20T10:00:03Z',
          serverIp: '14.103.2.10',
          method: 'POST',
          url: 'http://14.103.2.10/x',
          requestBody: enc('imei=356938035643809'),
          encrypted: false,
        },
        { time: '2026-11-20T10:00:04Z', scheme: 'dns', encrypted: false },
      ],
      warnings: ['TCP gap of 1200 bytes'],
    },
  })
  const progress: number[] = []
  const report = await runAudit(await base(reader), {
    captures: ['a.pcap'],
    indicators: parseIndicators({ indicators: [{ name: 'phone', kind: 'imei', value: '356938035643809' }] }),
    maxDecodedBytes: 1024 * 1024,
    onProgress: (_i, n) => progress.push(n),
  })
  assert.deepEqual(progress, [100])
  assert.equal(report.summary.flows, 5)
  const idfa = report.findings.find((f) => f.rule === 'device field idfa')
  assert.equal(idfa?.where, 'body → gzip → JSON $.header.idfa')
  assert.equal(idfa?.destinationId, 'dest:log.snssdk.com')
  assert.equal(idfa?.disclosed, undefined, 'no disclosures file: status unknown')
  const snssdk = report.destinations.find((d) => d.id === 'dest:log.snssdk.com')
  assert.equal(snssdk?.entity?.name, 'ByteDance Ltd.')
  assert.equal(snssdk?.entity?.country, 'KY')
  assert.equal(snssdk?.entity?.headquarters, 'CN')
  assert.deepEqual(
    snssdk?.asns.map((a) => a.asn),
    [396986],
  )
  assert.equal(snssdk?.domain, undefined, 'no registrableDomain function given')
  assert.ok(
    report.warnings.some((w) => w.where === 'flow 0:1' && /expands beyond 1048576 bytes/.test(w.message)),
  )
  assert.ok(report.warnings.some((w) => w.message === 'TCP gap of 1200 bytes'))
  const tls = report.destinations.find((d) => d.id === 'dest:chat.deepseek.com')
  assert.deepEqual([tls?.encryptedFlows, tls?.bytesSent, tls?.hostEvidence], [1, 900, ['sni']])
  assert.equal(report.summary.encryptedFlows, 1)
  const bare = report.destinations.find((d) => d.id === 'dest:14.103.2.10')
  assert.equal(bare?.entity?.via, 'registry-asn')
  assert.equal(bare?.entity?.name, 'Beijing Volcano Engine Technology Co., Ltd.')
  const imei = report.findings.find((f) => f.indicator === 'phone')
  assert.equal(imei?.destinationId, 'dest:14.103.2.10')
  assert.equal(imei?.where, 'body → form imei')
  assert.equal(imei?.excerpt, 'form imei: 35•••••••••••• (15 chars)')
  assert.ok(!report.destinations.some((d) => d.id === 'dest:unknown'), 'DNS flows are not destinations')
})

test('ledger export flows become confirmed findings; ids are stable and ordered by time', async () => {
  const reader = memoryReader({
    'ledger.jsonl': {
      flows: [
        {
          time: '2026-11-20T09:00:00Z',
          host: 'api.openai.com',
          encrypted: true,
          ledger: {
            requestId: 'r1',
            direction: 'request',
            recipients: [],
            countries: ['US'],
            categories: ['personal_identifier', 'nonsense'],
            action: 'redact',
            rule: 'r',
          },
        },
      ],
    },
  })
  const report = await runAudit(await base(reader), { captures: ['ledger.jsonl'] })
  assert.deepEqual(
    report.findings.map((f) => [f.id, f.how, f.category, f.confidence]),
    [['0:0/1', 'ledger', 'personal_identifier', 'confirmed']],
  )
  assert.equal(report.destinations[0]?.entity?.name, 'OpenAI OpCo, LLC')
})

test('one failing flow is a warning, not a failed audit', async () => {
  const warnings: AuditWarning[] = []
  const reader: CaptureReader = {
    async readCapture(file, sink, { sourceIndex }) {
      // A flow whose headers are not pairs: the analysis throws on it.
      sink.flow({
        id: '0:0',
        source: sourceIndex,
        host: 'x.example',
        requestHeaders: 'xy' as unknown as [string, string][],
        encrypted: false,
      })
      sink.flow({
        id: '0:1',
        source: sourceIndex,
        host: 'y.example',
        url: 'http://y.example/?android_id=abcdef12',
        encrypted: false,
      })
      return { file, format: 'har', sha256: 'b'.repeat(64), bytes: 1 }
    },
  }
  const report = await runAudit(await base(reader), { captures: ['x.har'] })
  warnings.push(...report.warnings)
  assert.equal(warnings.length, 1)
  assert.match(warnings[0]?.message ?? '', /^analysis failed/)
  assert.ok(report.findings.some((f) => f.rule === 'device field android_id'))
})

test('evidence is capped per kind; omitted findings still count in the summary and matrix', async () => {
  const flows = Array.from({ length: 10 }, (_, i) => ({
    time: `2026-11-20T10:00:${String(i).padStart(2, '0')}Z`,
    host: 'gator.volces.com',
    url: `http://gator.volces.com/log?imei=356938035643809&n=${i}`,
    encrypted: false,
  }))
  const report = await runAudit(await base(memoryReader({ 'a.har': { flows } })), {
    captures: ['a.har'],
    maxEvidencePerKind: 3,
    disclosures: { recipients: [], consent: [] },
  })
  const structural = report.findings.filter((f) => f.rule === 'device field imei')
  assert.deepEqual(
    structural.map((f) => f.flowId),
    ['0:0', '0:1', '0:2'],
  )
  const row = report.matrix.find((r) => r.category === 'device_information')
  assert.equal(row?.findings, 20, 'structural + pattern findings of all 10 flows')
  assert.equal(row?.undisclosed, 20)
  assert.equal(report.summary.findings, 20)
  assert.equal(report.findings.length, 6)
  assert.deepEqual(report.omitted, [
    {
      destinationId: 'dest:gator.volces.com',
      category: 'device_information',
      findings: 14,
      confirmed: 7,
      undisclosed: 14,
      beforeConsent: 14,
    },
  ])
})
