// `npm run bench:audit`: how fast the capture readers of `sluice audit` stream a large pcap and a
// large HAR, and how much memory they need; then the whole audit (runAudit with the real adapters)
// over the same files. Targets (issue 6): ≥ 50 MB/s, and a 1 GB capture read with < 1 GB RSS.
//
//   node tools/bench/bench-audit.ts [--mb 200] [--har-mb N (default: --mb)] [--no-audit] [--keep] [--json]
//
// The files are generated into a fresh temporary directory (bounded by the sizes asked for, removed
// afterwards unless --keep) from the synthetic exchanges of test/support/capture-fixtures.ts: a mix of
// plain-HTTP JSON chat posts (2–24 KiB bodies, segmented at 1,460 bytes), form-encoded telemetry, TLS
// connections named by SNI, and DNS answers. Each measurement runs in a child process of its own, so
// its peak RSS (getrusage maxrss) is the reader's alone, not the generator's.
import { fork } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createCaptureWriter, harEntry, type SyntheticExchange } from '../../test/support/capture-fixtures.ts'

const targetMbPerSecond = 50
const targetRssBytes = 1024 ** 3

interface Measurement {
  what: string
  bytes: number
  seconds: number
  flows: number
  warnings: number
  maxRssBytes: number
  findings?: number
  /** Audit only: loading modules, catalog, registry and IP tables, before the clock. */
  setupSeconds?: number
}

// ------------------------------------------------------------------------------------------------
// Child: one measurement, reported as JSON on stdout.

async function child(mode: string, files: string[]): Promise<void> {
  // The clock starts after modules and (audit) the catalog, registry and IP data are loaded.
  let started = performance.now()
  let flows = 0
  let warnings = 0
  let bytes = 0
  let findings: number | undefined
  let setupSeconds: number | undefined
  if (mode === 'read') {
    const { readCapture } = await import('../../src/adapters/capture/read-capture.ts')
    started = performance.now()
    for (const [i, file] of files.entries()) {
      const source = await readCapture(
        file,
        {
          flow: () => {
            flows++
          },
          warn: () => {
            warnings++
          },
        },
        { source: i },
      )
      bytes += source.bytes
    }
  } else {
    const { openAuditDeps } = await import('../../src/compose/audit-wiring.ts')
    const { createIpDataLookup } = await import('../../src/adapters/ip-data/ip-data-lookup.ts')
    const deps = await openAuditDeps()
    // The IP tables are built lazily at the first lookup (about a second, once per process, whatever
    // the capture's size); one lookup here builds them before the clock, as the catalog is, so the
    // figure is the audit's throughput. The setup time is reported on its own.
    createIpDataLookup().lookup('8.8.8.8')
    setupSeconds = (performance.now() - started) / 1000
    started = performance.now()
    const report = await deps.runAudit({
      captures: files,
      indicators: [
        { name: 'test device IMEI', kind: 'imei', value: '490154203237518' },
        { name: 'typed canary', kind: 'canary', value: 'canary-bench-7f3a' },
      ],
    })
    bytes = report.manifest.reduce((n, m) => n + m.bytes, 0)
    findings = report.findings.length
    warnings = report.warnings.length
    flows = report.summary.flows
  }
  const seconds = (performance.now() - started) / 1000
  const m: Omit<Measurement, 'what'> = {
    bytes,
    seconds,
    flows,
    warnings,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    ...(findings === undefined ? {} : { findings }),
    ...(setupSeconds === undefined ? {} : { setupSeconds }),
  }
  process.send?.(m)
}

function measure(what: string, mode: 'read' | 'audit', files: string[]): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const c = fork(import.meta.filename, ['--child', mode, ...files], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    let result: Measurement | undefined
    c.on('message', (m) => {
      result = { what, ...(m as Omit<Measurement, 'what'>) }
    })
    c.on('exit', (code) =>
      result === undefined ? reject(new Error(`${what}: child exited with ${code}`)) : resolve(result),
    )
  })
}

// ------------------------------------------------------------------------------------------------
// Generation

const words =
  'the quarterly report for our client lists revenue by region and the names of account managers'.split(' ')

