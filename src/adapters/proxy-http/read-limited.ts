// Reads a request body into memory up to a limit (bodies Sluice inspects must be whole to be judged).

/** The body was larger than the limit; nothing was sent on. */
export class BodyTooLargeError extends Error {
  constructor(limit: number) {
    super(`request body is larger than ${limit} bytes`)
    this.name = 'BodyTooLargeError'
  }
}

/** Reads `stream` to its end; rejects with BodyTooLargeError past `limit` bytes (and stops reading). */
export function readLimited(
  stream: NodeJS.ReadableStream & { destroy?: () => void },
  limit: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        stream.removeListener('data', onData)
        stream.pause()
        reject(new BodyTooLargeError(limit))
        return
      }
      chunks.push(chunk)
    }
    stream.on('data', onData)
    stream.once('end', () => resolve(Buffer.concat(chunks, size)))
    stream.once('error', reject)
  })
}
