import { fnvStart, fnvStep } from './keyed-tag.ts'

// One table for everything the exact-data scan asks about a code unit: class bits in the low byte,
// the unit's ASCII-lower-cased form above them, so the hot loop does a single read per unit.
/** Class bit: a letter, digit or mark (Hangul included): part of a token. */
export const WORD = 1
/** Class bit: an ASCII letter (a digit run glued to one is part of a code, not a number). */
export const ASCII_LETTER = 2
/** Class bit: an ASCII digit. */
export const DIGIT = 4
/** Class bit: a space, tab or line break (runs of them compare as one space). */
export const SPACE = 8
/** Class bit: a unit a Korean particle can end with (the gate before {@link particleEnds}). */
export const PARTICLE_END = 16
/** Class bit: a one-syllable Korean particle. */
const PARTICLE = 32
/** Shift from a packed entry to the unit's ASCII-lower-cased form. */
export const FOLD_SHIFT = 8

// Korean particles and honorifics that attach to a name or term ("홍길동님", "오로라는", "회사에서").
const singleParticles = Array.from('은는이가을를의에께로와과도만님씨랑', (c) => c.charCodeAt(0))
const doubleParticles = ['에서', '에게', '으로', '께서', '한테', '까지', '부터', '보다', '처럼', '이랑']
const HANGUL_FIRST = 0xac00
const HANGUL_COUNT = 11172
// For each Hangul syllable that ends a two-syllable particle, the syllables that may precede it
// (at most two: 에서 and 께서 share 서), packed in one word; looked up without hashing.
const doubleFirsts = new Uint32Array(HANGUL_COUNT)
for (const d of doubleParticles) {
  const at = d.charCodeAt(1) - HANGUL_FIRST
  const known = doubleFirsts[at] as number
  doubleFirsts[at] = known === 0 ? d.charCodeAt(0) : known | (d.charCodeAt(0) << 16)
}

let packed: Uint32Array | undefined

/** Class bits and folded form of every UTF-16 code unit (lone surrogates: no bits), built on first use. */
export function unitTable(): Uint32Array {
  if (packed) return packed
  const table = new Uint32Array(0x10000)
  const word = /[\p{L}\p{N}\p{M}]/u
  for (let c = 0; c < 0x10000; c++) {
    const bits = (c < 0xd800 || c > 0xdfff) && word.test(String.fromCharCode(c)) ? WORD : 0
    table[c] = (lowerUnit(c) << FOLD_SHIFT) | bits
  }
  const add = (c: number, bits: number): void => {
    table[c] = (table[c] as number) | bits
  }
  for (let c = 0x41; c <= 0x5a; c++) {
    add(c, ASCII_LETTER)
    add(c | 0x20, ASCII_LETTER)
  }
  for (let c = 0x30; c <= 0x39; c++) add(c, DIGIT)
  for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]) add(c, SPACE)
  for (const c of singleParticles) add(c, PARTICLE | PARTICLE_END)
  for (const d of doubleParticles) add(d.charCodeAt(1), PARTICLE_END)
  packed = table
  return table
}

/** ASCII lower case of a code unit; every other unit is left alone. */
export const lowerUnit = (c: number): number => (c >= 0x41 && c <= 0x5a ? c | 0x20 : c)

/** Token spans of `text`: maximal runs of {@link WORD} units, as [start, end) pairs. */
export function tokenize(text: string): [number, number][] {
  const table = unitTable()
  const spans: [number, number][] = []
  let start = -1
  for (let i = 0; i <= text.length; i++) {
    const inWord = i < text.length && ((table[text.charCodeAt(i)] as number) & WORD) !== 0
    if (inWord && start < 0) start = i
    else if (!inWord && start >= 0) {
      spans.push([start, i])
      start = -1
    }
  }
  return spans
}

/**
 * The canonical form of `text[from, to)`: ASCII lower case, each run of spaces as one space. Token
 * runs are compared, hashed and HMACed in this form, on both the build side and the scan side.
 */
