// Finds the texts a user typed or pasted in a web request body (JSON string leaves, form values,
// multipart text parts and small text files), notes binary uploads, and rebuilds the body with some
// texts replaced (redaction) in the same format.
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib'

/** The texts of one body, what non-text content it carried, and a way to rebuild it. */
export interface BodyTexts {
  readonly texts: readonly string[]
  readonly content: { readonly files: boolean; readonly images: boolean; readonly audio: boolean }
  /** The body with `texts[index]` replaced for each replacement, in the request's own format. */
  rebuild(replacements: readonly { readonly index: number; readonly text: string }[]): Buffer
}

/** A body Sluice cannot decode (an unknown content encoding): inspection fails, the request does not leave. */
export class BodyDecodeError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BodyDecodeError'
  }
}

/** Largest file part read as text; larger files count as files. */
const maxTextFileBytes = 1024 * 1024

/**
 * Extracts texts from `body` (already decoded from its Content-Encoding, see {@link decodeBody}) by
 * its Content-Type. Unknown types are read as UTF-8 text when they are valid UTF-8, otherwise they
 * count as a file.
 */
export function extractBodyTexts(contentType: string | undefined, body: Buffer): BodyTexts {
  const none = { files: false, images: false, audio: false }
  if (body.length === 0) return { texts: [], content: none, rebuild: () => body }
  const type = (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? ''
  if (type === 'multipart/form-data') {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '')
    const b = boundary?.[1] ?? boundary?.[2]
    if (b !== undefined) return multipartTexts(body, b)
  }
  if (type === 'application/x-www-form-urlencoded') return formTexts(body)
  if (type === 'application/json' || type.endsWith('+json') || type === '') {
    const json = jsonTexts(body)
    if (json !== undefined) return json
  }
  const text = utf8OrUndefined(body)
  if (text === undefined) {
    return {
      texts: [],
      content: { files: true, images: type.startsWith('image/'), audio: type.startsWith('audio/') },
      rebuild: () => body,
    }
  }
  return {
    texts: [text],
    content: none,
    rebuild: (r) => Buffer.from(r.find((x) => x.index === 0)?.text ?? text),
  }
}

/** The body without its Content-Encoding (gzip, deflate, br). Throws BodyDecodeError for others. */
export function decodeBody(encoding: string | undefined, body: Buffer): Buffer {
  const e = (encoding ?? 'identity').trim().toLowerCase()
  try {
    if (e === '' || e === 'identity') return body
    if (e === 'gzip' || e === 'x-gzip') return gunzipSync(body)
    if (e === 'deflate') return inflateSync(body)
    if (e === 'br') return brotliDecompressSync(body)
  } catch (error) {
    throw new BodyDecodeError(`request body is not valid ${e}: ${(error as Error).message}`)
  }
  throw new BodyDecodeError(`request body has an unsupported content encoding '${e}'`)
}

function utf8OrUndefined(body: Buffer): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body)
    // NUL bytes mean binary data, even when the bytes happen to be valid UTF-8.
    return text.includes('\u0000') ? undefined : text
  } catch {
    return undefined
  }
}

function jsonTexts(body: Buffer): BodyTexts | undefined {
  const text = utf8OrUndefined(body)
  if (text === undefined) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  const texts: string[] = []
  const visit = (v: unknown): void => {
    if (typeof v === 'string') texts.push(v)
    else if (Array.isArray(v)) for (const item of v) visit(item)
    else if (v !== null && typeof v === 'object') for (const item of Object.values(v)) visit(item)
  }
  visit(value)
  return {
    texts,
    content: { files: false, images: false, audio: false },
    rebuild(replacements) {
      const byIndex = new Map(replacements.map((r) => [r.index, r.text]))
      let i = 0
      // The same walk order as extraction: string leaves are numbered identically.
      const rewrite = (v: unknown): unknown => {
        if (typeof v === 'string') {
          const replaced = byIndex.get(i)
          i++
          return replaced ?? v
        }
        if (Array.isArray(v)) return v.map(rewrite)
        if (v !== null && typeof v === 'object') {
          const out: Record<string, unknown> = {}
          for (const [k, item] of Object.entries(v)) out[k] = rewrite(item)
          return out
        }
        return v
      }
      return Buffer.from(JSON.stringify(rewrite(value)))
    },
  }
}

