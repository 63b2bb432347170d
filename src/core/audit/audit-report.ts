import type { Confidence, FindingMethod } from './analyse-payloads.ts'
import { type AuditCategory, categoryLabels } from './audit-categories.ts'
import type { AuditWarning, CaptureSource } from './flow.ts'

/** Who owns a destination, and how Sluice knows. */
export interface OwningEntity {
  readonly name: string
  /** Country where the legal entity is registered (not where its servers are). */
  readonly country?: string
  readonly headquarters?: string
  readonly parent?: string
  readonly aliases: readonly string[]
  /** registry-domain > catalog > registry-asn > asn (the ASN holder's name only, country unknown). */
  readonly via: 'registry-domain' | 'catalog' | 'registry-asn' | 'asn'
  readonly sources: readonly string[]
}

/** One destination (a host, or a bare IP when no name was seen), aggregated over its flows. */
export interface AuditDestination {
  /** Stable id: `dest:` + host or IP. */
  readonly id: string
  readonly host?: string
  /** Registrable domain (eTLD+1). */
  readonly domain?: string
  readonly hostEvidence: readonly string[]
  readonly ips: readonly string[]
  /** Where the server addresses are located per the IP data (one per distinct answer). */
  readonly serverCountries: readonly string[]
  readonly asns: readonly { readonly asn: number; readonly org: string }[]
  /** Special-purpose ranges the addresses fell in, if any. */
  readonly reserved: readonly string[]
  readonly service?: { readonly id: string; readonly name: string; readonly ai: boolean }
  readonly entity?: OwningEntity
  readonly firstSeen?: string
  readonly lastSeen?: string
  readonly flows: number
  readonly encryptedFlows: number
  readonly bytesSent: number
}

/** One finding as reported: the value itself is never included, only a masked excerpt and a digest. */
export interface AuditFinding {
  /** Stable id: `${flowId}/${n}` (flow ids are `${sourceIndex}:${ordinal}`). */
  readonly id: string
  readonly flowId: string
  readonly destinationId: string
  readonly time?: string
  readonly method: string
  readonly url?: string
  readonly category: AuditCategory
  readonly label: string
  readonly how: FindingMethod
  readonly confidence: Confidence
  readonly score: number
  readonly where: string
  readonly form?: string
  readonly indicator?: string
  readonly rule?: string
  readonly excerpt: string
  /** First 16 hex characters of HMAC-SHA256 of the value under the audit's digest key (see `digestKey`). */
  readonly valueDigest: string
  /** Undefined when no disclosures file was given. */
  readonly disclosed?: boolean
  readonly disclosedAs?: string
  readonly beforeConsent?: boolean
  readonly disclosureNotes: readonly string[]
}

/**
 * Findings counted but not listed: beyond `maxEvidencePerKind` findings of one kind (destination,
 * category, method, label) only the first ones are kept as evidence, so memory follows the variety of
 * findings rather than the size of the capture. They still count in the summary and the matrix.
 */
export interface OmittedFindings {
  readonly destinationId: string
  readonly category: AuditCategory
  findings: number
  confirmed: number
  undisclosed: number
  beforeConsent: number
}

/** A data set or registry the report relied on. */
export interface ReportDataset {
  readonly name: string
  readonly provides: string
  readonly licence: string
  readonly version: string
  readonly date: string
  readonly attribution: string
}

/** One row of the data-category matrix: category → recipient → country. */
export interface FlowSummaryRow {
  readonly category: AuditCategory
  readonly entity: string
  readonly entityCountry: string
  readonly serverCountries: readonly string[]
  readonly destinations: readonly string[]
  readonly findings: number
  readonly confirmed: number
  readonly undisclosed: number
  readonly beforeConsent: number
  readonly firstSeen?: string
}

/** An event of the timeline. */
export interface TimelineEvent {
  readonly time: string
  readonly kind: 'consent' | 'first-transfer'
  readonly text: string
  readonly flagged: boolean
}

