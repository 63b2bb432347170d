import { createScanMemo, type ScanInput } from '../../detection/scan-input.ts'
import { markingFirstBits, markingSecondBits } from '../language/classified-marking-scan.ts'
import { addressFirstBits, addressSecondBits } from '../language/kr-address-scan.ts'
import { firstBits as personFirst, secondBits as personSecond } from '../language/person-cue-tables.ts'
import { unitsOf } from './text-units.ts'

// Several detectors start from unit pairs that their tables let pass: PERSON cues, address anchors,
// classification markings, MAC addresses, secret key words, spelled-out e-mail "at"s, IPv4 cores,
// device-id keys and URL anchors. One loop over the text finds every kind, two units per step with a few table reads;
// before, each detector read the whole text itself (a loop or a regex search: about 1 ns per unit
// each). PERSON cues fill their own 32-bit tables; the other kinds share one pair of tables, each kind
// in its own bits. A detector then tries its own (sticky) pattern only at its pairs, in text order,
// which yields exactly the matches of a global search.

/** Pairs that pass, per detector, ascending. */
export interface PairPasses {
  /** Positions i whose pair (i, i + 1) passes the PERSON cue tables (before their confirmation). */
  readonly person: readonly number[]
  /** Positions i whose pair passes the address-anchor tables. */
  readonly address: readonly number[]
  /** Word indices k whose aligned pair (2k, 2k + 1) passes the marking tables. */
  readonly marking: readonly number[]
  /** A MAC address's first separator, or where one of its labels may start (mac-address-detector.ts). */
  readonly mac: readonly number[]
  /** Where the distinctive middle of a secret key word may start (secret-assignment-detector.ts). */
  readonly secretKey: readonly number[]
  /** Every "at" in any case: a spelled-out e-mail "@" (email-address-detector.ts). */
  readonly emailAt: readonly number[]
  /** Every digit followed by '.': where an IPv4 core may start (ip-address-detector.ts). */
  readonly ipv4: readonly number[]
  /** Every "id" in any case and every 식별: where a device-id key anchor may start (device-id-keys.ts). */
  readonly deviceKey: readonly number[]
  /** Every ":/", "w." or "W.", and ASCII letter before '/' or ':': URL anchors (url-detector.ts). */
  readonly url: readonly number[]
}

const markingBits = 0xfff // bits 0–11: classified-marking-scan.ts
const addressShift = 12 // bits 12–13: kr-address-scan.ts
const addressBits = 0x3 << addressShift
const sharedFirst = new Uint32Array(0x10000)
const sharedSecond = new Uint32Array(0x10000)

for (let c = 0; c < 0x10000; c++) {
  const first = (markingFirstBits[c] as number) | ((addressFirstBits[c] as number) << addressShift)
  const second = (markingSecondBits[c] as number) | ((addressSecondBits[c] as number) << addressShift)
  if (((markingFirstBits[c] as number) | (markingSecondBits[c] as number)) & ~markingBits)
    throw new Error('marking tables use more than 12 bits')
  if (((addressFirstBits[c] as number) | (addressSecondBits[c] as number)) & ~0x3)
    throw new Error('address tables use more than 2 bits')
  sharedFirst[c] = first
  sharedSecond[c] = second
}

let nextBit = 14
/** Gives the pairs (one of `firsts`, then one of `seconds`) a new bit of the shared tables. */
function rule(firsts: string, seconds: string): number {
  const bit = 1 << nextBit++
  for (const c of firsts) sharedFirst[c.charCodeAt(0)] = (sharedFirst[c.charCodeAt(0)] as number) | bit
  for (const c of seconds) sharedSecond[c.charCodeAt(0)] = (sharedSecond[c.charCodeAt(0)] as number) | bit
  return bit
}

// MAC: ':', '-' or '.' before a hex digit (colon, dash and dotted notations; the match starts one
// unit before the pair), or the first two letters of a label: MAC, 주소, HWaddr, BSSID, in the cases
// the labels allow. Sentence ends ("done. ") do not pass: a space is no hex digit.
const macBits =
  rule(':-.', '0123456789ABCDEFabcdef') |
  rule('Mm', 'Aa') |
  rule('주', '소') |
  rule('Hh', 'Ww') |
  rule('Bb', 'Ss')
// Secret key words by their middles: paSSword/paSSphrase, PWd and aPI key, seCRet, tOKen; and the
// first two syllables of 비밀번호, 비번, 패스워드, 암호.
const secretBits =
  rule('Ss', 'Ss') | rule('Pp', 'WwIi') | rule('Cc', 'Rr') | rule('Oo', 'Kk') | rule('비패암', '밀번스호')
