import type { ScanInput } from '../../detection/scan-input.ts'

// Every digit-led Korean identifier lies inside a run of 10+ digits, separators and mask characters
// that starts with two digits and no letter or digit before it. One pass finds the runs; each
// detector then runs its own exact pattern over the runs only, so the text is scanned once, not
// once per detector (prose mostly has shorter runs).
const runShape = /(?<![0-9A-Za-z])[0-9][0-9][-0-9 *xX●○][-0-9 *xX●○]{7,}/g
// Detector patterns look at most two characters past either end of a match.
const margin = 2

interface NumericRun {
  /** Offset of `text` in the normalised text. */
  readonly from: number
  /** The run with up to two characters of context on each side. */
  readonly text: string
}

// Keyed by the scan input, so the pass is shared by every detector of one scan and dropped with it.
const runsByInput = new WeakMap<ScanInput, readonly NumericRun[]>()

function runsOf(input: ScanInput): readonly NumericRun[] {
  const cached = runsByInput.get(input)
  if (cached) return cached
  const text = input.text
  const runs: NumericRun[] = []
  runShape.lastIndex = 0
  for (let m = runShape.exec(text); m; m = runShape.exec(text)) {
    const from = Math.max(0, m.index - margin)
    runs.push({ from, text: text.slice(from, Math.min(text.length, m.index + m[0].length + margin)) })
  }
  runsByInput.set(input, runs)
  return runs
}

/**
 * Calls `visit` for each match of the global regex `shape` inside the numeric runs of `input`,
 * with the match's start in normalised-text offsets. `shape` must not need more than two
 * characters of context on either side.
 */
export function matchInRuns(
  input: ScanInput,
  shape: RegExp,
  visit: (match: RegExpExecArray, start: number) => void,
): void {
  for (const run of runsOf(input)) {
    shape.lastIndex = 0
    for (let m = shape.exec(run.text); m; m = shape.exec(run.text)) visit(m, run.from + m.index)
  }
}
