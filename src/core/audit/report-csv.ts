import { categoryLabels } from './audit-categories.ts'
import type { AuditReport } from './audit-report.ts'

/** One CSV cell: quoted when needed; a leading = + - @ is defused so spreadsheets do not run it. */
export function csvCell(value: unknown): string {
  let text =
    value === undefined || value === null ? '' : Array.isArray(value) ? value.join(' ') : String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function table(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`
}

/** The report's tables as CSV files (name → content): findings, destinations, matrix, manifest. */
export function renderAuditCsv(report: AuditReport): Map<string, string> {
  const dest = new Map(report.destinations.map((d) => [d.id, d]))
  const out = new Map<string, string>()
  out.set(
    'findings.csv',
    table(
      [
        'id',
        'time',
        'destination',
        'entity',
        'entity_country',
        'server_countries',
        'category',
        'label',
        'method',
        'confidence',
        'score',
        'where',
        'form',
        'excerpt',
        'value_hmac',
        'disclosed',
        'before_consent',
        'notes',
      ],
      report.findings.map((f) => {
        const d = dest.get(f.destinationId)
        return [
          f.id,
          f.time,
          d?.host ?? f.destinationId.slice(5),
          d?.entity?.name,
          d?.entity?.country,
          d?.serverCountries,
          categoryLabels[f.category],
          f.label,
          f.how,
          f.confidence,
          f.score,
          f.where,
          f.form,
          f.excerpt,
          f.valueDigest,
          f.disclosed,
          f.beforeConsent,
          f.disclosureNotes.join('; '),
        ]
      }),
    ),
  )
  out.set(
    'destinations.csv',
    table(
      [
        'id',
        'host',
        'domain',
        'ips',
        'server_countries',
        'asns',
        'service',
        'entity',
        'entity_country',
        'entity_source',
        'first_seen',
        'last_seen',
        'flows',
        'encrypted_flows',
        'bytes_sent',
      ],
      report.destinations.map((d) => [
        d.id,
        d.host,
        d.domain,
        d.ips,
        d.serverCountries,
        d.asns.map((a) => `AS${a.asn} ${a.org}`).join('; '),
        d.service?.name,
        d.entity?.name,
        d.entity?.country,
        d.entity?.via,
        d.firstSeen,
        d.lastSeen,
        d.flows,
        d.encryptedFlows,
        d.bytesSent,
      ]),
    ),
  )
  out.set(
    'matrix.csv',
    table(
      [
        'category',
        'entity',
        'entity_country',
        'server_countries',
        'destinations',
        'findings',
        'confirmed',
        'undisclosed',
        'before_consent',
        'first_seen',
      ],
      report.matrix.map((r) => [
        categoryLabels[r.category],
        r.entity,
        r.entityCountry,
        r.serverCountries,
        r.destinations,
        r.findings,
        r.confirmed,
        r.undisclosed,
        r.beforeConsent,
        r.firstSeen,
      ]),
    ),
  )
  out.set(
    'manifest.csv',
    table(
      ['index', 'file', 'format', 'bytes', 'sha256'],
      report.manifest.map((m, i) => [i, m.file, m.format, m.bytes, m.sha256]),
    ),
  )
  return out
}

/** All CSV tables in one text (each preceded by a `# name` line), for stdout. */
export function renderAuditCsvText(report: AuditReport): string {
  return [...renderAuditCsv(report)].map(([name, text]) => `# ${name}\r\n${text}`).join('\r\n')
}
