import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { AuditRequest } from '../app/audit/run-audit.ts'
import { buildAuditReport } from '../core/audit/audit-report.ts'
import { type AuditCommandDeps, auditUsage, runAuditCommand } from './audit-command.ts'
import { UsageError } from './usage-error.ts'

function deps(
  files: Record<string, string>,
  seen: AuditRequest[] = [],
): AuditCommandDeps & { written: Map<string, string | Uint8Array>; printed: string[] } {
  const written = new Map<string, string | Uint8Array>()
  const printed: string[] = []
  return {
    written,
    printed,
    async runAudit(request) {
      seen.push(request)
      return buildAuditReport({
        tool: { name: 'sluice audit', version: 't' },
        generatedAt: '2026-11-24T00:00:00.000Z',
        manifest: request.captures.map((file) => ({ file, format: 'har', sha256: '0'.repeat(64), bytes: 1 })),
        datasets: [],
        disclosuresChecked: request.disclosures !== undefined,
        indicatorsUsed: (request.indicators ?? []).map((i) => i.name),
        digestKey: request.digestKey === undefined ? 'per-run' : 'supplied',
        consent: [],
        flows: 0,
        destinations: [],
        findings: [],
        warnings: [],
      })
    },
    async readFile(path) {
      const text = files[path]
      if (text === undefined) throw new Error('ENOENT')
      return text
    },
    async writeFile(path, data) {
      written.set(path, data)
    },
    fileSize: async () => 10,
    isDirectory: async (path) => path === 'outdir',
    renderPdf: async (html) => new TextEncoder().encode(`%PDF-${html.length}`),
    stdout: { write: (d: string | Uint8Array) => printed.push(String(d)) },
  }
}

test('usage: help, no capture, bad format, pdf without --out', async () => {
  const d = deps({})
  assert.equal(await runAuditCommand(['--help'], d), 0)
  assert.equal(d.printed[0], auditUsage)
  await assert.rejects(
    runAuditCommand([], d),
    (e: unknown) => e instanceof UsageError && /no capture given/.test(e.message),
  )
  await assert.rejects(
    runAuditCommand(['--format', 'xml', 'a.har'], d),
    /--format must be html, json, csv or pdf/,
  )
  await assert.rejects(runAuditCommand(['--format', 'pdf', 'a.har'], d), /--format pdf needs --out FILE/)
})

test('indicator and disclosure files: YAML read and validated, errors name the file', async () => {
  const seen: AuditRequest[] = []
  const d = deps(
    {
      'ind.yaml': 'indicators:\n  - {name: phone, kind: imei, value: "356938035643809"}\n',
      'dis.json':
        '{"recipients":[{"entity":"X","categories":["prompt content"]}],"consent":[{"moment":"ok","time":"2026-01-01"}]}',
      'bad.yaml': 'indicators: [ {name: x',
      'short.yaml': 'indicators:\n  - {name: x, kind: imei, value: "12"}\n',
    },
    seen,
  )
  assert.equal(
    await runAuditCommand(
      ['--indicators', 'ind.yaml', '--disclosures', 'dis.json', '--format', 'json', 'a.har', 'b.pcap'],
      d,
    ),
    0,
  )
  assert.equal(seen[0]?.indicators?.[0]?.value, '356938035643809')
  assert.equal(seen[0]?.disclosures?.recipients[0]?.categories[0], 'prompt_content')
  assert.deepEqual(seen[0]?.captures, ['a.har', 'b.pcap'])
  assert.equal(JSON.parse(d.printed[0] ?? '').manifest.length, 2)
  await assert.rejects(
    runAuditCommand(['--indicators', 'bad.yaml', 'a.har'], d),
    /--indicators bad.yaml: not valid YAML or JSON/,
  )
  await assert.rejects(
    runAuditCommand(['--indicators', 'short.yaml', 'a.har'], d),
    /--indicators short.yaml: indicators\.0\.value: must be at least 4/,
  )
  await assert.rejects(
    runAuditCommand(['--disclosures', 'missing.yaml', 'a.har'], d),
    /--disclosures missing.yaml: cannot be read/,
  )
})

test('outputs: html to a file, csv tables into a directory, csv text to stdout, pdf bytes', async () => {
  const d = deps({})
  assert.equal(await runAuditCommand(['--out', 'r.html', 'a.har'], d), 0)
  assert.match(String(d.written.get('r.html')), /^<!doctype html>/)
  assert.equal(await runAuditCommand(['--format', 'csv', '--out', 'outdir', 'a.har'], d), 0)
  assert.deepEqual(
    [...d.written.keys()].filter((k) => k.startsWith('outdir/')),
    ['outdir/findings.csv', 'outdir/destinations.csv', 'outdir/matrix.csv', 'outdir/manifest.csv'],
  )
  assert.equal(await runAuditCommand(['--format', 'csv', 'a.har'], d), 0)
  assert.match(d.printed.at(-1) ?? '', /^# findings\.csv\r\nid,time/)
  assert.equal(await runAuditCommand(['--format', 'pdf', '--out', 'r.pdf', 'a.har'], d), 0)
  assert.match(new TextDecoder().decode(d.written.get('r.pdf') as Uint8Array), /^%PDF-\d+$/)
})

test('progress bar on a terminal stderr for large inputs, nothing when not a terminal', async () => {
  let drawn = ''
  const tty = {
    isTTY: true,
    write: (s: string) => {
      drawn += s
      return true
    },
  } as unknown as typeof process.stderr
  const d = { ...deps({}), fileSize: async () => 8 * 1024 * 1024, stderr: tty }
  assert.equal(await runAuditCommand(['--format', 'json', 'big.pcap'], d), 0)
  assert.match(drawn, /\raudit \[#+\] 100%/)
  drawn = ''
  const pipe = {
    isTTY: false,
    write: (s: string) => {
      drawn += s
      return true
    },
  } as unknown as typeof process.stderr
  assert.equal(await runAuditCommand(['--format', 'json', 'big.pcap'], { ...d, stderr: pipe }), 0)
  assert.equal(drawn, '')
})