const emailAtBit = rule('Aa', 'Tt')
const ipv4Bit = rule('0123456789', '.')
const deviceKeyBit = rule('Ii식', 'Dd별')
const asciiLetters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const urlBits = rule(':', '/') | rule('wW', '.') | rule(asciiLetters, '/:')
if (nextBit > 32) throw new Error('shared pair tables hold 32 kinds of pair')
// Kinds whose pairs may start at any unit; markings are only looked for at even ones.
const anyParity = addressBits | macBits | secretBits | emailAtBit | ipv4Bit | deviceKeyBit | urlBits

// The four 256 KB tables above are read for every unit, and Hangul text touches them all over: the
// loop waited on cache misses. Units with the same four entries form a class (about 120 classes), so
// the loop reads one byte-sized class per unit from a table whose hot part (ASCII and Hangul) is
// small, then the entries from four tables of a kilobyte each.
const classOf = new Uint8Array(0x10000)
const classPersonFirst = new Uint32Array(256)
const classPersonSecond = new Uint32Array(256)
const classSharedFirst = new Uint32Array(256)
const classSharedSecond = new Uint32Array(256)
{
  const classes = new Map<string, number>()
  for (let c = 0; c < 0x10000; c++) {
    const entries = [personFirst[c], personSecond[c], sharedFirst[c], sharedSecond[c]] as number[]
    const key = entries.join(',')
    let id = classes.get(key)
    if (id === undefined) {
      id = classes.size
      if (id > 255) throw new Error('more than 256 unit classes in the pair tables')
      classes.set(key, id)
      classPersonFirst[id] = entries[0] as number
      classPersonSecond[id] = entries[1] as number
      classSharedFirst[id] = entries[2] as number
      classSharedSecond[id] = entries[3] as number
    }
    classOf[c] = id
  }
}

function compute(input: ScanInput): PairPasses {
  const { words } = unitsOf(input)
  const length = input.text.length
  const person: number[] = []
  const address: number[] = []
  const marking: number[] = []
  const mac: number[] = []
  const secretKey: number[] = []
  const emailAt: number[] = []
  const ipv4: number[] = []
  const deviceKey: number[] = []
  const url: number[] = []
  // Sorts the shared kinds of one pair into their lists.
  const shared = (bits: number, at: number): void => {
    if ((bits & addressBits) !== 0) address.push(at)
    if ((bits & macBits) !== 0) mac.push(at)
    if ((bits & secretBits) !== 0) secretKey.push(at)
    if ((bits & emailAtBit) !== 0) emailAt.push(at)
    if ((bits & ipv4Bit) !== 0) ipv4.push(at)
    if ((bits & deviceKeyBit) !== 0) deviceKey.push(at)
    if ((bits & urlBits) !== 0) url.push(at)
  }
  // The first-table entries of unit 2k - 1, for the pair that straddles two words.
  let personBefore = 0
  let sharedBefore = 0
  // Word k holds units 2k and 2k + 1; past the text the units are zero, which no pair passes with as
  // a first unit. A pair that starts on the last unit (its second unit the zero after the text) counts.
  const lastWord = length >>> 1
  for (let k = 0; k <= lastWord; k++) {
    const w = words[k] as number
    const low = classOf[w & 0xffff] as number
    const high = classOf[w >>> 16] as number
    const personOdd = personBefore & (classPersonSecond[low] as number)
    const personEven = (classPersonFirst[low] as number) & (classPersonSecond[high] as number)
    const sharedOdd = sharedBefore & (classSharedSecond[low] as number) & anyParity
    const sharedEven = (classSharedFirst[low] as number) & (classSharedSecond[high] as number)
    personBefore = classPersonFirst[high] as number
    sharedBefore = classSharedFirst[high] as number
    if ((personOdd | personEven | sharedOdd | sharedEven) === 0) continue
    const q = 2 * k
    if (personOdd !== 0) person.push(q - 1)
    if (sharedOdd !== 0) shared(sharedOdd, q - 1)
    if (q >= length) continue
    if (personEven !== 0) person.push(q)
    if ((sharedEven & markingBits) !== 0) marking.push(k)
    if ((sharedEven & ~markingBits) !== 0) shared(sharedEven, q)
  }
  return { person, address, marking, mac, secretKey, emailAt, ipv4, deviceKey, url }
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
