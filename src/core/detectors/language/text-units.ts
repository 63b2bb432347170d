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
