// The gateway's own metrics, and how the node:cluster primary serves the sum of its workers' metrics:
// each worker answers a snapshot request over IPC with `snapshot()`, the primary calls `renderMerged`.
import {
  type Counter,
  type Histogram,
  MetricsRegistry,
  type MetricsSnapshot,
  mergeSnapshots,
  renderSnapshot,
} from './prometheus-registry.ts'

/**
 * Upper bounds (seconds) for whole requests: from the 0.1 ms of the gateway's own overhead up to the
 * tens of seconds a long model answer takes.
 */
export const requestDurationBuckets: readonly number[] = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60,
  120,
]

/** Upper bounds (seconds) for inspecting one request: tens of microseconds for a prompt, seconds for a document. */
export const inspectionDurationBuckets: readonly number[] = [
  0.00002, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
  5,
]

/** The gateway's metrics; hold label children (`.labels(...)`) for label sets known up front. */
export interface GatewayMetrics {
  registry: MetricsRegistry
  /** Requests answered, by API (`openai.chat`, `anthropic.messages`…), tenant and HTTP status. */
  requests: Counter<readonly ['api', 'tenant', 'status']>
  /** Policy decisions, by action (allow, redact, pseudonymise, route, warn, block) and rule id. */
  decisions: Counter<readonly ['action', 'rule']>
  /** Detected entities, by entity type. */
  detections: Counter<readonly ['type']>
  /** Whole request time in seconds (client in to client out), by API. */
  requestDuration: Histogram<readonly ['api']>
  /** Inspection (detection + decision) time in seconds per request. */
  inspectionDuration: Histogram<readonly []>
  /** Failed upstream calls, by upstream name and kind (timeout, connect, status_5xx, reset…). */
  upstreamErrors: Counter<readonly ['upstream', 'kind']>
  /** Records appended to the ledger. */
  ledgerRecords: Counter<readonly []>
  /** This process's metrics as plain JSON, to send to the primary. */
  snapshot(): MetricsSnapshot
  /** This process's metrics as text exposition. */
  render(): string
  /** The sum of several processes' snapshots (include the primary's own if it counts anything). */
  renderMerged(snapshots: readonly MetricsSnapshot[]): string
}

/** Creates the gateway's metrics in a fresh registry (one per process). */
export function createGatewayMetrics(): GatewayMetrics {
  const registry = new MetricsRegistry()
  return {
    registry,
    requests: registry.counter({
      name: 'sluice_requests_total',
      help: 'Requests answered by the AI API gateway, by API, tenant and HTTP status.',
      labelNames: ['api', 'tenant', 'status'],
    }),
    decisions: registry.counter({
      name: 'sluice_decisions_total',
      help: 'Policy decisions taken, by action and rule.',
      labelNames: ['action', 'rule'],
    }),
    detections: registry.counter({
      name: 'sluice_detections_total',
      help: 'Entities detected in inspected content, by type.',
      labelNames: ['type'],
    }),
    requestDuration: registry.histogram({
      name: 'sluice_request_duration_seconds',
      help: 'Time from receiving a request to finishing its answer, by API.',
      labelNames: ['api'],
      buckets: requestDurationBuckets,
    }),
    inspectionDuration: registry.histogram({
      name: 'sluice_inspection_duration_seconds',
      help: 'Time spent inspecting one request (detection and policy decision).',
      buckets: inspectionDurationBuckets,
    }),
    upstreamErrors: registry.counter({
      name: 'sluice_upstream_errors_total',
      help: 'Failed calls to upstream AI services, by upstream and kind of failure.',
      labelNames: ['upstream', 'kind'],
    }),
    ledgerRecords: registry.counter({
      name: 'sluice_ledger_records_total',
      help: 'Decision records appended to the ledger.',
    }),
    snapshot: () => registry.snapshot(),
    render: () => registry.render(),
    renderMerged,
  }
}

/** Sums several processes' snapshots and renders them as one text exposition (format 0.0.4). */
export function renderMerged(snapshots: readonly MetricsSnapshot[]): string {
  return renderSnapshot(mergeSnapshots(snapshots))
}
