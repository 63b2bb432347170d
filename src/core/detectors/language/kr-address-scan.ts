import type { TextUnits } from '../text-scan/text-units.ts'

// Where the address anchor (a road's 로/길, a lot's 동/리/N가, then a number) may match. Every match
// has a unit pair "anchor syllable, digit/지(하)/산" or "space, digit/지(하)/산" right after the
// anchor, so the shared language pass (language-passes.ts) tests each pair with two lookups; the
// few pairs that pass are mapped back to the anchor here, and the caller's sticky regex decides.

/** Pair tables of the address anchor: a pair (a, b) passes when `first[a] & second[b]` is non-zero. */
export const addressFirstBits = new Uint8Array(0x10000)
export const addressSecondBits = new Uint8Array(0x10000)
const firstBits = addressFirstBits
const secondBits = addressSecondBits
const anchorSyllable = 1
const space = 2
for (const c of '로길동리가') firstBits[c.charCodeAt(0)] = anchorSyllable
firstBits[0x20] = space
for (const c of '0123456789지산') secondBits[c.charCodeAt(0)] = anchorSyllable | space
const ga = '가'.charCodeAt(0)

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39

/** Positions where the anchor may match, ascending (with repeats), from the passing pairs `passes`. */
export function anchorStarts(copy: TextUnits, passes: readonly number[]): number[] {
  const { units } = copy
  const starts: number[] = []
  for (const i of passes) {
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
