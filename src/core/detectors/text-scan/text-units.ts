// Reading a typed array is faster than calling charCodeAt on a string in V8, two units at a time
// faster still, and Buffer#write copies a string's UTF-16 units at memcpy speed (Buffer is used for
// that copy only). One scratch buffer is reused: allocating a fresh one per text cost ten times the
// copy itself. Its readers (the shared pair pass, the language detectors) read it inside detect(),
// one scan input at a time, and share the copy while the input is the same (each input gets a
// number, the buffer remembers the number it holds, so no input is kept alive by this cache and no
// weak reference is made per prompt).
import { createScanMemo, type ScanInput } from '../../detection/scan-input.ts'

/** A text's UTF-16 units, also readable two at a time (unit 2k is the low half of word k). */
export interface TextUnits {
  readonly units: Uint16Array
  readonly words: Uint32Array
}

/** Zero units after the end of the text, so that scanners may read a few units past it unchecked. */
export const unitPadding = 4

const keepLimit = 1 << 21 // units; larger texts get a buffer of their own, not kept

interface Scratch extends TextUnits {
  readonly bytes: Buffer
}

function allocate(unitCount: number): Scratch {
  const byteLength = Math.ceil((unitCount + unitPadding) / 2) * 4
  const bytes = Buffer.allocUnsafeSlow(byteLength)
  return {
    bytes,
    units: new Uint16Array(bytes.buffer, bytes.byteOffset, byteLength / 2),
    words: new Uint32Array(bytes.buffer, bytes.byteOffset, byteLength / 4),
  }
}

let scratch = allocate(1 << 13)
let inputsNumbered = 0
const inputNumber = createScanMemo(() => ++inputsNumbered)
let owner = 0 // the number of the input whose units `scratch` holds

/**
 * The UTF-16 code units of a scan input's text, followed by at least `unitPadding` zero units. Valid
 * until the next call with another input: read them inside detect(), never keep them.
 */
export function unitsOf(input: ScanInput): TextUnits {
  const number = input.derive(inputNumber)
  if (owner === number) return scratch
  const { text } = input
  let target = scratch
  if (text.length + unitPadding > target.units.length) {
    target = allocate(Math.max(text.length, text.length <= keepLimit ? 2 * target.units.length : 0))
    if (text.length <= keepLimit) scratch = target
  }
  const written = target.bytes.write(text, 0, 'utf16le')
  target.bytes.fill(0, written, Math.min(target.bytes.length, written + 2 * unitPadding))
  if (target === scratch) owner = number
  return target
}
