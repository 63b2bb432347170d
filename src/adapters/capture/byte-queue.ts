// A queue of file chunks that binary readers take records from. A record that lies inside one chunk
// is handed out as a view (no copy); only a record that straddles chunks is copied, so a 1 GB capture
// is read with a handful of chunk-sized buffers alive at a time.

/** Bytes pushed in chunks and taken out in records of any length. */
export class ByteQueue {
  private chunks: Uint8Array[] = []
  private offset = 0
  private total = 0
  /** Bytes taken so far: the file offset of the next byte. */
  consumed = 0

  /** Bytes waiting. */
  get length(): number {
    return this.total
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return
    this.chunks.push(chunk)
    this.total += chunk.length
  }

  /** The next `n` bytes without taking them (n ≤ length): a view when they lie in one chunk. */
  peek(n: number): Uint8Array {
    const first = this.chunks[0]
    if (first === undefined || n === 0) return new Uint8Array(0)
    if (this.offset + n <= first.length) return first.subarray(this.offset, this.offset + n)
    // Straddling: gather the pieces into one buffer, and keep it as the head so a second peek is free.
    const out = new Uint8Array(n)
    let filled = 0
    let i = 0
    let off = this.offset
    while (filled < n) {
      const c = this.chunks[i] as Uint8Array
      const take = Math.min(c.length - off, n - filled)
      out.set(c.subarray(off, off + take), filled)
      filled += take
      off += take
      if (off === c.length) {
        i++
        off = 0
      }
    }
    const rest = this.chunks.slice(i)
    const head = rest[0]
    if (head !== undefined && off > 0) rest[0] = head.subarray(off)
    this.chunks = [out, ...rest]
    this.offset = 0
    return out
  }

  /** Takes the next `n` bytes (n ≤ length). */
  take(n: number): Uint8Array {
    const view = this.peek(n)
    this.skip(n)
    return view
  }

  /** Drops the next `n` bytes (n ≤ length). */
  skip(n: number): void {
    this.total -= n
    this.consumed += n
    let left = n
    while (left > 0) {
      const first = this.chunks[0] as Uint8Array
      const avail = first.length - this.offset
      if (left < avail) {
        this.offset += left
        return
      }
      left -= avail
      this.chunks.shift()
      this.offset = 0
    }
  }
}
