// Reading a typed array is faster than calling charCodeAt on a string in V8, and Buffer#write copies
// a string's UTF-16 units at memcpy speed (Buffer is used for that copy only). One scratch buffer is
// reused, with its views: allocating a buffer or even a view per text costs more than the copy.

const keepLimit = 1 << 21 // units; a larger text gets a buffer of its own, not kept

/** A text's UTF-16 units, also readable two at a time (word k holds units 2k and 2k + 1). */
export interface UnitCopy {
  readonly units: Uint16Array
  readonly words: Uint32Array
}

interface Scratch extends UnitCopy {
  readonly bytes: Buffer
}

function allocate(unitCount: number): Scratch {
  const byteLength = Math.ceil(unitCount / 2) * 4
  const bytes = Buffer.allocUnsafeSlow(byteLength)
  return {
    bytes,
    units: new Uint16Array(bytes.buffer, bytes.byteOffset, byteLength / 2),
    words: new Uint32Array(bytes.buffer, bytes.byteOffset, byteLength / 4),
  }
}

let scratch = allocate(1 << 13)

/**
 * The UTF-16 code units of `text` in scratch arrays that the next call overwrites: read them at once,
 * never keep them. Only the first `text.length` units are the text's; the rest is left over.
 */
export function copyUnits(text: string): UnitCopy {
  let target = scratch
  if (text.length > target.units.length) {
    target = allocate(Math.max(text.length, text.length <= keepLimit ? 2 * target.units.length : 0))
    if (text.length <= keepLimit) scratch = target
  }
  target.bytes.write(text, 0, 'utf16le')
  return target
}
