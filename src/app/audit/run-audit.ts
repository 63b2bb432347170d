import { createSecretKey } from 'node:crypto'
import {
  analysePayloads,
  type FlowPayloads,
  maskValue,
  type PayloadFinding,
  redactUrl,
  valueDigest,
} from '../../core/audit/analyse-payloads.ts'
import { parseAuditCategory } from '../../core/audit/audit-categories.ts'
import {
  type AuditDestination,
  type AuditFinding,
  type AuditReport,
  buildAuditReport,
  type OmittedFindings,
  type OwningEntity,
  type ReportDataset,
} from '../../core/audit/audit-report.ts'
import { checkDisclosure, type Disclosures } from '../../core/audit/disclosures.ts'
import type { AuditFlow, AuditWarning, CaptureSource } from '../../core/audit/flow.ts'
import { type Indicator, indicatorForms } from '../../core/audit/indicators.ts'
import type { RecipientRegistry } from '../../core/audit/recipient-registry.ts'
import type { Catalog } from '../../core/catalog/catalog.ts'
import type { DetectionEngine } from '../../core/detection/create-engine.ts'
import type { Finding } from '../../core/detection/finding.ts'
import type { CaptureReader, IpFacts, IpLookup } from './audit-ports.ts'
import { decodeContentEncoding, defaultMaxDecodedBytes } from './decode-body.ts'

/** What `runAudit` works with. */
export interface AuditDeps {
  readonly reader: CaptureReader
  readonly ipLookup: IpLookup
  readonly catalog: Catalog
  readonly registry: RecipientRegistry
  /** The detection engine for pattern findings; without it only indicators, structure and the heuristic run. */
  readonly engine?: DetectionEngine
  /** Registrable domain (eTLD+1) of a host. */
  readonly registrableDomain?: (host: string) => string | undefined
  readonly now: () => Date
  readonly version: string
  /** Fresh random bytes: the per-run digest key when the investigator supplies none. */
  readonly randomKey: () => Uint8Array
}

/** One audit: the captures and what the investigator knows. */
export interface AuditRequest {
  readonly captures: readonly string[]
  readonly indicators?: readonly Indicator[]
  readonly disclosures?: Disclosures
  /** Score floor of pattern findings (default 0.6). */
  readonly minScore?: number
  readonly maxDecodedBytes?: number
  /** Findings of one kind (destination, category, method, label) kept as evidence; the rest are counted (default 25). */
  readonly maxEvidencePerKind?: number
  /** Key of the value digests in the report; supply the same key to compare digests across audits. */
  readonly digestKey?: string
  /** Called as each capture is read: its index and the bytes read so far. */
  readonly onProgress?: (capture: number, bytesRead: number) => void
}

interface DestinationState {
  id: string
  host?: string
  domain?: string
  hostEvidence: Set<string>
  ips: Set<string>
  facts: Map<string, IpFacts>
  service?: { id: string; name: string; ai: boolean }
  entity?: OwningEntity
  firstSeen?: string
  lastSeen?: string
  flows: number
  encryptedFlows: number
  bytesSent: number
}

const maxWarnings = 10_000

// One decoder for every body (not streaming, so it keeps no state between calls); invalid bytes become U+FFFD.
const utf8 = new TextDecoder('utf-8', { fatal: false })

/**
 * Reads every capture (streaming), analyses each request as it arrives (content encoding undone, payload
 * decoded, indicators, structural fields, engine patterns, free-text heuristic), enriches destinations
 * offline (catalog, registry, IP data) and checks each finding against the disclosures. Bodies are not
 * kept: only destinations, findings (masked) and warnings accumulate, so memory follows findings, not
 * capture size.
 */
