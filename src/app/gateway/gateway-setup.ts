// What the gateway use case needs from the running configuration. The composition root builds one
// from sluice.yaml + the catalog; a hot reload swaps in a new one while requests in flight keep theirs.
import type { Catalog } from '../../core/catalog/catalog.ts'
import type { CompiledPolicy } from '../../core/policy/compile-policy.ts'
import type { UpstreamTarget } from './gateway-ports.ts'

/** Who is asking, as the subject resolver decided. */
export type SubjectResolution =
  | {
      readonly ok: true
      readonly tenant: string
      readonly user?: string
      readonly groups: readonly string[]
      readonly zone?: string
      /** True when the caller was let in by a keyless zone rather than a virtual key. */
      readonly keyless: boolean
    }
  | { readonly ok: false; readonly reason: 'missing-key' | 'unknown-key' }

/** Inspection settings: how strict, and what happens when inspection cannot complete. */
export interface InspectionSettings {
  readonly failMode: 'closed' | 'open'
  readonly minScore: number
  /** Inspect answers too (policy rules with direction: response). */
  readonly responses: boolean
  /** Inspection that takes longer than this counts as failed. */
  readonly timeoutMs: number
}

/** One immutable snapshot of the gateway's configuration. */
export interface GatewaySetup {
  identify(input: { readonly apiKey?: string; readonly remoteAddress: string }): SubjectResolution
  policyFor(tenant: string): CompiledPolicy | undefined
  readonly catalog: Catalog
  upstream(id: string): UpstreamTarget | undefined
  upstreamForModel(model: string): UpstreamTarget | undefined
  readonly upstreams: readonly UpstreamTarget[]
  readonly inspection: InspectionSettings
}