function exchangesFor(batch: number, count: number): SyntheticExchange[] {
  const out: SyntheticExchange[] = []
  const t0 = Date.parse('2026-06-01T00:00:00Z') + batch * 60_000
  for (let i = 0; i < count; i++) {
    const n = batch * count + i
    const time = t0 + i * 37
    const client = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${(n & 253) + 1}`
    switch (n % 8) {
      case 0:
        out.push({
          kind: 'dns',
          time,
          clientIp: client,
          resolverIp: '10.0.0.53',
          name: `api${n % 50}.volces.com`,
          answers: [{ type: 'A', value: `14.103.${n % 200}.${n % 250}` }],
        })
        break
      case 1:
      case 2:
        out.push({
          kind: 'tls',
          time,
          clientIp: client,
          serverIp: `14.103.${n % 200}.${n % 250}`,
          sni: `api${n % 50}.volces.com`,
          helloPadding: 1500,
          bytesSent: 6000 + (n % 7) * 1000,
          bytesReceived: 20_000 + (n % 5) * 4000,
        })
        break
      case 3:
        out.push({
          kind: 'http',
          time,
          clientIp: client,
          serverIp: '203.0.113.9',
          host: 'collect.tracker.example',
          method: 'POST',
          path: `/v1/events?sid=${n}`,
          requestHeaders: [['Content-Type', 'application/x-www-form-urlencoded']],
          requestBody: `imei=490154203237518&adid=38400000-8cf0-11bd-b23e-10b96e40000d&seq=${n}&screen=1080x2400`,
          responseBody: '{"ok":true}',
          responseHeaders: [['Content-Type', 'application/json']],
        })
        break
      default: {
        const len = 2048 + ((n * 7919) % 22_000)
        let content = `canary-bench-7f3a ${n} `
        // Bounded by len.
        for (let w = n; content.length < len; w++) content += `${words[w % words.length]} `
        out.push({
          kind: 'http',
          time,
          clientIp: client,
          serverIp: `14.103.${n % 200}.${n % 250}`,
          host: `ark.cn-beijing.volces.com`,
          method: 'POST',
          path: '/api/v3/chat/completions',
          requestHeaders: [
            ['Content-Type', 'application/json'],
            ['Authorization', 'Bearer sk-bench'],
          ],
          requestBody: JSON.stringify({
            model: 'deepseek-chat',
            stream: false,
            messages: [{ role: 'user', content }],
          }),
          responseHeaders: [['Content-Type', 'application/json']],
          responseBody: JSON.stringify({
            id: `c${n}`,
            choices: [{ message: { role: 'assistant', content: content.slice(0, 800) } }],
          }),
          responseChunked: n % 2 === 0,
        })
      }
    }
  }
  return out
}

function writePcap(file: string, limit: number): void {
  const w = createCaptureWriter({ format: 'pcap', linkType: 'ethernet' })
  const fd = openSync(file, 'w')
  try {
    let size = writeSync(fd, w.header())
    // Bounded by `limit`: each batch adds at least one packet.
    for (let batch = 0; size < limit; batch++) {
      const records = w.records(exchangesFor(batch, 64), batch * 64)
      size += writeSync(fd, records)
    }
  } finally {
    closeSync(fd)
  }
}

function writeHar(file: string, limit: number): void {
  const fd = openSync(file, 'w')
  try {
    let size = writeSync(
      fd,
      '{\n  "log": {\n    "version": "1.2",\n    "creator": { "name": "bench-audit", "version": "1" },\n    "pages": [],\n    "entries": [\n',
    )
    let first = true
    // Bounded by `limit`: each batch adds at least one entry.
    for (let batch = 0; size < limit; batch++) {
      const parts: string[] = []
      for (const x of exchangesFor(batch, 64)) {
        if (x.kind !== 'http') continue
        parts.push(`${first ? '' : ',\n'}${JSON.stringify(harEntry(x), null, 2)}`)
        first = false
      }
      size += writeSync(fd, parts.join(''))
    }
    writeSync(fd, '\n    ]\n  }\n}\n')
  } finally {
    closeSync(fd)
  }
}

// ------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      mb: { type: 'string', default: '200' },
      'har-mb': { type: 'string' },
      'no-audit': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  })
  const mb = Number(values.mb)
  const harMb = Number(values['har-mb'] ?? values.mb)
  if (!(mb > 0 && mb <= 16_384 && harMb > 0 && harMb <= 16_384))
    throw new Error('--mb and --har-mb must be between 1 and 16384')
  const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-audit-'))
  const log = (s: string): void => {
    if (!values.json) process.stdout.write(`${s}\n`)
  }
  try {
    const pcap = join(dir, 'bench.pcap')
    const har = join(dir, 'bench.har')
    let t = performance.now()
    writePcap(pcap, mb * 1024 * 1024)
    log(
      `generated ${pcap}: ${(statSync(pcap).size / 1048576).toFixed(1)} MiB in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    )
    t = performance.now()
    writeHar(har, harMb * 1024 * 1024)
    log(
      `generated ${har}: ${(statSync(har).size / 1048576).toFixed(1)} MiB in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    )

    const results: Measurement[] = []
    results.push(await measure('read pcap', 'read', [pcap]))
    results.push(await measure('read HAR', 'read', [har]))
    if (!values['no-audit']) {
      results.push(await measure('audit pcap (runAudit)', 'audit', [pcap]))
      results.push(await measure('audit HAR (runAudit)', 'audit', [har]))
    }
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ mb, harMb, targets: { mbPerSecond: targetMbPerSecond, rssBytes: targetRssBytes }, results }, null, 2)}\n`,
      )
      return
    }
    log('')
    log(
      `${'measurement'.padEnd(24)}${'MiB'.padStart(9)}${'seconds'.padStart(9)}${'MiB/s'.padStart(9)}${'flows'.padStart(10)}${'peak RSS'.padStart(11)}  targets: ≥ ${targetMbPerSecond} MiB/s, < 1 GiB RSS`,
    )
    for (const r of results) {
      const rate = r.bytes / 1048576 / r.seconds
      const ok = `${rate >= targetMbPerSecond ? 'rate ok' : 'rate BELOW target'}, ${r.maxRssBytes < targetRssBytes ? 'RSS ok' : 'RSS ABOVE target'}`
      log(
        `${r.what.padEnd(24)}${(r.bytes / 1048576).toFixed(1).padStart(9)}${r.seconds.toFixed(2).padStart(9)}${rate.toFixed(1).padStart(9)}${String(r.flows).padStart(10)}${`${(r.maxRssBytes / 1048576).toFixed(0)} MiB`.padStart(11)}  ${ok}${r.findings === undefined ? '' : `, ${r.findings} findings`}${r.setupSeconds === undefined ? '' : `, setup ${r.setupSeconds.toFixed(1)} s`}${r.warnings > 0 ? `, ${r.warnings} warnings` : ''}`,
      )
    }
  } finally {
    if (values.keep) log(`kept ${dir}`)
    else rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[2] === '--child') await child(process.argv[3] ?? 'read', process.argv.slice(4))
else await main()
