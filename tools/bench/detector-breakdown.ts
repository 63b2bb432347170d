import type { Detector } from '../../src/core/detection/detector.ts'
import type { Finding } from '../../src/core/detection/finding.ts'
import { resolveOverlaps } from '../../src/core/detection/resolve-overlaps.ts'
import { createScanInput, type ScanInput } from '../../src/core/detection/scan-input.ts'
import { digitRunsOf } from '../../src/core/detectors/korean-ids/digit-runs.ts'
import { numericRunsOf } from '../../src/core/detectors/korean-ids/numeric-runs.ts'
import { pairPassesOf } from '../../src/core/detectors/text-scan/pair-passes.ts'

/** Time one stage took, over the documents it got through within its share of the budget. */
export interface BreakdownRow {
  readonly id: string
  readonly ms: number
  readonly mbPerSecond: number
  readonly findings: number
  /** Documents the stage processed (fewer than given when its time share ran out). */
  readonly documents: number
}

/**
 * Times each stage of a scan separately over `docs`: normalisation (building the scan input), the
 * passes detectors share (digit runs, numeric runs, the unit-pair pass), every detector alone on the
 * prepared inputs, and overlap resolution. Sorted slowest first. The inputs are built once and
 * reused, so a detector's time excludes normalisation and the shared passes. Each stage gets an equal
 * share of `budgetMs`; a stage that runs out reports its rate over the documents it finished.
 */
export function detectorBreakdown(
  detectors: readonly Detector[],
  docs: readonly string[],
  budgetMs: number,
): BreakdownRow[] {
  const sizes = docs.map((d) => Buffer.byteLength(d, 'utf8'))
  const share = budgetMs / (detectors.length + 5)
  const rows: BreakdownRow[] = []
  const row = (id: string, ms: number, findings: number, documents: number): BreakdownRow => {
    const bytes = sizes.slice(0, documents).reduce((n, b) => n + b, 0)
    return { id, ms, mbPerSecond: bytes / 1e6 / Math.max(1e-9, ms / 1000), findings, documents }
  }

  let t0 = performance.now()
  const inputs: ScanInput[] = []
  for (const d of docs) {
    inputs.push(createScanInput(d))
    if (performance.now() - t0 > share) break
  }
  rows.push(row('(normalisation)', performance.now() - t0, 0, inputs.length))

  // Shared passes, each computed once per input and kept with it (later stages find them done).
  const shared: [string, (input: ScanInput) => unknown][] = [
    ['(shared digit runs)', digitRunsOf],
    ['(shared numeric runs)', numericRunsOf],
    ['(shared pair pass)', pairPassesOf],
  ]
  for (const [id, pass] of shared) {
    t0 = performance.now()
    for (const input of inputs) pass(input)
    rows.push(row(id, performance.now() - t0, 0, inputs.length))
  }

  const all: Finding[][] = inputs.map(() => [])
  for (const detector of detectors) {
    let found = 0
    let done = 0
    t0 = performance.now()
    for (const input of inputs) {
      const out = detector.detect(input)
      found += out.length
      for (const f of out) (all[done] as Finding[]).push(f)
      done++
      if (performance.now() - t0 > share) break
    }
    rows.push(row(detector.id, performance.now() - t0, found, done))
  }

  t0 = performance.now()
  let kept = 0
  let resolved = 0
  for (const list of all) {
    kept += resolveOverlaps(list).length
    resolved++
    if (performance.now() - t0 > share) break
  }
  rows.push(row('(overlap resolution)', performance.now() - t0, kept, resolved))
  return rows.sort((a, b) => b.ms / Math.max(1, b.documents) - a.ms / Math.max(1, a.documents))
}
