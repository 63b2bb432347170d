import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type AuditFinding, buildAuditReport, type ReportParts } from './audit-report.ts'
import { csvCell, renderAuditCsv } from './report-csv.ts'
import { renderFlowDiagram } from './report-diagram.ts'
import { renderAuditHtml } from './report-html.ts'

const finding = (over: Partial<AuditFinding>): AuditFinding => ({
  id: '0:1/1',
  flowId: '0:1',
  destinationId: 'dest:<script>.example',
  time: '2026-11-20T10:00:02Z',
  method: 'POST',
  category: 'prompt_content',
  label: 'prompt content',
  how: 'structural',
  confidence: 'confirmed',
  score: 1,
  where: 'body → JSON $.messages[0].content',
  excerpt: 'content: He•••• (5 chars)',
  valueDigest: '0123456789abcdef',
  disclosed: false,
  beforeConsent: true,
  disclosureNotes: ['not named'],
  ...over,
})

const parts: ReportParts = {
  tool: { name: 'sluice audit', version: 't' },
  generatedAt: '2026-11-24T00:00:00.000Z',
  manifest: [{ file: 'a "quoted" <file>.har', format: 'har', sha256: 'f'.repeat(64), bytes: 10 }],
  datasets: [],
  disclosuresChecked: true,
  indicatorsUsed: [],
  digestKey: 'per-run',
  consent: [{ moment: 'accepted', time: '2026-11-20T10:00:10.000Z' }],
  flows: 3,
  destinations: [
    {
      id: 'dest:<script>.example',
      host: '<script>.example',
      hostEvidence: ['http'],
      ips: ['14.103.2.10'],
      serverCountries: ['CN'],
      asns: [{ asn: 137718, org: 'Volcano' }],
      reserved: [],
      entity: { name: 'Volcano & Co', country: 'CN', aliases: [], via: 'registry-domain', sources: [] },
      flows: 2,
      encryptedFlows: 0,
      bytesSent: 100,
    },
  ],
  findings: [
    finding({ id: '0:10/1', time: '2026-11-20T10:00:03Z' }),
    finding({}),
    finding({
      id: '0:9/1',
      category: 'device_information',
      label: '=HYPERLINK("x")',
      disclosed: true,
      beforeConsent: false,
      time: '2026-11-20T10:00:30Z',
    }),
  ],
  warnings: [{ source: 0, where: 'packet 3', message: 'truncated <packet>' }],
}

test('buildAuditReport: summary, matrix, headlines, timeline in time order', () => {
  const r = buildAuditReport(parts)
  assert.deepEqual(
    r.findings.map((f) => f.id),
    ['0:1/1', '0:10/1', '0:9/1'],
  )
  assert.equal(r.summary.undisclosed, 2)
  assert.equal(r.summary.beforeConsent, 2)
  assert.deepEqual(r.summary.countries, ['CN'])
  assert.deepEqual(r.summary.headlines, [
    'prompt content sent to Volcano & Co (CN) — not disclosed, before consent',
    'device information sent to Volcano & Co (CN)',
  ])
  assert.deepEqual(
    r.timeline.map((t) => [t.kind, t.flagged]),
    [
      ['first-transfer', true],
      ['consent', false],
    ],
  )
})

test('HTML escapes everything from the capture; no scripts; the diagram draws flagged bands red', () => {
  const html = renderAuditHtml(buildAuditReport(parts))
  assert.ok(!html.includes('<script>'))
  assert.ok(html.includes('&lt;script&gt;.example'))
  assert.ok(html.includes('a &quot;quoted&quot; &lt;file&gt;.har'))
  assert.ok(html.includes('truncated &lt;packet&gt;'))
  assert.ok(html.includes('Volcano &amp; Co'))
  const svg = renderFlowDiagram(buildAuditReport(parts).matrix)
  assert.match(svg, /^<svg/)
  assert.match(svg, /stroke="#c0392b"/)
  assert.match(svg, /prompt content → Volcano &amp; Co \(CN\) \(not disclosed\)/)
  assert.equal(renderFlowDiagram([]), '<p>No findings: nothing to draw.</p>')
})

test('CSV quotes and defuses formula cells', () => {
  assert.equal(csvCell('a,b'), '"a,b"')
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`)
  assert.equal(csvCell(['CN', 'US']), 'CN US')
  assert.equal(csvCell(undefined), '')
  const tables = renderAuditCsv(buildAuditReport(parts))
  assert.deepEqual([...tables.keys()], ['findings.csv', 'destinations.csv', 'matrix.csv', 'manifest.csv'])
  assert.match(tables.get('findings.csv') ?? '', /'=HYPERLINK/)
  assert.equal(
    (tables.get('manifest.csv') ?? '').split('\r\n')[1],
    `0,"a ""quoted"" <file>.har",har,10,${'f'.repeat(64)}`,
  )
})
