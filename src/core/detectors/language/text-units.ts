// Reading a typed array is faster than calling charCodeAt on a string in V8, two units at a time
// faster still, and Buffer#write copies a string's UTF-16 units at memcpy speed (Buffer is used for
// that copy only). The copy is made once per scan input and shared by the detectors of this folder
// through a WeakMap keyed by the input, so no text outlives its scan.
/** A text's UTF-16 units, also readable two at a time (unit 2k is the low half of word k). */
export interface TextUnits {
  readonly units: Uint16Array
  readonly words: Uint32Array
}

/** Zero units after the end of the text, so that scanners may read a few units past it unchecked. */
export const unitPadding = 4

const copies = new WeakMap<object, TextUnits>()

/**
 * The UTF-16 code units of a scan input's text, followed by at least `unitPadding` zero units;
 * computed once per input.
 */
export function unitsOf(input: { readonly text: string }): TextUnits {
  const known = copies.get(input)
  if (known) return known
  const { text } = input
  const byteLength = Math.ceil((text.length + unitPadding) / 2) * 4
  // allocUnsafe skips zero-filling: every byte up to the padding is written below.
  const bytes = Buffer.allocUnsafeSlow(byteLength)
  const written = bytes.write(text, 0, 'utf16le')
  bytes.fill(0, written)
  const copy = {
    units: new Uint16Array(bytes.buffer, bytes.byteOffset, byteLength / 2),
    words: new Uint32Array(bytes.buffer, bytes.byteOffset, byteLength / 4),
  }
  copies.set(input, copy)
  return copy
}

/** Two tables over UTF-16 units: a pair (a, b) passes when `first[a] & second[b]` is non-zero. */
export interface PairFilter {
  readonly first: Uint32Array
  readonly second: Uint32Array
}

/**
 * The first position at or after `from` whose unit pair passes `filter`, or `length`. Reads two units
 * per step (word k holds units 2k and 2k+1) and makes no calls, so that V8 keeps the arrays in registers.
 */
export function nextPassingPair(text: TextUnits, filter: PairFilter, from: number, length: number): number {
  const { units, words } = text
  const { first, second } = filter
  let i = from
  if ((i & 1) === 1) {
    if (((first[units[i] as number] as number) & (second[units[i + 1] as number] as number)) !== 0) return i
    i++
  }
  // `before` is the filter of unit 2k-1, or 0 when that pair was already checked.
  let before = 0
  for (let k = i >>> 1; 2 * k <= length; k++) {
    const w = words[k] as number
    const low = w & 0xffff
    const lowSecond = second[low] as number
    if (((before & lowSecond) | ((first[low] as number) & (second[w >>> 16] as number))) !== 0) {
      if ((before & lowSecond) !== 0) return 2 * k - 1
      return Math.min(2 * k, length)
    }
    before = first[w >>> 16] as number
  }
  return length
}
