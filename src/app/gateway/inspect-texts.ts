// Runs the detection engine over every text that would leave, and rolls findings up for the policy.
import type { DetectionEngine } from '../../core/detection/create-engine.ts'
import { categoryOfType, type EntityType } from '../../core/detection/entity-type.ts'
import type { Finding } from '../../core/detection/finding.ts'
import type { DetectionSummary } from '../../core/policy/policy-types.ts'
import { GatewayError } from './gateway-error.ts'

/** Findings per text (same order as the input), plus the roll-up the policy decides on. */
export interface Inspection {
  readonly findings: readonly (readonly Finding[])[]
  readonly summary: readonly DetectionSummary[]
  readonly typeCounts: Readonly<Record<string, number>>
}

/**
 * Scans `texts`. Throws INSPECTION_FAILED when the engine throws or the time budget is spent:
 * the caller fails closed unless configured otherwise. `now` is a monotonic millisecond clock.
 */
export function inspectTexts(
  engine: DetectionEngine,
  texts: readonly string[],
  options: { readonly minScore: number; readonly timeoutMs: number; readonly now: () => number },
): Inspection {
  const started = options.now()
  const findings: Finding[][] = []
  try {
    for (const text of texts) {
      findings.push(text === '' ? [] : [...engine.scan(text, { minScore: options.minScore })])
      // The engine is synchronous and cannot be interrupted; checking between texts bounds the
      // overrun to one text, and a request whose inspection ran over does not leave.
      if (options.now() - started > options.timeoutMs) {
        throw new GatewayError(
          'INSPECTION_FAILED',
          `inspection took longer than ${options.timeoutMs} ms; the request was not sent`,
          { rule: 'inspection-failed' },
        )
      }
    }
  } catch (error) {
    if (error instanceof GatewayError) throw error
    throw new GatewayError('INSPECTION_FAILED', 'inspection could not complete; the request was not sent', {
      rule: 'inspection-failed',
      cause: error,
    })
  }
  return { findings, ...summarise(findings.flat()) }
}

/** Rolls findings up per type: count and best score. */
export function summarise(findings: readonly Finding[]): {
  readonly summary: readonly DetectionSummary[]
  readonly typeCounts: Readonly<Record<string, number>>
} {
  const byType = new Map<EntityType, { count: number; maxScore: number }>()
  for (const f of findings) {
    const seen = byType.get(f.type)
    if (seen === undefined) byType.set(f.type, { count: 1, maxScore: f.score })
    else {
      seen.count++
      if (f.score > seen.maxScore) seen.maxScore = f.score
    }
  }
  const summary: DetectionSummary[] = []
  const typeCounts: Record<string, number> = {}
  for (const [type, { count, maxScore }] of byType) {
    summary.push({ type, category: categoryOfType[type], count, maxScore })
    typeCounts[type] = count
  }
  return { summary, typeCounts }
}
