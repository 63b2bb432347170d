import { createScanMemo, type ScanInput } from '../../detection/scan-input.ts'
import { markingFirstBits, markingSecondBits } from './classified-marking-scan.ts'
import { addressFirstBits, addressSecondBits } from './kr-address-scan.ts'
import { firstBits as personFirst, secondBits as personSecond } from './person-cue-tables.ts'
import { unitsOf } from './text-units.ts'

// The three language detectors each look for unit pairs that their tables let pass (PERSON cues,
// address anchors, classification markings). One loop over the text finds all three kinds of pairs,
// two units per step: three loops over the same units cost about twice as much. Address and marking
// bits share one pair of tables (markings use bits 0–11, addresses bits 12–13).

/** Pairs that pass, per detector, ascending. */
export interface LanguagePasses {
  /** Positions i whose pair (i, i + 1) passes the PERSON cue tables (before their confirmation). */
  readonly person: readonly number[]
  /** Positions i whose pair passes the address-anchor tables. */
  readonly address: readonly number[]
  /** Word indices k whose aligned pair (2k, 2k + 1) passes the marking tables. */
  readonly marking: readonly number[]
}

const addressShift = 12
const addressBits = 0b11 << addressShift
const markingBits = (1 << addressShift) - 1
const sharedFirst = new Uint32Array(0x10000)
const sharedSecond = new Uint32Array(0x10000)
for (let c = 0; c < 0x10000; c++) {
  const markingFirst = markingFirstBits[c] as number
  const markingSecond = markingSecondBits[c] as number
  if ((markingFirst | markingSecond) & ~markingBits) throw new Error('marking tables use more than 12 bits')
  sharedFirst[c] = markingFirst | ((addressFirstBits[c] as number) << addressShift)
  sharedSecond[c] = markingSecond | ((addressSecondBits[c] as number) << addressShift)
}

function compute(input: ScanInput): LanguagePasses {
  const { words } = unitsOf(input)
  const length = input.text.length
  const person: number[] = []
  const address: number[] = []
  const marking: number[] = []
  // The first-table entries of unit 2k - 1, for the pair that straddles two words.
  let personBefore = 0
  let sharedBefore = 0
  // Word k holds units 2k and 2k + 1; past the text the units are zero, which no pair passes with as
  // a first unit. A pair that starts on the last unit (its second unit the zero after the text) counts.
  const lastWord = length >>> 1
  for (let k = 0; k <= lastWord; k++) {
    const w = words[k] as number
    const low = w & 0xffff
    const high = w >>> 16
    const personOdd = personBefore & (personSecond[low] as number)
    const personEven = (personFirst[low] as number) & (personSecond[high] as number)
    const sharedOdd = sharedBefore & (sharedSecond[low] as number) & addressBits
    const sharedEven = (sharedFirst[low] as number) & (sharedSecond[high] as number)
    personBefore = personFirst[high] as number
    sharedBefore = sharedFirst[high] as number
    if ((personOdd | personEven | sharedOdd | sharedEven) === 0) continue
    const q = 2 * k
    if (personOdd !== 0) person.push(q - 1)
    if (sharedOdd !== 0) address.push(q - 1)
    if (q >= length) continue
    if (personEven !== 0) person.push(q)
    if ((sharedEven & addressBits) !== 0) address.push(q)
    if ((sharedEven & markingBits) !== 0) marking.push(k)
  }
  return { person, address, marking }
}

const languagePasses = createScanMemo(compute)

/** The passing pairs of `input` for the three language detectors, found once per scan. */
export function languagePassesOf(input: ScanInput): LanguagePasses {
  return input.derive(languagePasses)
}

/** The index of the first entry of ascending `list` that is at least `from` (or the list's length). */
export function firstAtOrAfter(list: readonly number[], from: number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((list[mid] as number) < from) lo = mid + 1
    else hi = mid
  }
  return lo
}
