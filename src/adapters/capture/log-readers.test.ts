import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import {
  buildSquidLog,
  type HttpExchange,
  httpResponseBytes,
  type SyntheticExchange,
} from '../../../test/support/capture-fixtures.ts'
import { readCaptureBytes } from '../../../test/support/read-capture-bytes.ts'
import type { AuditFlow } from '../../core/audit/flow.ts'
import { canonicalJson } from '../../core/ledger/canonical-json.ts'
import { recordLine } from '../../core/ledger/evidence-bundle.ts'
import type { DecisionEntry } from '../../core/ledger/ledger-record.ts'
import { readCapture } from './read-capture.ts'

const exchanges: SyntheticExchange[] = [
  {
    kind: 'http',
    time: '2026-05-01T09:00:00Z',
    clientIp: '10.0.0.7',
    serverIp: '203.0.113.9',
    host: 'collect.tracker.example',
    method: 'GET',
    path: '/px?imei=490154203237518',
    requestHeaders: [
      ['User-Agent', 'App/1.0 (Android 14)'],
      ['Referer', 'http://app.example/'],
    ],
    responseHeaders: [['Content-Type', 'image/gif']],
    responseBody: 'GIF89a',
  },
  {
    kind: 'tls',
    time: '2026-05-01T09:00:01Z',
    clientIp: '10.0.0.7',
    serverIp: '14.103.2.10',
    sni: 'ark.cn-beijing.volces.com',
    bytesReceived: 4321,
  },
  { kind: 'tls', time: '2026-05-01T09:00:02Z', clientIp: '10.0.0.7', serverIp: '198.51.100.3' },
]

const project = (f: AuditFlow) => [
  f.time,
  f.method,
  f.host,
  f.hostEvidence,
  f.url,
  f.status,
  f.bytesReceived,
  f.encrypted,
  f.serverIp,
]

describe('Squid access log reader', () => {
  it('reads the native format: start time, client, status, bytes, method, URL, peer IP, type; CONNECT as encrypted', async () => {
    const { source, flows, warnings } = await readCaptureBytes(buildSquidLog(exchanges), 'access.log')
    assert.equal(source.format, 'squid')
    assert.deepEqual(warnings, [])
    assert.deepEqual(flows.map(project), [
      [
        '2026-05-01T09:00:00.000Z',
        'GET',
        'collect.tracker.example',
        'log',
        'http://collect.tracker.example/px?imei=490154203237518',
        200,
        httpResponseBytes(exchanges[0] as HttpExchange).length,
        false,
        '203.0.113.9',
      ],
      [
        '2026-05-01T09:00:01.000Z',
        'CONNECT',
        'ark.cn-beijing.volces.com',
        'log',
        undefined,
        200,
        4321,
        true,
        '14.103.2.10',
      ],
      [
        '2026-05-01T09:00:02.000Z',
        'CONNECT',
        undefined,
        undefined,
        undefined,
        200,
        1500,
        true,
        '198.51.100.3',
      ],
    ])
    assert.equal(flows[0]?.responseContentType, 'image/gif')
    assert.equal(flows[0]?.clientIp, '10.0.0.7')
    assert.equal(flows[0]?.requestBody, undefined)
    assert.equal(flows[1]?.serverPort, 443)
  })

  it('reads the common and combined formats (combined: Referer and User-Agent)', async () => {
    const common = await readCaptureBytes(buildSquidLog(exchanges, { format: 'common' }), 'common.log')
    const combined = await readCaptureBytes(buildSquidLog(exchanges, { format: 'combined' }), 'combined.log')
    for (const r of [common, combined]) {
      assert.equal(r.source.format, 'squid')
      assert.deepEqual(r.warnings, [])
      assert.deepEqual(
        r.flows.map((f) => [f.time, f.method, f.host ?? f.serverIp, f.status]),
        [
          ['2026-05-01T09:00:00.000Z', 'GET', 'collect.tracker.example', 200],
          ['2026-05-01T09:00:01.000Z', 'CONNECT', 'ark.cn-beijing.volces.com', 200],
          ['2026-05-01T09:00:02.000Z', 'CONNECT', '198.51.100.3', 200],
        ],
      )
    }
    assert.deepEqual(combined.flows[0]?.requestHeaders, [
      ['Referer', 'http://app.example/'],
      ['User-Agent', 'App/1.0 (Android 14)'],
    ])
    assert.equal(common.flows[0]?.requestHeaders, undefined)
    // A time zone other than UTC.
    const zoned = await readCaptureBytes(
      '10.0.0.1 - - [01/May/2026:18:00:00 +0900] "GET http://a.example/ HTTP/1.1" 200 5\n',
      'z.log',
    )
    assert.equal(zoned.flows[0]?.time, '2026-05-01T09:00:00.000Z')
  })

  it('skips and reports lines it cannot read', async () => {
    const log = `${buildSquidLog(exchanges)}garbage line here\nmore garbage\n`
    const { flows, warnings } = await readCaptureBytes(log, 'x.log')
    assert.equal(flows.length, 3)
    assert.equal(warnings[0]?.where, 'line 4')
    assert.match(warnings[1]?.message ?? '', /2 lines could not be read \(first: line 4\)/)
  })
})

