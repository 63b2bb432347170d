// The flows the ledger actually saw, per service and recipient: how many requests left, which personal
// categories they carried, and the bases recorded with them. Feeds the disclosure table.
import { personalCategories } from '../../core/transfers/consent.ts'
import type { ObservedFlow } from '../../core/transfers/disclosure-table.ts'
import { legalNameOf } from '../../core/transfers/recipient-register.ts'
import type { LedgerStore } from '../ledger-port.ts'

/** Which records count. Times are ISO 8601; `to` is exclusive. */
export interface FlowFilter {
  readonly tenant?: string
  readonly from?: string
  readonly to?: string
}

// Content left Sluice on these decisions; on 'redact' and 'pseudonymise' the detected values were
// replaced before sending, so those records count as flows but do not add transferred items.
const leaving = new Set(['allow', 'route', 'redact', 'pseudonymise'])
const unchanged = new Set(['allow', 'route'])
const page = 2_000

/** Reads the whole ledger (in pages, up to the count at the start) and sums the flows. */
export async function readObservedFlows(
  ledger: LedgerStore,
  filter: FlowFilter = {},
): Promise<ObservedFlow[]> {
  const total = await ledger.count()
  const fromMs = filter.from === undefined ? -Infinity : Date.parse(filter.from)
  const toMs = filter.to === undefined ? Infinity : Date.parse(filter.to)
  const flows = new Map<string, ObservedFlow>()
  for (let seq = 1; seq <= total; seq += page) {
    for (const { entry } of await ledger.read(seq, Math.min(page, total - seq + 1))) {
      if (entry.kind !== 'decision' || entry.direction !== 'request' || !leaving.has(entry.action)) continue
      if (filter.tenant !== undefined && entry.tenant !== filter.tenant) continue
      const at = Date.parse(entry.time)
      if (at < fromMs || at >= toMs) continue
      const service = entry.service ?? 'unknown'
      const items = unchanged.has(entry.action)
        ? entry.categories.filter((c) => personalCategories.includes(c))
        : []
      for (const recipient of entry.recipients) {
        const key = `${service}\u0000${recipient.name}\u0000${recipient.country}`
        let flow = flows.get(key)
        if (flow === undefined) {
          flow = {
            service,
            recipient: recipient.name,
            country: recipient.country,
            records: 0,
            categories: new Map(),
            bases: new Map(),
            first: entry.time,
            last: entry.time,
          }
          flows.set(key, flow)
        }
        flow.records++
        for (const c of items) flow.categories.set(c, (flow.categories.get(c) ?? 0) + 1)
        const legal = legalNameOf(recipient.name)
        for (const ground of entry.transfer?.grounds ?? []) {
          if (ground.recipient === legal || ground.recipient === recipient.name) {
            flow.bases.set(ground.basis, (flow.bases.get(ground.basis) ?? 0) + 1)
          }
        }
        if (Date.parse(entry.time) < Date.parse(flow.first)) flow.first = entry.time
        if (Date.parse(entry.time) > Date.parse(flow.last)) flow.last = entry.time
      }
    }
  }
  return [...flows.values()]
}
