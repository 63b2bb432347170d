import type { Detector } from './detector.ts'
import type { EntityType } from './entity-type.ts'
import type { Finding } from './finding.ts'
import { resolveOverlaps } from './resolve-overlaps.ts'
import { createScanInput } from './scan-input.ts'

/** Per-call options: restrict types, change the score floor. */
export interface ScanOptions {
  readonly types?: ReadonlySet<EntityType>
  readonly minScore?: number
}

/** The detection engine: text in, non-overlapping findings in original UTF-16 offsets out. */
export interface DetectionEngine {
  readonly types: readonly EntityType[]
  scan(text: string, options?: ScanOptions): Finding[]
}

/** Default score floor: context-gated shapes without their context score below it. */
export const defaultMinScore = 0.5

/** Builds an engine over `detectors`. */
export function createDetectionEngine(
  detectors: readonly Detector[],
  minScore = defaultMinScore,
): DetectionEngine {
  const types = [...new Set(detectors.flatMap((d) => d.types))]
  return {
    types,
    scan(text, options = {}) {
      if (text.length === 0) return []
      const floor = options.minScore ?? minScore
      const wanted = options.types
      const input = createScanInput(text)
      const { normalized } = input
      // Identity normalisation (most prompts) keeps every finding's offsets: no mapping calls.
      const mapped = normalized.text !== text
      const found: Finding[] = []
      for (let d = 0; d < detectors.length; d++) {
        const detector = detectors[d] as Detector
        if (wanted && !detector.types.some((t) => wanted.has(t))) continue
        const out = detector.detect(input)
        for (let k = 0; k < out.length; k++) {
          const f = out[k] as Finding
          if (f.score < floor || (wanted && !wanted.has(f.type))) continue
          if (!mapped) {
            found.push(f)
            continue
          }
          const start = normalized.toOriginalStart(f.start)
          const end = normalized.toOriginalEnd(f.end)
          found.push(start === f.start && end === f.end ? f : { ...f, start, end })
        }
      }
      return resolveOverlaps(found)
    },
  }
}
