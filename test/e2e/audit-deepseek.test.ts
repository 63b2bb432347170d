// The flagship audit: a DeepSeek-like app's traffic — chat prompts as JSON to ark.cn-beijing.volces.com
// (an address in a Beijing Volcano Engine range, AS137718), device information to Volcano Engine's
// telemetry host and to AppsFlyer, the account e-mail to DeepSeek — captured as HAR, pcap, pcapng and a
// Squid log, audited through the real CLI wiring. The report must flag prompt content and device
// information going to Volcano Engine (CN), undisclosed, before consent, as the PIPC found in 2025.
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { runAuditCommand } from '../../src/cli/audit-command.ts'
import { openAuditDeps } from '../../src/compose/audit-wiring.ts'
import type { AuditReport } from '../../src/core/audit/audit-report.ts'
import { buildHar, buildPcap, buildSquidLog, type SyntheticExchange } from '../support/capture-fixtures.ts'

const client = '192.168.0.23'
const imei = '356938035643809'
const gaid = '38400000-8cf0-11bd-b23e-10b96e40000d'
const canary = 'purple walrus 4417'
const volcanoEngine = 'Beijing Volcano Engine Technology Co., Ltd.'

const exchanges: SyntheticExchange[] = [
  {
    kind: 'dns',
    time: '2026-11-20T10:00:00.000Z',
    clientIp: client,
    resolverIp: '192.168.0.1',
    name: 'ark.cn-beijing.volces.com',
    answers: [{ type: 'A', value: '14.103.2.10' }],
  },
  {
    kind: 'http',
    time: '2026-11-20T10:00:01.000Z',
    clientIp: client,
    serverIp: '27.54.192.10',
    host: 'gator.volces.com',
    method: 'POST',
    path: `/service/2/app_log/?aid=1128&device_model=SM-S918N&os_version=14&imei=${imei}`,
    requestHeaders: [['Content-Type', 'application/json']],
    requestBody: JSON.stringify({
      header: { device_id: '7412345678901234567', carrier: 'SKTelecom', advertising_id: gaid, os: 'Android' },
      events: [{ event: 'app_launch' }],
    }),
    responseHeaders: [['Content-Type', 'application/json']],
    responseBody: '{"e":0}',
  },
  {
    kind: 'http',
    time: '2026-11-20T10:00:02.000Z',
    clientIp: client,
    serverIp: '14.103.2.10',
    host: 'ark.cn-beijing.volces.com',
    method: 'POST',
    path: '/api/v3/chat/completions',
    requestHeaders: [['Content-Type', 'application/json']],
    requestBody: JSON.stringify({
      model: 'deepseek-chat',
      stream: true,
      messages: [
        { role: 'user', content: `Canary ${canary}: please draft a letter to my landlord about the heating` },
      ],
    }),
    responseHeaders: [['Content-Type', 'text/event-stream']],
    responseBody: 'data: {"choices":[{"delta":{"content":"Dear"}}]}\n\ndata: [DONE]\n\n',
  },
  {
    kind: 'http',
    time: '2026-11-20T10:00:03.000Z',
    clientIp: client,
    serverIp: '3.64.10.20',
    host: 't.appsflyersdk.com',
    method: 'POST',
    path: '/api/v6.13/androidevent?app_id=com.deepseek.chat',
    requestHeaders: [['Content-Type', 'application/json']],
    requestBody: JSON.stringify({ advertiserId: gaid, deviceModel: 'SM-S918N', brand: 'samsung' }),
  },
  {
    kind: 'http',
    time: '2026-11-20T10:00:20.000Z',
    clientIp: client,
    serverIp: '1.1.1.1',
    host: 'chat.deepseek.com',
    method: 'POST',
    path: '/api/v0/users/login',
    requestHeaders: [['Content-Type', 'application/json']],
    requestBody: JSON.stringify({ email: 'investigator@example.org', device_id: 'web-1' }),
  },
]

const indicatorsYaml = `indicators:
  - { name: test phone IMEI, kind: imei, value: "${imei}" }
  - { name: test phone GAID, kind: advertising_id, value: "${gaid}" }
  - { name: account, kind: email, value: investigator@example.org }
  - { name: canary prompt, kind: canary, value: "${canary}" }
`
const disclosuresYaml = `app: DeepSeek (test build)
recipients:
  - entity: Hangzhou DeepSeek Artificial Intelligence Co., Ltd.
    country: CN
    purposes: [service]
    categories: [account, prompt content, device information]
  - entity: AppsFlyer Ltd.
    country: IL
    purposes: [attribution]
    categories: [device information]
consent:
  - moment: privacy policy accepted
    time: 2026-11-20T10:00:10Z
`

