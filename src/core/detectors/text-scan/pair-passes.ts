import { createScanMemo, type ScanInput } from '../../detection/scan-input.ts'
import { macFirstBits, macSecondBits } from '../contact/mac-pairs.ts'
import { secretKeyFirstBits, secretKeySecondBits } from '../financial-device/secret-key-pairs.ts'
import { markingFirstBits, markingSecondBits } from '../language/classified-marking-scan.ts'
import { addressFirstBits, addressSecondBits } from '../language/kr-address-scan.ts'
import { firstBits as personFirst, secondBits as personSecond } from '../language/person-cue-tables.ts'
import { unitsOf } from './text-units.ts'

// Several detectors start from unit pairs that their tables let pass: PERSON cues, address anchors,
// classification markings, MAC addresses and secret key words. One loop over the text finds every
// kind, two units per step with four table reads; a loop (or a regex search) per detector read the
// same text five times. PERSON cues fill their own 32-bit tables; the others share one pair of
// tables, each kind in its own bits.

/** Pairs that pass, per detector, ascending. */
export interface PairPasses {
  /** Positions i whose pair (i, i + 1) passes the PERSON cue tables (before their confirmation). */
  readonly person: readonly number[]
  /** Positions i whose pair passes the address-anchor tables. */
  readonly address: readonly number[]
  /** Word indices k whose aligned pair (2k, 2k + 1) passes the marking tables. */
  readonly marking: readonly number[]
  /** Positions where a MAC address or one of its labels may start. */
  readonly mac: readonly number[]
  /** Positions of the distinctive middle of a secret key word (paSSword, seCRet, 비밀번호…). */
  readonly secretKey: readonly number[]
}

const markingBits = 0xfff // bits 0–11
const addressShift = 12 // bits 12–13
const macShift = 14 // bits 14–18
const secretShift = 19 // bits 19–23
const addressBits = 0x3 << addressShift
const macBits = 0x1f << macShift
const secretBits = 0x1f << secretShift
// Kinds whose pairs may start at any unit; markings are only looked for at even ones.
const anyParity = addressBits | macBits | secretBits

const sharedFirst = new Uint32Array(0x10000)
const sharedSecond = new Uint32Array(0x10000)
function fits(table: ArrayLike<number>, mask: number, name: string): void {
  for (let c = 0; c < 0x10000; c++)
    if (((table[c] as number) & ~mask) !== 0) throw new Error(`${name}: too many bits`)
}
fits(markingFirstBits, markingBits, 'marking')
fits(markingSecondBits, markingBits, 'marking')
fits(addressFirstBits, 0x3, 'address')
fits(addressSecondBits, 0x3, 'address')
fits(macFirstBits, 0x1f, 'mac')
fits(macSecondBits, 0x1f, 'mac')
fits(secretKeyFirstBits, 0x1f, 'secret key')
fits(secretKeySecondBits, 0x1f, 'secret key')
for (let c = 0; c < 0x10000; c++) {
  sharedFirst[c] =
    (markingFirstBits[c] as number) |
    ((addressFirstBits[c] as number) << addressShift) |
    ((macFirstBits[c] as number) << macShift) |
    ((secretKeyFirstBits[c] as number) << secretShift)
  sharedSecond[c] =
    (markingSecondBits[c] as number) |
    ((addressSecondBits[c] as number) << addressShift) |
    ((macSecondBits[c] as number) << macShift) |
    ((secretKeySecondBits[c] as number) << secretShift)
}

function compute(input: ScanInput): PairPasses {
  const { words } = unitsOf(input)
  const length = input.text.length
  const person: number[] = []
  const address: number[] = []
  const marking: number[] = []
  const mac: number[] = []
  const secretKey: number[] = []
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
    const sharedOdd = sharedBefore & (sharedSecond[low] as number) & anyParity
    const sharedEven = (sharedFirst[low] as number) & (sharedSecond[high] as number)
    personBefore = personFirst[high] as number
    sharedBefore = sharedFirst[high] as number
    if ((personOdd | personEven | sharedOdd | sharedEven) === 0) continue
    const q = 2 * k
    if (personOdd !== 0) person.push(q - 1)
    if (sharedOdd !== 0) {
      if ((sharedOdd & addressBits) !== 0) address.push(q - 1)
      if ((sharedOdd & macBits) !== 0) mac.push(q - 1)
      if ((sharedOdd & secretBits) !== 0) secretKey.push(q - 1)
    }
    if (q >= length) continue
    if (personEven !== 0) person.push(q)
    if (sharedEven !== 0) {
      if ((sharedEven & addressBits) !== 0) address.push(q)
      if ((sharedEven & markingBits) !== 0) marking.push(k)
      if ((sharedEven & macBits) !== 0) mac.push(q)
      if ((sharedEven & secretBits) !== 0) secretKey.push(q)
    }
  }
  return { person, address, marking, mac, secretKey }
}

const pairPasses = createScanMemo(compute)

/** The passing pairs of `input` for every detector that starts from pairs, found once per scan. */
export function pairPassesOf(input: ScanInput): PairPasses {
  return input.derive(pairPasses)
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
