import { parseArgs } from 'node:util'
import { parse as parseYaml } from 'yaml'
import type { AuditRequest } from '../app/audit/run-audit.ts'
import type { AuditReport } from '../core/audit/audit-report.ts'
import { type Disclosures, parseDisclosures } from '../core/audit/disclosures.ts'
import { type Indicator, parseIndicators } from '../core/audit/indicators.ts'
import { renderAuditCsv, renderAuditCsvText } from '../core/audit/report-csv.ts'
import { renderAuditHtml } from '../core/audit/report-html.ts'
import { createProgressBar } from './progress-bar.ts'
import { UsageError } from './usage-error.ts'

/** Help text of `sluice audit`. */
export const auditUsage = `usage: sluice audit [--indicators FILE] [--disclosures FILE] [--format html|json|csv|pdf]
                    [--out PATH] [--digest-key KEY] CAPTURE...
  Analyses captured traffic (HAR, pcap, pcapng, Squid access logs, Sluice ledger exports) offline:
  which personal data went to which organisations in which countries, and which flows the app's
  disclosures do not cover. Every input is hashed (SHA-256) into the report's manifest.
  --indicators FILE   YAML/JSON: indicators: [{name, kind, value}] — kind is imei, advertising_id,
                      device_id, device_ip, email, phone, account_id, canary, location or other;
                      found in plain, URL-encoded, base64, hex and MD5/SHA-1/SHA-256 forms
  --disclosures FILE  YAML/JSON: recipients: [{entity, country, purposes, categories, from}],
                      consent: [{moment, time}] — undisclosed flows and flows before consent are flagged
  --format F          html (default), json, csv or pdf (headless Chromium)
  --out PATH          write the report there (csv: a directory gets one file per table); default stdout
  --digest-key KEY    key of the value digests (HMAC-SHA256) shown beside masked values; the same key
                      makes digests comparable across audits (default: a random key, not kept)
`

/** What `runAuditCommand` needs from the composition root. */
export interface AuditCommandDeps {
  runAudit(request: AuditRequest): Promise<AuditReport>
  readFile(path: string): Promise<string>
  writeFile(path: string, data: string | Uint8Array): Promise<void>
  fileSize(path: string): Promise<number | undefined>
  isDirectory(path: string): Promise<boolean>
  renderPdf(html: string): Promise<Uint8Array>
  readonly stdout?: { write(data: string | Uint8Array): unknown }
  readonly stderr?: typeof process.stderr
}

const formats = ['html', 'json', 'csv', 'pdf'] as const

async function readStructured<T>(
  deps: AuditCommandDeps,
  file: string,
  what: string,
  parse: (v: unknown) => T,
): Promise<T> {
  let text: string
  try {
    text = await deps.readFile(file)
  } catch (error) {
    throw new UsageError(`--${what} ${file}: cannot be read (${(error as Error).message})`)
  }
  let doc: unknown
  try {
    doc = parseYaml(text)
  } catch (error) {
    throw new UsageError(
      `--${what} ${file}: not valid YAML or JSON (${(error as Error).message.split('\n')[0]})`,
    )
  }
  try {
    return parse(doc)
  } catch (error) {
    throw new UsageError(`--${what} ${file}: ${(error as Error).message}`)
  }
}

/** Runs `sluice audit`; resolves with the exit code (0 done, 2 usage). */
export async function runAuditCommand(argv: readonly string[], deps: AuditCommandDeps): Promise<number> {
  const stdout = deps.stdout ?? process.stdout
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      indicators: { type: 'string' },
      disclosures: { type: 'string' },
      format: { type: 'string', default: 'html' },
      out: { type: 'string' },
      'digest-key': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    stdout.write(auditUsage)
    return 0
  }
  if (positionals.length === 0) throw new UsageError(`no capture given\n${auditUsage}`)
  const format = values.format as (typeof formats)[number]
  if (!formats.includes(format))
    throw new UsageError(`--format must be html, json, csv or pdf, got '${values.format}'`)
  if (format === 'pdf' && values.out === undefined) throw new UsageError('--format pdf needs --out FILE')

  const indicators: Indicator[] | undefined =
    values.indicators === undefined
      ? undefined
      : await readStructured(deps, values.indicators, 'indicators', parseIndicators)
  const disclosures: Disclosures | undefined =
    values.disclosures === undefined
      ? undefined
      : await readStructured(deps, values.disclosures, 'disclosures', parseDisclosures)

  const sizes = await Promise.all(positionals.map(async (f) => (await deps.fileSize(f)) ?? 0))
  const before = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0))
  const bar = createProgressBar(
    sizes.reduce((a, b) => a + b, 0),
    'audit',
    deps.stderr ?? process.stderr,
  )
  const report = await deps.runAudit({
    captures: positionals,
    ...(indicators === undefined ? {} : { indicators }),
    ...(disclosures === undefined ? {} : { disclosures }),
    ...(values['digest-key'] === undefined ? {} : { digestKey: values['digest-key'] }),
    onProgress: (capture, bytes) => bar.update((before[capture] ?? 0) + bytes),
  })
  bar.finish()

  const out = values.out
  if (format === 'csv' && out !== undefined && (out.endsWith('/') || (await deps.isDirectory(out)))) {
    for (const [name, text] of renderAuditCsv(report))
      await deps.writeFile(`${out.replace(/\/$/, '')}/${name}`, text)
    return 0
  }
  let data: string | Uint8Array
  if (format === 'json') data = `${JSON.stringify(report, null, 2)}\n`
  else if (format === 'csv') data = renderAuditCsvText(report)
  else if (format === 'pdf') data = await deps.renderPdf(renderAuditHtml(report))
  else data = renderAuditHtml(report)
  if (out === undefined) stdout.write(data)
  else await deps.writeFile(out, data)
  return 0
}
