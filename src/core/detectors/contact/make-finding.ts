import type { EntityType } from '../../detection/entity-type.ts'
import type { Finding } from '../../detection/finding.ts'

/** Builds a finding with the score clamped to [0, 1] and rounded, omitting absent optional fields. */
export function makeFinding(
  type: EntityType,
  start: number,
  end: number,
  score: number,
  subtype?: string,
  validator?: string,
): Finding {
  // Rounding keeps sums such as 0.85 + 0.1 from printing as 0.9499999 in API output.
  const rounded = Math.round(Math.min(1, Math.max(0, score)) * 100) / 100
  const base = { type, start, end, score: rounded }
  if (subtype !== undefined && validator !== undefined) return { ...base, subtype, validator }
  if (subtype !== undefined) return { ...base, subtype }
  if (validator !== undefined) return { ...base, validator }
  return base
}
