import { createScanMemo, type ScanInput } from '../../detection/scan-input.ts'

/** The maximal runs of two or more ASCII digits in one scan input, in text order. */
export interface DigitRuns {
  /** Number of runs. */
  readonly count: number
  /** Run k spans [bounds[2k], bounds[2k + 1]) in normalised-text offsets. */
  readonly bounds: readonly number[]
}

// One scan for every digit-led detector (Korean identifiers, phone numbers, passports): a literal
// class pair the regex engine skips prose with, no allocation per match (test() and lastIndex).
const digitPair = /[0-9][0-9]+/g
// Kept with the scan input, so the pass is shared by every detector of one scan and dropped with it.
// A plain array: a typed array per prompt costs more to allocate than the runs take to find.
const digitRuns = createScanMemo(compute)

const isDigit = (c: number): boolean => c >= 48 && c <= 57

/** The digit runs of `input`, computed on first use and cached for the other detectors. */
export function digitRunsOf(input: ScanInput): DigitRuns {
  return input.derive(digitRuns)
}

function compute(input: ScanInput): DigitRuns {
  const text = input.text
  const bounds: number[] = []
  let count = 0
  digitPair.lastIndex = 0
  while (digitPair.test(text)) {
    const end = digitPair.lastIndex
    // The match is the whole run: a digit before it would have started the match earlier.
    let start = end - 2
    while (start > 0 && isDigit(text.charCodeAt(start - 1))) start--
    bounds.push(start, end)
    count++
  }
  return { count, bounds }
}
