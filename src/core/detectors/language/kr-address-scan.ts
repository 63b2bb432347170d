import { nextPassingPair, type PairFilter, type TextUnits } from './text-units.ts'

// Where the address anchor (a road's 로/길, a lot's 동/리/N가, then a number) may match. Every match
// has a unit pair "anchor syllable, digit/지(하)/산" or "space, digit/지(하)/산" right after the
// anchor, so the hot loop tests each pair with two lookups (two units per step, no calls); the
// few pairs that pass are mapped back to the anchor, and the caller's sticky regex decides.

const firstBits = new Uint32Array(0x10000)
const secondBits = new Uint32Array(0x10000)
const pairFilter: PairFilter = { first: firstBits, second: secondBits }
const anchorSyllable = 1
const space = 2
for (const c of '로길동리가') firstBits[c.charCodeAt(0)] = anchorSyllable
firstBits[0x20] = space
for (const c of '0123456789지산') secondBits[c.charCodeAt(0)] = anchorSyllable | space
const ga = '가'.charCodeAt(0)

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39

/** Positions where the anchor may match, ascending (with repeats). */
export function anchorStarts(text: string, copy: TextUnits): number[] {
  const { units } = copy
  const starts: number[] = []
  const length = text.length
  for (
    let i = nextPassingPair(copy, pairFilter, 0, length);
    i < length;
    i = nextPassingPair(copy, pairFilter, i + 1, length)
  ) {
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