/** The whole audit: what every renderer (HTML, JSON, CSV, PDF) shows. */
export interface AuditReport {
  readonly tool: { readonly name: string; readonly version: string }
  readonly generatedAt: string
  /** The audited app, as the disclosures file names it. */
  readonly subject?: string
  readonly manifest: readonly CaptureSource[]
  readonly datasets: readonly ReportDataset[]
  readonly disclosuresChecked: boolean
  readonly indicatorsUsed: readonly string[]
  /** 'supplied': the investigator's --digest-key (digests comparable across audits); 'per-run': random, not kept. */
  readonly digestKey: 'supplied' | 'per-run'
  readonly summary: {
    readonly flows: number
    readonly encryptedFlows: number
    readonly destinations: number
    readonly organisations: number
    readonly countries: readonly string[]
    readonly findings: number
    readonly confirmed: number
    readonly undisclosed: number
    readonly beforeConsent: number
    readonly headlines: readonly string[]
  }
  readonly destinations: readonly AuditDestination[]
  readonly matrix: readonly FlowSummaryRow[]
  readonly findings: readonly AuditFinding[]
  /** Counted, not listed (see {@link OmittedFindings}). */
  readonly omitted: readonly OmittedFindings[]
  readonly timeline: readonly TimelineEvent[]
  readonly warnings: readonly AuditWarning[]
}

/** The parts the use case collected. */
export interface ReportParts {
  readonly tool: AuditReport['tool']
  readonly generatedAt: string
  readonly subject?: string
  readonly manifest: readonly CaptureSource[]
  readonly datasets: readonly ReportDataset[]
  readonly disclosuresChecked: boolean
  readonly indicatorsUsed: readonly string[]
  readonly digestKey: AuditReport['digestKey']
  readonly consent: readonly { readonly moment: string; readonly time: string }[]
  readonly flows: number
  readonly destinations: readonly AuditDestination[]
  readonly findings: readonly AuditFinding[]
  readonly omitted?: readonly OmittedFindings[]
  readonly warnings: readonly AuditWarning[]
}

const unknownEntity = 'unknown recipient'

/** Entity name and country of a destination as the report groups it. */
export function entityOf(d: AuditDestination | undefined): { name: string; country: string } {
  if (d?.entity === undefined) return { name: unknownEntity, country: '??' }
  return { name: d.entity.name, country: d.entity.country ?? '??' }
}

const byTime = (a: { time?: string }, b: { time?: string }): number =>
  (a.time ?? '\uffff').localeCompare(b.time ?? '\uffff')

