import { createScanMemo, type ScanInput } from '../../detection/scan-input.ts'
import { digitRunsOf } from './digit-runs.ts'

// Every digit-led Korean identifier lies inside a run of 10+ digits, separators and mask characters
// that starts with two digits and no letter or digit before it (what
// `(?<![0-9A-Za-z])[0-9][0-9][-0-9 *xX●○][-0-9 *xX●○]{7,}` finds). The runs are grown from the
// shared digit runs; each detector then tries its own exact pattern inside them only, so the text
// is scanned once, not once per detector (prose mostly has shorter runs).

// Detector patterns look at most two characters past either end of a match.
const margin = 2

/** Runs of digits, separators and mask characters long enough to hold a Korean identifier. */
export interface NumericRuns {
  /** [start, end) of each run, in normalised-text offsets. */
  readonly bounds: readonly number[]
  /**
   * Offsets inside the runs where a digit starts after no letter or digit and after no digit
   * followed by '-' or '.': the only places an identifier led by `(?<![0-9A-Za-z]|[0-9][-.])[0-9]`
   * can start.
   */
  readonly starts: readonly number[]
  /** Per start: how many digits follow it in a row, times 65536, plus the code of the unit after them. */
  readonly heads: readonly number[]
}

// Kept with the scan input, so the pass is shared by every detector of one scan and dropped with it.
const numericRuns = createScanMemo(computeRuns)

// Unit classes as bits, one table read each: digit, ASCII letter or digit, run unit [-0-9 *xX●○].
const DIGIT = 1
const ALNUM = 2
const RUN = 4
const unitClass = new Uint8Array(0x10000)
for (let c = 48; c <= 57; c++) unitClass[c] = DIGIT | ALNUM | RUN
for (let c = 65; c <= 90; c++) unitClass[c] = ALNUM
for (let c = 97; c <= 122; c++) unitClass[c] = ALNUM
for (const c of '- *xX●○') unitClass[c.charCodeAt(0)] = (unitClass[c.charCodeAt(0)] as number) | RUN
// Reading past either end of the text gives 0, which has no class.
const unitAt = (text: string, i: number): number => (i >= 0 && i < text.length ? text.charCodeAt(i) : 0)
const is = (c: number, bits: number): boolean => ((unitClass[c] as number) & bits) !== 0

/** The numeric runs of `input`, computed on first use and kept with it for the other detectors. */
export const numericRunsOf = (input: ScanInput): NumericRuns => input.derive(numericRuns)

function computeRuns(input: ScanInput): NumericRuns {
  const text = input.text
  const bounds: number[] = []
  const starts: number[] = []
  const heads: number[] = []
  const digits = digitRunsOf(input)
  let covered = 0
  for (let k = 0; k < digits.count; k++) {
    const from = digits.bounds[k * 2] as number
    if (from < covered || is(unitAt(text, from - 1), ALNUM)) continue
    let end = digits.bounds[k * 2 + 1] as number
    while (is(unitAt(text, end), RUN)) end++
    if (end - from < 10) continue
    covered = end
    bounds.push(from, end)
    // Walks the run once with the two previous characters in hand.
    let before2 = unitAt(text, from - 2)
    let before1 = unitAt(text, from - 1)
    for (let i = from; i < end; i++) {
      const c = text.charCodeAt(i)
      if (
        is(c, DIGIT) &&
        !is(before1, ALNUM) &&
        !((before1 === 45 || before1 === 46) && is(before2, DIGIT))
      ) {
        let j = i + 1
        while (is(unitAt(text, j), DIGIT)) j++
        starts.push(i)
        heads.push((j - i) * 65536 + unitAt(text, j))
      }
      before2 = before1
      before1 = c
    }
  }
  return { bounds, starts, heads }
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
  const { bounds } = numericRunsOf(input)
  const text = input.text
  for (let r = 0; r < bounds.length; r += 2) {
    const from = Math.max(0, (bounds[r] as number) - margin)
    const run = text.slice(from, Math.min(text.length, (bounds[r + 1] as number) + margin))
    shape.lastIndex = 0
    for (let m = shape.exec(run); m; m = shape.exec(run)) visit(m, from + m.index)
  }
}

/**
 * The same matches as {@link matchInRuns} for a sticky (`y`) `shape` that starts with
 * `(?<![0-9A-Za-z]|[0-9][-.])[0-9]` and looks at most two characters past its end: tried only
 * where such a match can start, on the text itself, so no run is copied or searched twice.
 * `fits(digits, next)` gets the number of digits in a row at the start and the code of the unit
 * after them (0 at the end of the text); it must return true wherever `shape` could match, and
 * saves the regex call everywhere else.
 */
export function matchAtRunStarts(
  input: ScanInput,
  shape: RegExp,
  fits: (digits: number, next: number) => boolean,
  visit: (match: RegExpExecArray, start: number) => void,
): void {
  const { starts, heads } = numericRunsOf(input)
  const text = input.text
  let covered = 0
  for (let k = 0; k < starts.length; k++) {
    const at = starts[k] as number
    const head = heads[k] as number
    if (at < covered || !fits(Math.floor(head / 65536), head % 65536)) continue
    shape.lastIndex = at
    const m = shape.exec(text)
    if (m === null) continue
    covered = at + m[0].length
    visit(m, at)
  }
}