function formTexts(body: Buffer): BodyTexts {
  // Browsers send UTF-8, percent-encoded; URLSearchParams decodes the escapes as UTF-8.
  const params = [...new URLSearchParams(body.toString('utf8')).entries()]
  return {
    texts: params.map(([, v]) => v),
    content: { files: false, images: false, audio: false },
    rebuild(replacements) {
      const byIndex = new Map(replacements.map((r) => [r.index, r.text]))
      const out = new URLSearchParams()
      params.forEach(([k, v], i) => {
        out.append(k, byIndex.get(i) ?? v)
      })
      return Buffer.from(out.toString())
    },
  }
}

interface Part {
  readonly head: Buffer
  body: Buffer
  /** Index in texts, when the part is read as text. */
  readonly textIndex?: number
}

function multipartTexts(body: Buffer, boundary: string): BodyTexts {
  const delimiter = Buffer.from(`--${boundary}`)
  const parts: Part[] = []
  const texts: string[] = []
  const content = { files: false, images: false, audio: false }
  let pos = body.indexOf(delimiter)
  if (pos < 0) throw new BodyDecodeError('multipart body has no part with its boundary')
  const preamble = body.subarray(0, pos)
  let epilogue: Buffer | undefined
  for (let guard = 0; guard < 10_000; guard++) {
    const after = pos + delimiter.length
    if (body.subarray(after, after + 2).toString() === '--') {
      epilogue = body.subarray(after)
      break
    }
    const headStart = after + 2 // CRLF after the delimiter
    const headEnd = body.indexOf('\r\n\r\n', headStart)
    if (headEnd < 0) break
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headEnd + 4)
    if (next < 0) break
    const head = body.subarray(headStart, headEnd)
    const partBody = body.subarray(headEnd + 4, next)
    const headers = head.toString('utf8').toLowerCase()
    const isFile = /filename\*?=/.test(headers)
    const partType =
      /content-type:\s*([^\s;]+)/.exec(headers)?.[1] ?? (isFile ? 'application/octet-stream' : 'text/plain')
    const textual =
      partType.startsWith('text/') || partType === 'application/json' || partType.endsWith('+json')
    const asText =
      !isFile || (textual && partBody.length <= maxTextFileBytes) ? utf8OrUndefined(partBody) : undefined
    if (asText !== undefined) {
      parts.push({ head, body: partBody, textIndex: texts.length })
      texts.push(asText)
    } else {
      parts.push({ head, body: partBody })
      content.files = true
      if (partType.startsWith('image/')) content.images = true
      if (partType.startsWith('audio/')) content.audio = true
    }
    pos = next + 2
  }
  // A body whose parts cannot all be found cannot be inspected (nor rebuilt without losing data).
  if (epilogue === undefined) throw new BodyDecodeError('multipart body is malformed or truncated')
  const closing = epilogue
  return {
    texts,
    content,
    rebuild(replacements) {
      const byIndex = new Map(replacements.map((r) => [r.index, r.text]))
      const chunks: Buffer[] = [preamble]
      for (const part of parts) {
        const replaced = part.textIndex === undefined ? undefined : byIndex.get(part.textIndex)
        chunks.push(delimiter, Buffer.from('\r\n'), part.head, Buffer.from('\r\n\r\n'))
        chunks.push(replaced === undefined ? part.body : Buffer.from(replaced), Buffer.from('\r\n'))
      }
      chunks.push(delimiter, closing)
      return Buffer.concat(chunks)
    },
  }
}