export async function runAudit(deps: AuditDeps, request: AuditRequest): Promise<AuditReport> {
  const forms = indicatorForms(request.indicators ?? [])
  const engineCache = new Map<string, readonly Finding[]>()
  const digestKey = createSecretKey(
    request.digestKey === undefined ? deps.randomKey() : new TextEncoder().encode(request.digestKey),
  )
  const maxEvidence = request.maxEvidencePerKind ?? 25
  const evidenceCounts = new Map<string, number>()
  const omitted = new Map<string, OmittedFindings>()
  const minScore = request.minScore ?? 0.6
  const maxDecoded = request.maxDecodedBytes ?? defaultMaxDecodedBytes
  const destinations = new Map<string, DestinationState>()
  const findings: AuditFinding[] = []
  const warnings: AuditWarning[] = []
  const manifest: CaptureSource[] = []
  let flows = 0
  let droppedWarnings = 0
  const warn = (w: AuditWarning): void => {
    if (warnings.length < maxWarnings) warnings.push(w)
    else droppedWarnings++
  }

  const destinationOf = (f: AuditFlow): DestinationState => {
    const host = f.host?.toLowerCase().replace(/\.$/, '')
    const key = host ?? f.serverIp ?? 'unknown'
    let d = destinations.get(key)
    if (d === undefined) {
      d = {
        id: `dest:${key}`,
        hostEvidence: new Set(),
        ips: new Set(),
        facts: new Map(),
        flows: 0,
        encryptedFlows: 0,
        bytesSent: 0,
      }
      if (host !== undefined) {
        d.host = host
        const domain = deps.registrableDomain?.(host)
        if (domain) d.domain = domain
        const match = deps.catalog.matchHost(host)
        if (match) d.service = { id: match.entry.id, name: match.entry.name, ai: !match.shared }
      }
      destinations.set(key, d)
    }
    if (f.serverIp !== undefined && !d.ips.has(f.serverIp)) {
      d.ips.add(f.serverIp)
      d.facts.set(f.serverIp, deps.ipLookup.lookup(f.serverIp))
    }
    // The owner is settled once: by host when a list knows it, else by the first address's ASN.
    if (d.entity === undefined) {
      const entity = owningEntity(deps, d)
      if (entity) d.entity = entity
    }
    return d
  }

  const onFlow = (f: AuditFlow): void => {
    flows++
    if (f.scheme === 'dns') return
    const d = destinationOf(f)
    d.flows++
    if (f.encrypted) d.encryptedFlows++
    d.bytesSent += f.bytesSent ?? f.requestBody?.length ?? 0
    if (f.hostEvidence) d.hostEvidence.add(f.hostEvidence)
    if (f.time !== undefined) {
      if (d.firstSeen === undefined || f.time < d.firstSeen) d.firstSeen = f.time
      if (d.lastSeen === undefined || f.time > d.lastSeen) d.lastSeen = f.time
    }
    const found = analyseFlow(f, d)
    found.forEach((p, n) => {
      const verdict =
        request.disclosures === undefined
          ? undefined
          : checkDisclosure(
              request.disclosures,
              d.entity === undefined
                ? undefined
                : {
                    entity: d.entity.name,
                    aliases: d.entity.aliases,
                    ...(d.entity.country ? { country: d.entity.country } : {}),
                  },
              p.category,
              f.time,
            )
      const kind = `${d.id}\n${p.category}\n${p.method}\n${p.label}`
      const seen = (evidenceCounts.get(kind) ?? 0) + 1
      evidenceCounts.set(kind, seen)
      if (seen > maxEvidence) {
        const key = `${d.id}\n${p.category}`
        let o = omitted.get(key)
        if (o === undefined) {
          o = {
            destinationId: d.id,
            category: p.category,
            findings: 0,
            confirmed: 0,
            undisclosed: 0,
            beforeConsent: 0,
          }
          omitted.set(key, o)
        }
        o.findings++
        if (p.confidence === 'confirmed') o.confirmed++
        if (verdict?.disclosed === false) o.undisclosed++
        if (verdict?.beforeConsent === true) o.beforeConsent++
        return
      }
      findings.push({
        id: `${f.id}/${n + 1}`,
        flowId: f.id,
        destinationId: d.id,
        ...(f.time === undefined ? {} : { time: f.time }),
        method: f.method ?? (f.encrypted ? 'TLS' : '-'),
        ...(f.url === undefined ? {} : { url: redactUrl(f.url) }),
        category: p.category,
        label: p.label,
        how: p.method,
        confidence: p.confidence,
        score: p.score,
        where: p.where,
        ...(p.form === undefined ? {} : { form: p.form }),
        ...(p.indicator === undefined ? {} : { indicator: p.indicator }),
        ...(p.rule === undefined ? {} : { rule: p.rule }),
        excerpt: `${p.where.split(' → ').pop()}: ${maskValue(p.value)}`,
        valueDigest: valueDigest(p.value, digestKey),
        ...(verdict === undefined
          ? {}
          : {
              disclosed: verdict.disclosed,
              ...(verdict.disclosedAs === undefined ? {} : { disclosedAs: verdict.disclosedAs }),
              ...(verdict.beforeConsent === undefined ? {} : { beforeConsent: verdict.beforeConsent }),
            }),
        disclosureNotes: verdict?.reasons ?? [],
      })
    })
  }

  const analyseFlow = (f: AuditFlow, d: DestinationState): PayloadFinding[] => {
    const out: PayloadFinding[] = []
    if (f.ledger !== undefined) {
      for (const name of f.ledger.categories) {
        const category = parseAuditCategory(name)
        if (category !== undefined)
          out.push({
            category,
            label: `${name} (recorded by the Sluice gateway)`,
            method: 'ledger',
            confidence: 'confirmed',
            score: 1,
            where: `ledger record ${f.ledger.requestId}`,
            value: name,
          })
      }
    }
    if (f.encrypted) return out
    let body: FlowPayloads['body']
    if (f.requestBody !== undefined && f.requestBody.length > 0) {
      const decoded = decodeContentEncoding(f.requestBody, f.requestContentEncoding, maxDecoded)
      if (decoded.ok) {
        body = {
          text: utf8.decode(decoded.bytes),
          ...(f.requestContentType === undefined ? {} : { contentType: f.requestContentType }),
          where: ['body', ...decoded.steps].join(' → '),
        }
      } else
        warn({
          source: f.source,
          where: `flow ${f.id}`,
          message: `request body not analysed: ${decoded.reason}`,
        })
    }
    const payloads: FlowPayloads = {
      ...(f.url === undefined ? {} : { url: f.url }),
      headers: f.requestHeaders ?? [],
      ...(body === undefined ? {} : { body }),
    }
    out.push(
      ...analysePayloads(payloads, {
        indicatorForms: forms,
        ...(deps.engine === undefined ? {} : { engine: deps.engine }),
        minScore,
        aiDestination: d.service?.ai === true,
        engineCache,
      }),
    )
    return out
  }

  for (const [index, file] of request.captures.entries()) {
    const source = await deps.reader.readCapture(
      file,
      {
        flow: (f) => {
          try {
            onFlow(f)
          } catch (error) {
            // One bad flow must not end the audit: it is reported and the rest goes on.
            warn({
              source: index,
              where: `flow ${f.id}`,
              message: `analysis failed: ${(error as Error).message}`,
            })
          }
        },
        warn,
      },
      {
        sourceIndex: index,
        ...(request.onProgress ? { onProgress: (n: number) => request.onProgress?.(index, n) } : {}),
      },
    )
    manifest.push(source)
  }
  if (droppedWarnings > 0)
    warnings.push({ source: -1, where: 'audit', message: `${droppedWarnings} further warnings not listed` })

  const registryDataset: ReportDataset = {
    name: 'Sluice recipients registry (catalog/recipients-registry.json)',
    provides: 'domain suffix / ASN → owning organisation and its country',
    licence: 'CC0-1.0',
    version: deps.registry.reviewedAt,
    date: deps.registry.reviewedAt,
    attribution: 'Sluice; sources listed per entry',
  }
  return buildAuditReport({
    tool: { name: 'sluice audit', version: deps.version },
    generatedAt: deps.now().toISOString(),
    ...(request.disclosures?.app === undefined ? {} : { subject: request.disclosures.app }),
    manifest,
    datasets: [...deps.ipLookup.datasets, registryDataset],
    disclosuresChecked: request.disclosures !== undefined,
    indicatorsUsed: (request.indicators ?? []).map((i) => i.name),
    digestKey: request.digestKey === undefined ? 'per-run' : 'supplied',
    consent: request.disclosures?.consent ?? [],
    flows,
    destinations: [...destinations.values()].map(toDestination),
    findings,
    omitted: [...omitted.values()],
    warnings,
  })
}

