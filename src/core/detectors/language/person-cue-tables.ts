import { englishFirstNames, romanizedSurnames } from './english-name-data.ts'
import { englishCueFirstWords } from './english-person-cues.ts'
import { koreanCues } from './korean-person-cues.ts'

// Tables for the PERSON cue scan (person-cue-scan.ts). Every cue starts with a characteristic pair of
// UTF-16 units: firstBits[a] & secondBits[b] is non-zero for every pair a cue can start with (and for
// a few others). The pairs that pass are confirmed against a third unit, then read exactly.

export const hangulBase = 0xac00
export const hangulCount = 11172

export const firstBits = new Uint32Array(0x10000)
export const secondBits = new Uint32Array(0x10000)

// Bits 0-11: the first two syllables of a Korean cue word (first syllables spread over the bits).
const koreanBitCount = 12
const singleBit = 1 << 12 // 님 씨 군 양 故 and anything after them
const parenBit = 1 << 13 // '(' before a digit: a contact or age glued to a name
const hyphenBit = 1 << 14 // '-' before a lower-case letter: a hyphenated given name (Gil-dong)
const nameKeyBit = 1 << 15 // "am" of a lower-case "name" key
// Bits 16-31: an upper-case letter and a class of the unit after it. Consonants are grouped so that
// frequent capitalised words (Ex, En, If, Of, Up, Sp…) fall in classes no name or cue word uses.
const consonantClasses = ['xkbp', 'nc', 'std', 'mw', 'vfgjqz']

function secondClass(c: number): number {
  if (c === 0x20 || c === 0x27) return 1 << 16
  if (c >= 0x41 && c <= 0x5a) return 1 << 17
  if (c < 0x61 || c > 0x7a) return 0
  const ch = String.fromCharCode(c)
  const own = 'aeiouyhrl'.indexOf(ch)
  return 1 << (own >= 0 ? 18 + own : 27 + consonantClasses.findIndex((group) => group.includes(ch)))
}

/** Hashes of a unit pair and of a unit triple, for the confirmation filters below. */
export const pairHash = (a: number, b: number): number =>
  (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) >>> 20
export const tripleHash = (a: number, b: number, c: number): number =>
  (Math.imul(a, 0x9e3779b1) ^
    Math.imul(b + 0x7f4a7c15, 0x85ebca77) ^
    Math.imul(c + 0x165667b1, 0xc2b2ae3d)) >>>
  16

/** Pairs that start a cue whatever follows (1), and triples that start one (third unit 0 = no letter). */
export const anyThird = new Uint8Array(1 << 12)
export const withThird = new Uint8Array(1 << 16)

/** The unit after an English word's first two letters, as the triple filter sees it. */
export const englishThird = (c: number): number =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? c : 0

function addStart(word: string, third: number): void {
  if (word.length < 3 && third < 0) anyThird[pairHash(word.charCodeAt(0), word.charCodeAt(1))] = 1
  else
    withThird[tripleHash(word.charCodeAt(0), word.charCodeAt(1), third < 0 ? word.charCodeAt(2) : third)] = 1
}

for (let c = 0; c < 0x10000; c++) secondBits[c] = singleBit | secondClass(c)
firstBits[0x28] = parenBit
for (let c = 0x30; c <= 0x39; c++) secondBits[c] = (secondBits[c] as number) | parenBit
firstBits[0x2d] = hyphenBit
for (let c = 0x61; c <= 0x7a; c++) secondBits[c] = (secondBits[c] as number) | hyphenBit
firstBits[0x61] = nameKeyBit
secondBits[0x6d] = (secondBits[0x6d] as number) | nameKeyBit

// Korean cue words by their first two units, longest first, in an open-addressing table.
const pairSlots = 1024
const pairKeys = new Int32Array(pairSlots).fill(-1)
const pairWords: (readonly string[])[] = []
const pairKey = (a: number, b: number): number => (a - hangulBase) * hangulCount + (b - hangulBase)
const pairSlot = (key: number): number => Math.imul(key, 0x9e3779b1) >>> 22

/** The one-syllable Korean cues (님 씨 군 양 故) by unit. */
export const singleCues: ReadonlyMap<number, string> = new Map(
  [...koreanCues.keys()].filter((w) => w.length === 1).map((w) => [w.charCodeAt(0), w]),
)

/** 1 for the units of one-syllable Korean cues. */
export const singleUnits = new Uint8Array(0x10000)
for (const c of singleCues.keys()) singleUnits[c] = 1

