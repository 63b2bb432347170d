// Reading a typed array is faster than calling charCodeAt on a string in V8, and Buffer#write copies
// a string's UTF-16 units at memcpy speed (Buffer is used for that copy only). One scratch buffer is
// reused: allocating one per text costs more than the copy.

const keepLimit = 1 << 21 // units; a larger text gets a buffer of its own, not kept

let bytes = Buffer.allocUnsafeSlow(1 << 14)

/**
 * The UTF-16 code units of `text` in a scratch array that the next call overwrites: read them at
 * once, never keep them. Only the first `text.length` units are meaningful.
 */
export function copyUnits(text: string): Uint16Array {
  let target = bytes
  if (2 * text.length > target.length) {
    target = Buffer.allocUnsafeSlow(2 * Math.max(text.length, text.length <= keepLimit ? target.length : 0))
    if (text.length <= keepLimit) bytes = target
  }
  target.write(text, 0, 'utf16le')
  return new Uint16Array(target.buffer, target.byteOffset, text.length)
}
