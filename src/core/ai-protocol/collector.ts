import type { Attachment } from './attachment.ts'
import { describePath, isObject, type JsonObject, type JsonPath } from './json-path.ts'
import { ProtocolError } from './protocol-error.ts'
import { decodeTextFile, mediaTypeOfFilename, splitFileData } from './text-file.ts'
import type { PartKind, PartRole, TextPart } from './text-part.ts'

/** Which kinds of non-text content a body carries; the gateway decides these by rule. */
export interface ContentFlags {
  /**
   * A file that is not a decodable text file: an inline document (listed in the request's
   * attachments, whose text the gateway extracts) or a file id or URL (listed in `uninspected`).
   */
  readonly files: boolean
  readonly images: boolean
  readonly audio: boolean
  /** Embeddings input given as token ids: see {@link TextPart.opaque}. */
  readonly tokens: boolean
  /**
   * Readable paths of content this layer cannot read, each with the reason: items or blocks of a type
   * it does not know (a newer API feature), files given by id or URL (the bytes stay with the provider
   * or a web server), file data URLs that are not base64. None of it was inspected.
   */
  readonly uninspected: readonly string[]
}

/** What a request says about an inline file besides its data. */
export interface FileHints {
  /** The file name the client gave; its extension says whether the data is text. */
  readonly fileName?: string
  /** A declared media type (Anthropic `media_type`); it wins over the file name. */
  readonly mediaType?: string
}

/** Accumulates the parts and flags of one body while its walker descends. */
export interface Collector {
  readonly parts: TextPart[]
  readonly attachments: Attachment[]
  readonly flags: { files: boolean; images: boolean; audio: boolean; tokens: boolean; uninspected: string[] }
  /** Adds `value` as a text part when it is a string; null/undefined are absent; anything else throws. */
  text(path: JsonPath, role: PartRole, kind: PartKind, value: unknown): void
  /**
   * Adds a file's data: decoded text when it is a text file, else an attachment (and marks `files`).
   * A data URL's own media type wins over `hints`.
   */
  file(path: JsonPath, role: PartRole, data: unknown, hints: FileHints): void
  /** Records a file given by id or URL at `path`: it is a file (`files`) that cannot be read here. */
  fileReference(path: JsonPath, value: unknown, what: string): void
  /** Emits every string (and number) leaf of a JSON value as its own part. */
  leaves(path: JsonPath, role: PartRole, kind: PartKind, value: unknown): void
  unknown(path: JsonPath, type: unknown): void
}

/** Creates an empty collector. */
export function createCollector(): Collector {
  const parts: TextPart[] = []
  const attachments: Attachment[] = []
  const flags = { files: false, images: false, audio: false, tokens: false, uninspected: [] as string[] }
  const collector: Collector = {
    parts,
    attachments,
    flags,
    text(path, role, kind, value) {
      if (value === undefined || value === null) return
      if (typeof value !== 'string') throw new ProtocolError(describePath(path), 'expected a string')
      parts.push({ path, role, kind, text: value })
    },
    file(path, role, data, hints) {
      if (data === undefined || data === null) return
      if (typeof data !== 'string') throw new ProtocolError(describePath(path), 'expected a string')
      const textHint = hints.mediaType ?? mediaTypeOfFilename(hints.fileName)
      const text = decodeTextFile(data, textHint, describePath(path))
      if (text !== undefined) {
        parts.push({ path, role, kind: 'file-text', text })
        return
      }
      flags.files = true
      const { mediaType: declared, base64 } = splitFileData(data)
      if (base64 === undefined) {
        flags.uninspected.push(`${describePath(path)} (file data URL is not base64)`)
        return
      }
      const mediaType = declared ?? hints.mediaType?.trim().toLowerCase()
      attachments.push({
        path,
        ...(hints.fileName === undefined ? {} : { fileName: hints.fileName }),
        ...(mediaType === undefined || mediaType === '' ? {} : { mediaType }),
        base64,
      })
    },
    fileReference(path, value, what) {
      if (value === undefined || value === null) return
      flags.files = true
      flags.uninspected.push(`${describePath(path)} (${what}: its content cannot be read here)`)
    },
    leaves(path, role, kind, value) {
      if (typeof value === 'string') parts.push({ path, role, kind, text: value })
      // A number can be an identifier too (an RRN or account number typed as a JSON number).
      else if (typeof value === 'number') parts.push({ path, role, kind, text: String(value) })
      else if (Array.isArray(value)) {
        value.forEach((v, i) => {
          collector.leaves([...path, i], role, kind, v)
        })
      } else if (isObject(value)) {
        for (const [k, v] of Object.entries(value)) collector.leaves([...path, k], role, kind, v)
      }
    },
    unknown(path, type) {
      flags.uninspected.push(`${describePath(path)} (type ${JSON.stringify(type ?? null)})`)
    },
  }
  return collector
}

/** Requires `value` to be an array (or absent when `optional`), with a clear error naming `path`. */
export function arrayAt(value: unknown, path: JsonPath, optional = true): readonly unknown[] {
  if (value === undefined || value === null) {
    if (optional) return []
    throw new ProtocolError(describePath(path), 'is required and must be an array')
  }
  if (!Array.isArray(value)) throw new ProtocolError(describePath(path), 'must be an array')
  return value
}

/** Requires `value` to be an object, with a clear error naming `path`. */
export function objectAt(value: unknown, path: JsonPath): JsonObject {
  if (!isObject(value)) throw new ProtocolError(describePath(path), 'must be an object')
  return value
}