/** The Korean cue words that start with Hangul syllables a then b, longest first. */
export function koreanCuesStartingWith(a: number, b: number): readonly string[] | undefined {
  const key = pairKey(a, b)
  for (let slot = pairSlot(key); ; slot = (slot + 1) & (pairSlots - 1)) {
    const k = pairKeys[slot] as number
    if (k === key) return pairWords[slot]
    if (k === -1) return undefined
  }
}

const multiSyllableCues = [...koreanCues.keys()].filter((w) => w.length > 1)
const koreanBit = assignKoreanBits(multiSyllableCues)
for (const c of singleCues.keys()) firstBits[c] = (firstBits[c] as number) | singleBit
for (const word of multiSyllableCues) {
  const first = word.charCodeAt(0)
  const second = word.charCodeAt(1)
  if (first - hangulBase < 0 || first - hangulBase >= hangulCount || second - hangulBase < 0)
    throw new Error(`Korean cue must start with two Hangul syllables: ${word}`)
  const bit = 1 << (koreanBit.get(first) as number)
  firstBits[first] = (firstBits[first] as number) | bit
  secondBits[second] = (secondBits[second] as number) | bit
  addStart(word, -1)
  const key = pairKey(first, second)
  let slot = pairSlot(key)
  while (pairKeys[slot] !== -1 && pairKeys[slot] !== key) slot = (slot + 1) & (pairSlots - 1)
  pairKeys[slot] = key
  pairWords[slot] = [...(pairWords[slot] ?? []), word].sort((x, y) => y.length - x.length)
}

/**
 * Spreads first syllables over the Korean bits so that few first syllables share a bit with the
 * second syllables of others (a pair of one cue's first and another's second is a false hit): the
 * ones with most second syllables first, each to the bit where it adds fewest such pairs.
 */
function assignKoreanBits(words: readonly string[]): Map<number, number> {
  const seconds = new Map<number, Set<number>>()
  for (const w of words) {
    const set = seconds.get(w.charCodeAt(0)) ?? new Set<number>()
    seconds.set(w.charCodeAt(0), set.add(w.charCodeAt(1)))
  }
  const firstsOf = Array.from({ length: koreanBitCount }, () => 0)
  const secondsOf = Array.from({ length: koreanBitCount }, () => new Set<number>())
  const bits = new Map<number, number>()
  for (const [first, own] of [...seconds].sort((x, y) => y[1].size - x[1].size)) {
    let best = 0
    let bestCost = Number.POSITIVE_INFINITY
    for (let bit = 0; bit < koreanBitCount; bit++) {
      const added = [...own].filter((c) => !(secondsOf[bit] as Set<number>).has(c)).length
      const cost = (firstsOf[bit] as number) * (added + 1) + (secondsOf[bit] as Set<number>).size
      if (cost < bestCost) {
        bestCost = cost
        best = bit
      }
    }
    bits.set(first, best)
    firstsOf[best] = (firstsOf[best] as number) + 1
    for (const c of own) (secondsOf[best] as Set<number>).add(c)
  }
  return bits
}

/** Hash of a run of ASCII letters, as {@link wordHash} computes it for strings. */
export const runHash = (h: number, c: number): number => (h * 31 + c) & 0xfffffff

function wordHash(word: string): number {
  let h = 0
  for (let i = 0; i < word.length; i++) h = runHash(h, word.charCodeAt(i))
  return h
}

// Words an English cue may start with: cue words, and the first words of "First Last" pairs that
// can be names (given names, romanised surnames; hyphenated ones are found at their hyphen).
const capitalised = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1)
const startWords = [...englishCueFirstWords, ...englishFirstNames, ...[...romanizedSurnames].map(capitalised)]
export const startHashes: ReadonlySet<number> = new Set(startWords.map(wordHash))
export const nameKeyHashes: ReadonlySet<number> = new Set(['Name', 'NAME'].map(wordHash))
export const longestStartWord = Math.max(...startWords.map((w) => w.length))
for (const w of startWords) {
  const c = w.charCodeAt(0)
  if (c < 0x41 || c > 0x5a) continue
  if (w.length === 1) {
    // I am, I'm; O (a romanised surname) before a given name.
    for (const next of [0x20, 0x27]) {
      firstBits[c] = (firstBits[c] as number) | secondClass(next)
      anyThird[pairHash(c, next)] = 1
    }
    continue
  }
  firstBits[c] = (firstBits[c] as number) | secondClass(w.charCodeAt(1))
  addStart(w, w.length === 2 ? 0 : englishThird(w.charCodeAt(2)))
}