/** Sorts and aggregates the collected parts into the report: summary, matrix, timeline. */
export function buildAuditReport(parts: ReportParts): AuditReport {
  const destinations = [...parts.destinations].sort((a, b) => a.id.localeCompare(b.id))
  const destById = new Map(destinations.map((d) => [d.id, d]))
  const findings = [...parts.findings].sort((a, b) => byTime(a, b) || compareIds(a.id, b.id))

  const omitted = [...(parts.omitted ?? [])].sort(
    (a, b) => a.destinationId.localeCompare(b.destinationId) || a.category.localeCompare(b.category),
  )
  const rows = new Map<string, FlowSummaryRow & { serverCountries: string[]; destinations: string[] }>()
  const tallies: {
    destinationId: string
    category: AuditCategory
    time?: string
    findings: number
    confirmed: number
    undisclosed: number
    beforeConsent: number
  }[] = [
    ...findings.map((f) => ({
      destinationId: f.destinationId,
      category: f.category,
      ...(f.time === undefined ? {} : { time: f.time }),
      findings: 1,
      confirmed: f.confidence === 'confirmed' ? 1 : 0,
      undisclosed: f.disclosed === false ? 1 : 0,
      beforeConsent: f.beforeConsent === true ? 1 : 0,
    })),
    ...omitted,
  ]
  for (const f of tallies) {
    const d = destById.get(f.destinationId)
    const e = entityOf(d)
    const key = `${f.category}\n${e.name}`
    let row = rows.get(key)
    if (row === undefined) {
      row = {
        category: f.category,
        entity: e.name,
        entityCountry: e.country,
        serverCountries: [],
        destinations: [],
        findings: 0,
        confirmed: 0,
        undisclosed: 0,
        beforeConsent: 0,
        ...(f.time === undefined ? {} : { firstSeen: f.time }),
      }
      rows.set(key, row)
    }
    const r = row as { -readonly [K in keyof FlowSummaryRow]: FlowSummaryRow[K] } & {
      serverCountries: string[]
      destinations: string[]
    }
    r.findings += f.findings
    r.confirmed += f.confirmed
    r.undisclosed += f.undisclosed
    r.beforeConsent += f.beforeConsent
    for (const c of d?.serverCountries ?? []) if (!r.serverCountries.includes(c)) r.serverCountries.push(c)
    if (d?.host !== undefined && !r.destinations.includes(d.host)) r.destinations.push(d.host)
    else if (d?.host === undefined && d !== undefined && !r.destinations.includes(d.id.slice(5)))
      r.destinations.push(d.id.slice(5))
  }
  const matrix = [...rows.values()].sort(
    (a, b) => b.confirmed - a.confirmed || b.findings - a.findings || a.category.localeCompare(b.category),
  )

  const timeline: TimelineEvent[] = parts.consent.map((c) => ({
    time: c.time,
    kind: 'consent' as const,
    text: `consent: ${c.moment}`,
    flagged: false,
  }))
  const firstByDestination = new Map<string, AuditFinding>()
  for (const f of findings)
    if (f.time !== undefined && !firstByDestination.has(f.destinationId))
      firstByDestination.set(f.destinationId, f)
  for (const [id, f] of firstByDestination) {
    const d = destById.get(id)
    const e = entityOf(d)
    const cats = [
      ...new Set(findings.filter((x) => x.destinationId === id).map((x) => categoryLabels[x.category])),
    ]
    timeline.push({
      time: f.time as string,
      kind: 'first-transfer',
      text: `first transfer to ${d?.host ?? id.slice(5)} (${e.name}, ${e.country}): ${cats.join(', ')}`,
      flagged:
        f.beforeConsent === true || findings.some((x) => x.destinationId === id && x.disclosed === false),
    })
  }
  timeline.sort((a, b) => a.time.localeCompare(b.time))

  const countries = new Set<string>()
  for (const d of destinations) {
    for (const c of d.serverCountries) countries.add(c)
    if (d.entity?.country) countries.add(d.entity.country)
  }
  const organisations = new Set(destinations.map((d) => d.entity?.name).filter((n) => n !== undefined))
  const headlines = matrix
    .filter((r) => r.confirmed > 0 || r.undisclosed > 0)
    .slice(0, 8)
    .map((r) => {
      const flags = [
        ...(r.undisclosed > 0 ? ['not disclosed'] : []),
        ...(r.beforeConsent > 0 ? ['before consent'] : []),
      ]
      return `${categoryLabels[r.category]} sent to ${r.entity} (${r.entityCountry})${flags.length ? ` — ${flags.join(', ')}` : ''}`
    })
  return {
    tool: parts.tool,
    generatedAt: parts.generatedAt,
    ...(parts.subject === undefined ? {} : { subject: parts.subject }),
    manifest: parts.manifest,
    datasets: parts.datasets,
    disclosuresChecked: parts.disclosuresChecked,
    indicatorsUsed: parts.indicatorsUsed,
    digestKey: parts.digestKey,
    summary: {
      flows: parts.flows,
      encryptedFlows: destinations.reduce((n, d) => n + d.encryptedFlows, 0),
      destinations: destinations.length,
      organisations: organisations.size,
      countries: [...countries].sort(),
      findings: tallies.reduce((n, t) => n + t.findings, 0),
      confirmed: tallies.reduce((n, t) => n + t.confirmed, 0),
      undisclosed: tallies.reduce((n, t) => n + t.undisclosed, 0),
      beforeConsent: tallies.reduce((n, t) => n + t.beforeConsent, 0),
      headlines,
    },
    destinations,
    matrix,
    findings,
    omitted,
    timeline,
    warnings: parts.warnings,
  }
}

// Ids like "0:12/3": compare number by number so 0:9 sorts before 0:10.
function compareIds(a: string, b: string): number {
  const pa = a.split(/[:/]/).map(Number)
  const pb = b.split(/[:/]/).map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1)
    if (d !== 0) return d
  }
  return 0
}