let dir: string
let deps: Awaited<ReturnType<typeof openAuditDeps>>
const files: Record<string, string> = {}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-audit-'))
  deps = await openAuditDeps()
  files.har = join(dir, 'deepseek.har')
  files.pcap = join(dir, 'deepseek.pcap')
  files.pcapng = join(dir, 'deepseek.pcapng')
  files.squid = join(dir, 'access.log')
  await writeFile(files.har, buildHar(exchanges))
  await writeFile(files.pcap, buildPcap(exchanges))
  await writeFile(files.pcapng, buildPcap(exchanges, { format: 'pcapng', linkType: 'sll2', reorder: true }))
  await writeFile(files.squid, buildSquidLog(exchanges))
  await writeFile(join(dir, 'indicators.yaml'), indicatorsYaml)
  await writeFile(join(dir, 'disclosures.yaml'), disclosuresYaml)
})
after(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function audit(capture: string, extra: string[] = []): Promise<AuditReport> {
  const out = join(dir, `${capture.split('/').pop()}.json`)
  const code = await runAuditCommand(
    [
      '--indicators',
      join(dir, 'indicators.yaml'),
      '--disclosures',
      join(dir, 'disclosures.yaml'),
      '--format',
      'json',
      '--out',
      out,
      ...extra,
      capture,
    ],
    deps,
  )
  assert.equal(code, 0)
  return JSON.parse(await readFile(out, 'utf8')) as AuditReport
}

function volcanoFindings(report: AuditReport, category: string) {
  const ids = new Set(report.destinations.filter((d) => d.entity?.name === volcanoEngine).map((d) => d.id))
  return report.findings.filter((f) => ids.has(f.destinationId) && f.category === category)
}

for (const format of ['har', 'pcap', 'pcapng'] as const) {
  test(`${format}: prompt content and device information to Volcano Engine (CN), undisclosed, before consent`, async () => {
    const report = await audit(files[format] as string)
    assert.equal(report.manifest.length, 1)
    assert.equal(report.manifest[0]?.format, format)
    assert.match(report.manifest[0]?.sha256 ?? '', /^[0-9a-f]{64}$/)

    const ark = report.destinations.find((d) => d.host === 'ark.cn-beijing.volces.com')
    assert.ok(ark, 'the chat host is a destination')
    assert.equal(ark.entity?.name, volcanoEngine)
    assert.equal(ark.entity?.country, 'CN')
    assert.deepEqual(ark.serverCountries, ['CN'])
    assert.deepEqual(ark.asns, [{ asn: 137718, org: volcanoEngine }])
    assert.equal(ark.service?.id, 'volcengine-ark')

    const prompts = volcanoFindings(report, 'prompt_content')
    const structural = prompts.find((f) => f.how === 'structural')
    assert.ok(structural, 'prompt content found structurally')
    assert.equal(structural.confidence, 'confirmed')
    assert.equal(structural.where, 'body → JSON $.messages[0].content')
    assert.equal(structural.disclosed, false)
    assert.equal(structural.beforeConsent, true)
    assert.ok(!structural.excerpt.includes('landlord'), 'the prompt itself is masked')
    const canaryHit = prompts.find((f) => f.how === 'indicator')
    assert.equal(canaryHit?.indicator, 'canary prompt')
    assert.equal(canaryHit?.form, 'plain')

    const device = volcanoFindings(report, 'device_information')
    assert.ok(
      device.some(
        (f) => f.how === 'indicator' && f.indicator === 'test phone IMEI' && f.where === 'query imei',
      ),
    )
    assert.ok(device.some((f) => f.how === 'indicator' && f.indicator === 'test phone GAID'))
    assert.ok(device.some((f) => f.how === 'structural' && f.rule === 'device field device_model'))
    assert.ok(device.every((f) => f.disclosed === false && f.beforeConsent === true))
    assert.ok(volcanoFindings(report, 'network_details').some((f) => f.rule === 'network field carrier'))

    // AppsFlyer was disclosed for device information, but it was sent before consent.
    const appsflyer = report.findings.filter(
      (f) => f.destinationId === 'dest:t.appsflyersdk.com' && f.category === 'device_information',
    )
    assert.ok(appsflyer.length > 0)
    assert.ok(appsflyer.every((f) => f.disclosed === true && f.beforeConsent === true))
    // The account e-mail went to DeepSeek after consent, as disclosed: not flagged.
    const email = report.findings.find((f) => f.indicator === 'account')
    assert.equal(email?.destinationId, 'dest:chat.deepseek.com')
    assert.equal(email?.disclosed, true)
    assert.equal(email?.beforeConsent, false)

    assert.ok(
      report.summary.headlines.some(
        (h) => h === `prompt content sent to ${volcanoEngine} (CN) — not disclosed, before consent`,
      ),
      report.summary.headlines.join('\n'),
    )
    assert.ok(
      report.summary.headlines.some((h) =>
        h.startsWith(`device information sent to ${volcanoEngine} (CN) — not disclosed`),
      ),
    )
    const first = report.timeline.find((t) => t.kind === 'first-transfer')
    assert.match(first?.text ?? '', /gator\.volces\.com/)
    assert.equal(first?.flagged, true)
    assert.ok(
      report.timeline.findIndex((t) => t.kind === 'consent') > report.timeline.indexOf(first as never),
    )
    // Stable ids: a second run gives the same finding ids.
    const again = await audit(files[format] as string)
    assert.deepEqual(
      again.findings.map((f) => f.id),
      report.findings.map((f) => f.id),
    )
  })
}

test('value digests: keyed per run by default, comparable across audits with --digest-key', async () => {
  const a = await audit(files.har as string)
  const b = await audit(files.har as string)
  assert.equal(a.digestKey, 'per-run')
  assert.notEqual(a.findings[0]?.valueDigest, b.findings[0]?.valueDigest)
  const c = await audit(files.har as string, ['--digest-key', 'case-2026-17'])
  const d = await audit(files.pcap as string, ['--digest-key', 'case-2026-17'])
  assert.equal(c.digestKey, 'supplied')
  const imeiDigest = (r: AuditReport) =>
    r.findings.find((f) => f.indicator === 'test phone IMEI')?.valueDigest
  assert.equal(imeiDigest(c), imeiDigest(d))
  assert.match(imeiDigest(c) ?? '', /^[0-9a-f]{16}$/)
})

test('squid log (no bodies): device information in the URL to Volcano Engine, undisclosed, before consent', async () => {
  const report = await audit(files.squid as string)
  assert.equal(report.manifest[0]?.format, 'squid')
  const gator = report.destinations.find((d) => d.host === 'gator.volces.com')
  assert.equal(gator?.entity?.country, 'CN')
  assert.deepEqual(gator?.serverCountries, ['CN'])
  const device = volcanoFindings(report, 'device_information')
  assert.ok(device.some((f) => f.indicator === 'test phone IMEI'))
  assert.ok(device.every((f) => f.disclosed === false && f.beforeConsent === true))
  // A log has no bodies: the prompt cannot be seen, and the report does not pretend otherwise.
  assert.equal(volcanoFindings(report, 'prompt_content').length, 0)
})

test('all formats at once: one manifest row per input, HTML report with diagram, masked evidence and hashes', async () => {
  const out = join(dir, 'report.html')
  const code = await runAuditCommand(
    [
      '--indicators',
      join(dir, 'indicators.yaml'),
      '--disclosures',
      join(dir, 'disclosures.yaml'),
      '--out',
      out,
      files.har as string,
      files.pcap as string,
      files.squid as string,
    ],
    deps,
  )
  assert.equal(code, 0)
  const html = await readFile(out, 'utf8')
  assert.match(html, /<h1>Traffic audit report: DeepSeek \(test build\)<\/h1>/)
  assert.match(html, /<svg[^>]*aria-label="data categories to recipients to countries"/)
  assert.match(
    html,
    /prompt content sent to Beijing Volcano Engine Technology Co\., Ltd\. \(CN\) — not disclosed, before consent/,
  )
  for (const f of [files.har, files.pcap, files.squid]) {
    const sha = (await import('node:crypto'))
      .createHash('sha256')
      .update(await readFile(f as string))
      .digest('hex')
    assert.ok(html.includes(sha), `manifest hash of ${f}`)
  }
  assert.ok(!html.includes(imei) && !html.includes(canary) && !html.includes('landlord'), 'values are masked')
  assert.match(html, /CC-BY-4\.0/)
  assert.match(html, /RouteViews/)
})

test('csv tables to a directory; stdout without --out', async () => {
  const csvDir = join(dir, 'csv')
  await (await import('node:fs/promises')).mkdir(csvDir)
  assert.equal(await runAuditCommand(['--format', 'csv', '--out', csvDir, files.har as string], deps), 0)
  const findings = await readFile(join(csvDir, 'findings.csv'), 'utf8')
  assert.match(findings, /^id,time,destination,entity,/)
  assert.match(
    findings,
    /ark\.cn-beijing\.volces\.com,"Beijing Volcano Engine Technology Co\., Ltd\.",CN,CN,prompt content/,
  )
  let printed = ''
  assert.equal(
    await runAuditCommand(['--format', 'json', files.har as string], {
      ...deps,
      stdout: { write: (d: string | Uint8Array) => (printed += String(d)) },
    }),
    0,
  )
  assert.equal((JSON.parse(printed) as AuditReport).manifest[0]?.format, 'har')
})

test('pdf through headless Chromium', {
  skip: !existsSync('/usr/bin/chromium') && 'no /usr/bin/chromium',
}, async () => {
  const out = join(dir, 'report.pdf')
  assert.equal(await runAuditCommand(['--format', 'pdf', '--out', out, files.har as string], deps), 0)
  const pdf = await readFile(out)
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')
  assert.ok(pdf.length > 10_000)
})
