import type { DetectionEngine } from '../../src/core/detection/create-engine.ts'
import type { ConformanceCase, Range } from './conformance-case.ts'

/** How one case came out. */
export interface CaseOutcome {
  /** The findings of the case's types, as [start, end) sorted by start. */
  readonly found: readonly Range[]
  /** Matches the upstream expectation. */
  readonly upstream: boolean
  /** Matches the documented difference, when the case has one. */
  readonly documented: boolean
  /** Conformant: upstream behaviour, or exactly the documented deliberate difference. */
  readonly pass: boolean
}

function agrees(found: readonly Range[], count: number, spans: readonly Range[] | undefined): boolean {
  if (found.length !== count) return false
  if (spans === undefined) return true
  const want = [...spans].sort((a, b) => a[0] - b[0])
  return want.every((w, i) => found[i]?.[0] === w[0] && found[i]?.[1] === w[1])
}

/**
 * Scans the case text with the full engine (every detector, default score floor, overlap resolution)
 * and compares the findings of the case's types with the expectation. A case with a documented
 * difference passes only when Sluice does exactly what the difference says, and NOT what upstream
 * expects: an upstream pass means the documented reason no longer holds and must be removed.
 */
export function checkCase(engine: DetectionEngine, c: ConformanceCase): CaseOutcome {
  const wanted = new Set<string>(c.types)
  const found: Range[] = engine
    .scan(c.text)
    .filter((f) => wanted.has(f.type))
    .map((f) => [f.start, f.end] as const)
  found.sort((a, b) => a[0] - b[0])
  const upstream = agrees(found, c.count, c.spans)
  const documented = c.difference !== undefined && agrees(found, c.difference.count, c.difference.spans)
  const pass = c.difference === undefined ? upstream : documented && !upstream
  return { found, upstream, documented, pass }
}
