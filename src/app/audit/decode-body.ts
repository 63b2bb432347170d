import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync, zstdDecompressSync } from 'node:zlib'

/** Result of undoing a body's content encoding. */
export type DecodedBody =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly steps: readonly string[] }
  | { readonly ok: false; readonly reason: string }

/** Largest decompressed body the audit reads: a decompression bomb stops here instead of filling memory. */
export const defaultMaxDecodedBytes = 32 * 1024 * 1024

/**
 * Undoes `Content-Encoding` (gzip, x-gzip, deflate — zlib-wrapped or raw —, br, zstd; several codings
 * applied in order are undone in reverse). Output is bounded by `maxBytes`; beyond it, or on corrupt
 * data, the result says why rather than throwing.
 */
export function decodeContentEncoding(
  body: Uint8Array,
  encoding: string | undefined,
  maxBytes = defaultMaxDecodedBytes,
): DecodedBody {
  const codings = (encoding ?? '')
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity')
  let bytes: Uint8Array = body
  const steps: string[] = []
  for (const coding of codings.reverse()) {
    const options = { maxOutputLength: maxBytes }
    try {
      if (coding === 'gzip' || coding === 'x-gzip') bytes = gunzipSync(bytes, options)
      else if (coding === 'deflate') {
        // Servers and clients disagree on whether "deflate" carries the zlib header; accept both.
        try {
          bytes = inflateSync(bytes, options)
        } catch (error) {
          if (isTooLarge(error)) throw error
          bytes = inflateRawSync(bytes, options)
        }
      } else if (coding === 'br') bytes = brotliDecompressSync(bytes, options)
      else if (coding === 'zstd') bytes = zstdDecompressSync(bytes, options)
      else return { ok: false, reason: `unsupported content encoding '${coding}'` }
    } catch (error) {
      if (isTooLarge(error))
        return {
          ok: false,
          reason: `${coding} body expands beyond ${maxBytes} bytes (decompression bomb guard)`,
        }
      return { ok: false, reason: `${coding} body is corrupt: ${(error as Error).message}` }
    }
    steps.push(coding)
  }
  return { ok: true, bytes, steps }
}

function isTooLarge(error: unknown): boolean {
  const code = (error as { code?: string }).code
  return (
    code === 'ERR_BUFFER_TOO_LARGE' ||
    (error instanceof RangeError && /larger than|too large/i.test(error.message))
  )
}
