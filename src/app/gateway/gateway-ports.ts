// The narrow ports the gateway use case talks through. Adapters implement them; tests use real ones.
import type { LedgerEntry } from '../../core/ledger/ledger-record.ts'

/** An AI provider endpoint Sluice forwards to, as configured. */
export interface UpstreamTarget {
  readonly id: string
  /** Which wire protocol the upstream speaks. 'openai-compatible' covers vLLM, Ollama, internal models. */
  readonly kind: 'openai' | 'anthropic' | 'openai-compatible'
  /** Replaces the client's '/v1' prefix: `https://api.openai.com/v1`, `https://api.anthropic.com/v1`. */
  readonly baseUrl: string
  /** The key Sluice holds for this upstream ('held' mode). */
  readonly apiKey?: string
  /** 'passthrough' forwards the client's own provider key instead of a held one. */
  readonly keyMode: 'held' | 'passthrough'
  /** The environment variable a held key should come from, when it was not set: calls fail naming it. */
  readonly missingKeyEnv?: string
  /** The catalog service this upstream is (decides operator, recipients and countries). */
  readonly service?: string
  /** A model name to use when a policy routes a request here (internal models have their own names). */
  readonly model?: string
  readonly timeoutMs: number
}

/** One call to an upstream. `path` is relative to the target's baseUrl, e.g. '/chat/completions'. */
export interface UpstreamCall {
  readonly target: UpstreamTarget
  readonly method: 'GET' | 'POST'
  readonly path: string
  readonly body?: unknown
  /** Provider headers passed through (anthropic-version, anthropic-beta, openai-organization…). */
  readonly headers: Readonly<Record<string, string>>
  /** The client's own provider credential, used only in 'passthrough' mode. */
  readonly clientKey?: string
  readonly signal?: AbortSignal
}

/** An upstream's answer: a parsed JSON body, or a text stream for server-sent events. */
export type UpstreamReply =
  | { readonly kind: 'json'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'stream'; readonly status: number; readonly chunks: AsyncIterable<string> }

/** Thrown by an UpstreamPort when no usable answer came back. */
export class UpstreamError extends Error {
  readonly kind: 'timeout' | 'connect' | 'protocol'
  readonly upstream: string
  constructor(kind: 'timeout' | 'connect' | 'protocol', upstream: string, message: string) {
    super(message)
    this.name = 'UpstreamError'
    this.kind = kind
    this.upstream = upstream
  }
}

/** Calls AI providers. Implemented with undici at the edge. */
export interface UpstreamPort {
  call(call: UpstreamCall): Promise<UpstreamReply>
}

/** Appends decision records; resolves once the record is durable in the chain. */
export interface DecisionRecorder {
  record(entry: LedgerEntry): Promise<void>
}

/** Counters the gateway reports; the metrics adapter implements it. */
export interface GatewayTelemetry {
  decision(action: string, rule: string): void
  detections(typeCounts: Readonly<Record<string, number>>): void
  inspection(seconds: number): void
  upstreamError(upstream: string, kind: string): void
}
