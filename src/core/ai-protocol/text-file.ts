import { ProtocolError } from './protocol-error.ts'

// The attached-file types whose bytes are plain text the detector can read directly. Anything else
// (PDF, Office, images inside file parts) is reported as a file and left to policy.
const textMediaTypes = new Set([
  'text/plain',
  'text/markdown',
  'text/x-markdown',
  'text/csv',
  'application/json',
])
const textExtensions: Readonly<Record<string, string>> = {
  txt: 'text/plain',
  text: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
}
const base64Shape = /^[A-Za-z0-9+/]*={0,2}$/
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** True when files of this media type (parameters allowed) are decoded and inspected as text. */
export function isTextMediaType(mediaType: string): boolean {
  return textMediaTypes.has(mediaType.split(';')[0]?.trim().toLowerCase() ?? '')
}

/** The text media type a file name's extension implies, or undefined. */
export function mediaTypeOfFilename(filename: string | undefined): string | undefined {
  const dot = filename?.lastIndexOf('.') ?? -1
  if (filename === undefined || dot < 0) return undefined
  return textExtensions[filename.slice(dot + 1).toLowerCase()]
}

interface DataUrl {
  readonly header: string // everything up to and including the comma
  readonly mediaType: string
  readonly charset: string | undefined
  readonly base64: boolean
  readonly payload: string
}

function parseDataUrl(value: string): DataUrl | undefined {
  if (!value.startsWith('data:')) return undefined
  const comma = value.indexOf(',')
  if (comma < 0) return undefined
  const params = value.slice(5, comma).split(';')
  const base64 = params[params.length - 1]?.toLowerCase() === 'base64'
  if (base64) params.pop()
  const mediaType = (params[0] ?? '').trim().toLowerCase() || 'text/plain'
  const charset = params
    .slice(1)
    .map((p) => p.trim().toLowerCase())
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
  return { header: value.slice(0, comma + 1), mediaType, charset, base64, payload: value.slice(comma + 1) }
}

function decodeBase64Utf8(payload: string, field: string): string | undefined {
  if (!base64Shape.test(payload) || payload.length % 4 === 1) {
    throw new ProtocolError(field, 'file data is not valid base64')
  }
  try {
    return utf8.decode(Buffer.from(payload, 'base64'))
  } catch {
    // Declared as text but not UTF-8: it cannot be inspected as text, so it counts as an opaque file.
    return undefined
  }
}

/**
 * Decodes file data that holds a text file: a `data:` URL (base64 or percent-encoded) of a text media
 * type, or bare base64 when `mediaTypeHint` (from a file name or a `media_type` field) says text.
 * Returns undefined for files that are not text (the caller reports them as files); throws when
 * data declared as text is malformed.
 */
export function decodeTextFile(
  value: string,
  mediaTypeHint: string | undefined,
  field: string,
): string | undefined {
  const url = parseDataUrl(value)
  if (url !== undefined) {
    if (!isTextMediaType(url.mediaType)) return undefined
    if (url.charset !== undefined && url.charset !== 'utf-8' && url.charset !== 'us-ascii') return undefined
    if (url.base64) return decodeBase64Utf8(url.payload, field)
    try {
      return decodeURIComponent(url.payload)
    } catch {
      throw new ProtocolError(field, 'file data URL is not valid percent-encoding')
    }
  }
  if (mediaTypeHint === undefined || !isTextMediaType(mediaTypeHint)) return undefined
  return decodeBase64Utf8(value, field)
}

/** The pieces of file data that is not decoded as text: see {@link splitFileData}. */
export interface FileData {
  /** The media type a data URL declares, or undefined for bare base64. */
  readonly mediaType: string | undefined
  /** The base64 payload, or undefined when a data URL is percent-encoded rather than base64. */
  readonly base64: string | undefined
}

/** Splits file data into the media type its data URL declares (if any) and its base64 payload. */
export function splitFileData(value: string): FileData {
  const url = parseDataUrl(value)
  if (url === undefined) return { mediaType: undefined, base64: value }
  return { mediaType: url.mediaType, base64: url.base64 ? url.payload : undefined }
}

/**
 * Encodes `text` the same way `original` was encoded (same data URL header, or bare base64), so a
 * rewritten file part keeps its media type and form.
 */
export function encodeTextFileLike(original: string, text: string): string {
  const url = parseDataUrl(original)
  if (url === undefined) return Buffer.from(text, 'utf8').toString('base64')
  if (url.base64) return url.header + Buffer.from(text, 'utf8').toString('base64')
  return url.header + encodeURIComponent(text)
}

/** Bare base64 of the UTF-8 bytes of `text` (Anthropic `source.data`). */
export function encodeBase64Text(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64')
}