function owningEntity(deps: AuditDeps, d: DestinationState): OwningEntity | undefined {
  if (d.host !== undefined) {
    const r = deps.registry.byHost(d.host)
    if (r)
      return {
        name: r.recipient.entity,
        country: r.recipient.country,
        ...(r.recipient.headquarters ? { headquarters: r.recipient.headquarters } : {}),
        ...(r.recipient.parent ? { parent: r.recipient.parent } : {}),
        aliases: r.recipient.aliases,
        via: 'registry-domain',
        sources: r.recipient.sources,
      }
    const match = deps.catalog.matchHost(d.host)
    if (match)
      return {
        name: match.entry.operator,
        country: match.entry.operatorCountry,
        aliases: [match.entry.name],
        via: 'catalog',
        sources: match.entry.sources,
      }
  }
  for (const facts of d.facts.values()) {
    if (facts.asn === undefined) continue
    const r = deps.registry.byAsn(facts.asn)
    if (r)
      return {
        name: r.entity,
        country: r.country,
        ...(r.headquarters ? { headquarters: r.headquarters } : {}),
        ...(r.parent ? { parent: r.parent } : {}),
        aliases: r.aliases,
        via: 'registry-asn',
        sources: r.sources,
      }
    if (facts.asOrg)
      return {
        name: facts.asOrg,
        aliases: [],
        via: 'asn',
        sources: [`AS${facts.asn} holder per the ASN data set`],
      }
  }
  return undefined
}

function toDestination(d: DestinationState): AuditDestination {
  const facts = [...d.facts.values()]
  const asns = new Map<number, string>()
  for (const f of facts) if (f.asn !== undefined) asns.set(f.asn, f.asOrg ?? '')
  return {
    id: d.id,
    ...(d.host === undefined ? {} : { host: d.host }),
    ...(d.domain === undefined ? {} : { domain: d.domain }),
    hostEvidence: [...d.hostEvidence].sort(),
    ips: [...d.ips].sort(),
    serverCountries: [...new Set(facts.map((f) => f.country).filter((c) => c !== undefined))].sort(),
    asns: [...asns].map(([asn, org]) => ({ asn, org })).sort((a, b) => a.asn - b.asn),
    reserved: [...new Set(facts.map((f) => f.reserved).filter((r) => r !== undefined))],
    ...(d.service === undefined ? {} : { service: d.service }),
    ...(d.entity === undefined ? {} : { entity: d.entity }),
    ...(d.firstSeen === undefined ? {} : { firstSeen: d.firstSeen }),
    ...(d.lastSeen === undefined ? {} : { lastSeen: d.lastSeen }),
    flows: d.flows,
    encryptedFlows: d.encryptedFlows,
    bytesSent: d.bytesSent,
  }
}
