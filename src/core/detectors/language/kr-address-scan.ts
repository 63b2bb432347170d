import type { TextUnits } from './text-units.ts'

// Where the address anchor (a road's 로/길, a lot's 동/리/N가, then a number) may match. Every match
// has a unit pair "anchor syllable, digit/지(하)/산" or "space, digit/지(하)/산" right after the
// anchor, so the hot loop tests each pair with two lookups (two units per step, no calls); the
// few pairs that pass are mapped back to the anchor, and the caller's sticky regex decides.

const firstBits = new Uint8Array(0x10000)
const secondBits = new Uint8Array(0x10000)
const anchorSyllable = 1
const space = 2
for (const c of '로길동리가') firstBits[c.charCodeAt(0)] = anchorSyllable
firstBits[0x20] = space
for (const c of '0123456789지산') secondBits[c.charCodeAt(0)] = anchorSyllable | space
const ga = '가'.charCodeAt(0)

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39

/** Positions where the anchor may match, ascending (with repeats). */
export function anchorStarts(text: string, { units, words }: TextUnits): number[] {
  const starts: number[] = []
  const length = text.length
  for (let i = nextPair(units, words, 0, length); i < length; i = nextPair(units, words, i + 1, length)) {
    // The anchor syllable is at i, or before the space at i.
    const at = units[i] === 0x20 ? i - 1 : i
    const c = units[at] as number
    if (at < 0 || firstBits[c] !== anchorSyllable) continue
    // 가 anchors only after a digit (종로1가), and the match starts at that digit.
    if (c !== ga) starts.push(at)
    else if (at > 0 && isDigit(units[at - 1] as number)) starts.push(at - 1)
  }
  for (let i = 1; i < starts.length; i++) {
    if ((starts[i] as number) < (starts[i - 1] as number)) return starts.sort((x, y) => x - y)
  }
  return starts
}

/**
 * The first position at or after `from` whose unit pair passes, or `length`. Reads two units per
 * step (word k holds units 2k and 2k+1) and makes no calls, so that V8 keeps the arrays in registers.
 */
function nextPair(units: Uint16Array, words: Uint32Array, from: number, length: number): number {
  let i = from
  if ((i & 1) === 1) {
    if (((firstBits[units[i] as number] as number) & (secondBits[units[i + 1] as number] as number)) !== 0)
      return i
    i++
  }
  // `before` is the filter of unit 2k-1, or 0 when that pair was already checked.
  let before = 0
  for (let k = i >>> 1; 2 * k <= length; k++) {
    const w = words[k] as number
    const low = w & 0xffff
    const lowSecond = secondBits[low] as number
    if (((before & lowSecond) | ((firstBits[low] as number) & (secondBits[w >>> 16] as number))) !== 0) {
      if ((before & lowSecond) !== 0) return 2 * k - 1
      return Math.min(2 * k, length)
    }
    before = firstBits[w >>> 16] as number
  }
  return length
}