function stored(seq: number, entry: DecisionEntry | Record<string, unknown>): string {
  const hash = seq.toString(16).padStart(64, '0')
  return recordLine({
    seq,
    prevHash: (seq - 1).toString(16).padStart(64, '0'),
    hash,
    entryJson: canonicalJson(entry),
  })
}

const decision: DecisionEntry = {
  kind: 'decision',
  time: '2026-06-01T12:00:00.000Z',
  requestId: 'req-1',
  tenant: 'acme',
  subject: 'k1',
  service: 'deepseek',
  upstream: 'https://api.deepseek.com/v1/chat/completions',
  direction: 'request',
  recipients: [{ name: 'Hangzhou DeepSeek', country: 'CN' }],
  countries: ['CN'],
  categories: ['personal-identifier'],
  typeCounts: { KR_RRN: 1 },
  action: 'redact',
  rule: 'r1',
}

describe('Sluice ledger export reader', () => {
  it('turns decision records of records.jsonl into flows with the ledger facts', async () => {
    const lines = [
      stored(1, decision),
      stored(2, {
        ...decision,
        requestId: 'req-2',
        direction: 'response',
        host: 'Chat.DeepSeek.com',
        channel: 'proxy',
      }),
      stored(3, {
        kind: 'directive',
        time: '2026-06-01T12:01:00.000Z',
        action: 'issue',
        directiveId: 'd1',
        directiveKind: 'block-service',
        orderRef: 'x',
        by: 'admin',
      }),
    ]
    const { source, flows, warnings } = await readCaptureBytes(`${lines.join('\n')}\n`, 'records.jsonl')
    assert.equal(source.format, 'sluice-ledger')
    assert.deepEqual(warnings, [])
    assert.equal(flows.length, 2)
    assert.equal(flows[0]?.host, 'api.deepseek.com')
    assert.equal(flows[0]?.url, 'https://api.deepseek.com/v1/chat/completions')
    assert.equal(flows[0]?.time, '2026-06-01T12:00:00.000Z')
    assert.deepEqual(flows[0]?.ledger, {
      seq: 1,
      requestId: 'req-1',
      direction: 'request',
      service: 'deepseek',
      recipients: [{ name: 'Hangzhou DeepSeek', country: 'CN' }],
      countries: ['CN'],
      categories: ['personal-identifier'],
      action: 'redact',
      rule: 'r1',
    })
    assert.equal(flows[1]?.host, 'chat.deepseek.com')
    assert.equal(flows[1]?.ledger?.direction, 'response')
  })

  it('reads plain entries per line, a bundle directory, and warns about invalid lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-bundle-'))
    try {
      writeFileSync(
        join(dir, 'records.jsonl'),
        `${JSON.stringify(decision)}\n{not json}\n${JSON.stringify({ ...decision, countries: ['china'] })}\n`,
      )
      const flows: AuditFlow[] = []
      const warnings: { where: string; message: string }[] = []
      const source = await readCapture(
        dir,
        { flow: (f) => flows.push(f), warn: (w) => warnings.push(w) },
        { source: 2 },
      )
      assert.equal(source.file, join(dir, 'records.jsonl'))
      assert.equal(source.format, 'sluice-ledger')
      assert.equal(flows.length, 1)
      assert.equal(flows[0]?.id, '2:0')
      assert.equal(flows[0]?.source, 2)
      assert.deepEqual(
        warnings.map((w) => w.where),
        ['line 2', 'line 3'],
      )
      assert.match(warnings[1]?.message ?? '', /countries \[0\] must be an ISO 3166 alpha-2 code/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
