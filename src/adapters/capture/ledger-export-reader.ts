// Sluice's own ledger as an audit input: the records.jsonl of an evidence bundle (`sluice ledger
// export`: {seq, prevHash, hash, entry}) or plain ledger entries one per line. Each decision record
// becomes a flow carrying what the gateway recorded (service, recipients, countries, categories);
// the ledger holds no content, so the flows have no bodies.
import type { AuditFlow, AuditLedgerFacts } from '../../core/audit/flow.ts'
import { entryProblem } from '../../core/ledger/ledger-record.ts'
import { createLineSplitter } from './line-splitter.ts'
import type { ChunkParser } from './packet.ts'

/** Where the ledger reader sends what it reads. */
export interface LedgerSink {
  flow(f: Omit<AuditFlow, 'id' | 'source'>): void
  warn(where: string, message: string): void
}

/** True when a JSON line is a ledger record or entry. */
export function looksLikeLedgerLine(line: string): boolean {
  try {
    const v = JSON.parse(line) as unknown
    if (typeof v !== 'object' || v === null) return false
    const o = v as Record<string, unknown>
    const entry = typeof o.entry === 'object' && o.entry !== null ? (o.entry as Record<string, unknown>) : o
    return typeof entry.kind === 'string' && typeof entry.time === 'string'
  } catch {
    return false
  }
}

/** A push parser for ledger records as JSON lines. */
export function createLedgerParser(sink: LedgerSink): ChunkParser {
  return createLineSplitter(
    (text, lineNo) => {
      if (text.trim() === '') return
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch {
        sink.warn(`line ${lineNo}`, 'not JSON: skipped')
        return
      }
      const record = value as Record<string, unknown>
      const entry = (
        typeof record.entry === 'object' && record.entry !== null ? record.entry : record
      ) as Record<string, unknown>
      const problem = entryProblem(entry)
      if (problem !== undefined) {
        sink.warn(`line ${lineNo}`, `not a valid ledger entry (${problem}): skipped`)
        return
      }
      // Consent, directive and erasure records are not flows.
      if (entry.kind !== 'decision') return
      sink.flow(decisionFlow(entry, typeof record.seq === 'number' ? record.seq : undefined))
    },
    (lineNo) => sink.warn(`line ${lineNo}`, 'line longer than 1 MiB: skipped'),
  )
}

function decisionFlow(e: Record<string, unknown>, seq: number | undefined): Omit<AuditFlow, 'id' | 'source'> {
  const recipients = (e.recipients as { name: string; country: string }[]).map((r) => ({
    name: r.name,
    country: r.country,
  }))
  const facts: AuditLedgerFacts = {
    ...(seq === undefined ? {} : { seq }),
    requestId: e.requestId as string,
    direction: e.direction as 'request' | 'response',
    ...(typeof e.service === 'string' ? { service: e.service } : {}),
    recipients,
    countries: e.countries as string[],
    categories: e.categories as string[],
    action: e.action as string,
    rule: e.rule as string,
  }
  const upstream = typeof e.upstream === 'string' ? e.upstream : undefined
  let host = typeof e.host === 'string' ? e.host.toLowerCase() : undefined
  let url: string | undefined
  if (host === undefined && upstream !== undefined) {
    try {
      const u = new URL(upstream)
      host = u.hostname.toLowerCase()
      url = upstream
    } catch {
      // An upstream name, not a URL.
    }
  }
  return {
    time: new Date(Date.parse(e.time as string)).toISOString(),
    ...(host === undefined ? {} : { host, hostEvidence: 'log' as const }),
    ...(url === undefined ? {} : { url }),
    scheme: 'https',
    encrypted: false,
    ledger: facts,
  }
}
