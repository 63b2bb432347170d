// Malformed captures through the real audit wiring: partial results with clear warnings, never a crash.
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { loadBuiltinCatalog } from '../../src/adapters/catalog/load-builtin-catalog.ts'
import { createIpDataLookup } from '../../src/adapters/ip-data/ip-data-lookup.ts'
import { runAudit } from '../../src/app/audit/run-audit.ts'
import { captureReaderAdapter, loadRecipientRegistry } from '../../src/compose/audit-wiring.ts'
import { createCatalog } from '../../src/core/catalog/catalog.ts'
import { buildHar, buildPcap, type HttpExchange } from '../support/capture-fixtures.ts'

const exchange = (n: number): HttpExchange => ({
  kind: 'http',
  time: Date.parse('2026-11-20T10:00:00Z') + n * 1000,
  clientIp: '192.168.0.23',
  serverIp: '14.103.2.10',
  host: 'ark.cn-beijing.volces.com',
  method: 'POST',
  path: '/api/v3/chat/completions',
  requestHeaders: [['Content-Type', 'application/json']],
  requestBody: JSON.stringify({
    model: 'm',
    messages: [{ role: 'user', content: `question number ${n} about my tax return` }],
  }),
  responseBody: '{}',
})
const exchanges = Array.from({ length: 6 }, (_, i) => exchange(i))

let dir: string
let deps: Parameters<typeof runAudit>[0]
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-audit-bad-'))
  deps = {
    reader: captureReaderAdapter,
    ipLookup: createIpDataLookup(),
    catalog: createCatalog(await loadBuiltinCatalog()),
    registry: await loadRecipientRegistry(),
    now: () => new Date('2026-11-24T00:00:00Z'),
    version: 'test',
    randomKey: () => new Uint8Array(32).fill(7),
  }
})
after(async () => {
  await rm(dir, { recursive: true, force: true })
})

const prompts = (r: Awaited<ReturnType<typeof runAudit>>) =>
  r.findings.filter((f) => f.category === 'prompt_content').length

test('truncated pcap: the exchanges before the cut are reported, the cut is a warning', async () => {
  const full = buildPcap(exchanges)
  const file = join(dir, 'cut.pcap')
  await writeFile(file, full.subarray(0, Math.floor(full.length * 0.6)))
  const report = await runAudit(deps, { captures: [file] })
  assert.equal(report.manifest[0]?.format, 'pcap')
  const n = prompts(report)
  assert.ok(n >= 2 && n < 6, `some but not all prompts: ${n}`)
  assert.ok(report.warnings.length > 0)
})

test('broken HAR JSON: entries before the break are reported with a warning', async () => {
  const text = buildHar(exchanges)
  const file = join(dir, 'broken.har')
  await writeFile(file, `${text.slice(0, Math.floor(text.length * 0.7))}{{{ not json`)
  const report = await runAudit(deps, { captures: [file] })
  assert.equal(report.manifest[0]?.format, 'har')
  const n = prompts(report)
  assert.ok(n >= 2 && n < 6, `some but not all prompts: ${n}`)
  assert.ok(report.warnings.length > 0)
})

test('unknown link type and unrecognised files: warnings and a manifest row, no crash', async () => {
  const pcap = Buffer.from(buildPcap(exchanges))
  pcap.writeUInt32LE(4242, 20)
  const odd = join(dir, 'odd.pcap')
  await writeFile(odd, pcap)
  const junk = join(dir, 'junk.bin')
  await writeFile(junk, Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9]))
  const report = await runAudit(deps, { captures: [odd, junk] })
  assert.equal(report.manifest.length, 2)
  assert.equal(report.manifest[1]?.format, 'unknown')
  assert.equal(report.findings.length, 0)
  assert.ok(
    report.warnings.some((w) => w.source === 0 && /link/i.test(w.message)),
    JSON.stringify(report.warnings.slice(0, 3)),
  )
  assert.ok(report.warnings.some((w) => w.source === 1))
})
