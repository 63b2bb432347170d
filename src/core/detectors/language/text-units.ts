// Reading a typed array is faster than calling charCodeAt on a string in V8, two units at a time
// faster still, and Buffer#write copies a string's UTF-16 units at memcpy speed (Buffer is used for
// that copy only). The arrays are reused between scans, and between the detectors of this folder,
// which the engine runs on the same text one after another; texts too large to keep get arrays of
// their own. The last text (and its copy) stays referenced until the next scan.
const keepLimit = 1 << 21

/** A text's UTF-16 units, also readable two at a time (unit 2k is the low half of word k). */
export interface TextUnits {
  readonly units: Uint16Array
  readonly words: Uint32Array
}

/** Zero units after the end of the text, so that scanners may read a few units past it unchecked. */
export const unitPadding = 4

function allocate(unitCount: number): TextUnits & { readonly bytes: Buffer } {
  const memory = new ArrayBuffer(Math.ceil(unitCount / 2) * 4 + 8)
  return { units: new Uint16Array(memory), words: new Uint32Array(memory), bytes: Buffer.from(memory) }
}

let shared = allocate(1 << 13)
let current: string | undefined

/**
 * The UTF-16 code units of `text`, followed by at least `unitPadding` zero units. The arrays are only
 * valid until the next call with another text.
 */
export function unitsOf(text: string): TextUnits {
  if (text === current) return shared
  const length = text.length
  let target = shared
  if (length + unitPadding > target.units.length) {
    target = allocate(Math.max(length + unitPadding, target.units.length * 2))
    if (length <= keepLimit) shared = target
  }
  target.bytes.write(text, 0, 'utf16le')
  const { units } = target
  for (let i = length; i < length + unitPadding; i++) units[i] = 0
  if (target === shared) current = text
  return target
}
