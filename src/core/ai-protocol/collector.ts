import { describePath, isObject, type JsonObject, type JsonPath } from './json-path.ts'
import { ProtocolError } from './protocol-error.ts'
import { decodeTextFile } from './text-file.ts'
import type { PartKind, PartRole, TextPart } from './text-part.ts'

/** Which kinds of non-text content a body carries; the gateway decides these by rule. */
export interface ContentFlags {
  /** A file that is not a decodable text file (PDF, Office, a file id or URL the gateway cannot read). */
  readonly files: boolean
  readonly images: boolean
  readonly audio: boolean
  /** Embeddings input given as token ids: see {@link TextPart.opaque}. */
  readonly tokens: boolean
  /**
   * Readable paths of items or blocks whose type this layer does not know (a newer API feature).
   * They were not inspected; policy decides whether such a request may leave.
   */
  readonly uninspected: readonly string[]
}

/** Accumulates the parts and flags of one body while its walker descends. */
export interface Collector {
  readonly parts: TextPart[]
  readonly flags: { files: boolean; images: boolean; audio: boolean; tokens: boolean; uninspected: string[] }
  /** Adds `value` as a text part when it is a string; null/undefined are absent; anything else throws. */
  text(path: JsonPath, role: PartRole, kind: PartKind, value: unknown): void
  /** Adds a file's data: decoded text when it is a text file, else marks `files`. */
  file(path: JsonPath, role: PartRole, data: unknown, mediaTypeHint: string | undefined): void
  /** Emits every string (and number) leaf of a JSON value as its own part. */
  leaves(path: JsonPath, role: PartRole, kind: PartKind, value: unknown): void
  unknown(path: JsonPath, type: unknown): void
}

/** Creates an empty collector. */
export function createCollector(): Collector {
  const parts: TextPart[] = []
  const flags = { files: false, images: false, audio: false, tokens: false, uninspected: [] as string[] }
  const collector: Collector = {
    parts,
    flags,
    text(path, role, kind, value) {
      if (value === undefined || value === null) return
      if (typeof value !== 'string') throw new ProtocolError(describePath(path), 'expected a string')
      parts.push({ path, role, kind, text: value })
    },
    file(path, role, data, mediaTypeHint) {
      if (data === undefined || data === null) return
      if (typeof data !== 'string') throw new ProtocolError(describePath(path), 'expected a string')
      const text = decodeTextFile(data, mediaTypeHint, describePath(path))
      if (text === undefined) flags.files = true
      else parts.push({ path, role, kind: 'file-text', text })
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