export function canonicalText(text: string, from: number, to: number): string {
  const table = unitTable()
  let out = ''
  let inSpace = false
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if ((table[c] as number) & SPACE) {
      if (!inSpace) out += ' '
      inSpace = true
      continue
    }
    inSpace = false
    out += String.fromCharCode(lowerUnit(c))
  }
  return out
}

/** FNV-1a of a token (no spaces inside): the same value the scan loop computes as it reads. */
export function tokenHash(text: string, from: number, to: number): number {
  const table = unitTable()
  let hash = fnvStart
  for (let i = from; i < to; i++) hash = fnvStep(hash, (table[text.charCodeAt(i)] as number) >>> FOLD_SHIFT)
  return hash
}

/** FNV-1a of the canonical form of `text[from, to)`, and that form's length. */
export function canonicalHash(text: string, from: number, to: number): { hash: number; length: number } {
  const table = unitTable()
  let hash = fnvStart
  let length = 0
  let inSpace = false
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if ((table[c] as number) & SPACE) {
      if (!inSpace) {
        hash = fnvStep(hash, 0x20)
        length++
      }
      inSpace = true
      continue
    }
    inSpace = false
    hash = fnvStep(hash, lowerUnit(c))
    length++
  }
  return { hash, length }
}

/** Folds a sequence of 32-bit words (token tags, gap hashes) into one, order-sensitively. */
export const mixWord = (acc: number, word: number): number =>
  Math.imul((acc << 5) | (acc >>> 27), 0x9e3779b1) ^ word

/** No digit-group join: the gap ends a number. */
export const NO_JOIN = 0
/** A space between digit groups: a number may also start or end there ("1234 5678" holds "5678"). */
export const SOFT_JOIN = 1
/** A '-', '.' or '/' (spaces around allowed): the groups belong together ("010-1234-5678"). */
export const HARD_JOIN = 2

const isBlank = (c: number): boolean => c === 0x20 || c === 0x09

/** How the gap `text[from, to)` between two digit groups joins them. */
export function digitJoin(text: string, from: number, to: number): number {
  let i = from
  let j = to
  if (i < j && isBlank(text.charCodeAt(i))) i++
  if (i < j && isBlank(text.charCodeAt(j - 1))) j--
  if (i === j) return to > from ? SOFT_JOIN : NO_JOIN
  if (j - i > 1) return NO_JOIN
  const c = text.charCodeAt(i)
  return c === 0x2d || c === 0x2e || c === 0x2f ? HARD_JOIN : NO_JOIN
}

function isParticle(text: string, start: number, end: number, length: number): boolean {
  // At least one unit of the token must remain in front of the particle.
  if (end - start <= length) return false
  const last = text.charCodeAt(end - 1)
  if (length === 1) return (((packed ?? unitTable())[last] as number) & PARTICLE) !== 0
  const firsts = last >= HANGUL_FIRST ? (doubleFirsts[last - HANGUL_FIRST] ?? 0) : 0
  if (firsts === 0) return false
  const before = text.charCodeAt(end - 2)
  return before === (firsts & 0xffff) || before === firsts >>> 16
}

/**
 * Writes into `out` where the token `text[start, end)` ends once one or two trailing particles are
 * stripped ("홍길동님은" → after 홍길동님 and after 홍길동) and returns how many; no allocation, as it
 * runs for a large share of Korean tokens. `out` needs room for 6.
 */
export function particleEndsInto(text: string, start: number, end: number, out: Int32Array): number {
  let count = 0
  for (let first = 1; first <= 2; first++) {
    if (!isParticle(text, start, end, first)) continue
    count = pushNew(out, count, end - first)
    for (let second = 1; second <= 2; second++) {
      if (isParticle(text, start, end - first, second)) count = pushNew(out, count, end - first - second)
    }
  }
  return count
}

function pushNew(out: Int32Array, count: number, at: number): number {
  for (let k = 0; k < count; k++) if (out[k] === at) return count
  out[count] = at
  return count + 1
}

/** {@link particleEndsInto} as an array, for callers off the hot path. */
export function particleEnds(text: string, start: number, end: number): number[] {
  const out = new Int32Array(6)
  return Array.from(out.subarray(0, particleEndsInto(text, start, end, out)))
}
