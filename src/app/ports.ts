/** Where a piece of extracted text sits in its document (1-based numbers). */
export interface DocumentLocation {
  readonly page?: number
  readonly sheet?: string
  readonly cell?: string
  readonly slide?: number
  readonly paragraph?: number
  readonly section?: number
  readonly line?: number
  readonly path?: string
  readonly row?: number
  readonly column?: number
}

/** A piece of text extracted from a document, with its location. */
export interface DocumentSegment {
  readonly text: string
  readonly location: DocumentLocation
}

/** A document turned into text segments. */
export interface ExtractedDocument {
  readonly format: string
  readonly segments: readonly DocumentSegment[]
}

/**
 * Turns a file's bytes into text segments. Throws a SluiceError with code UNSUPPORTED_FORMAT,
 * BROKEN_DOCUMENT, ENCRYPTED_DOCUMENT or LIMIT_EXCEEDED for files it cannot or will not read.
 */
export interface DocumentExtractor {
  /** The document's format by magic bytes, then name; 'text' for UTF-8 text. Throws UNSUPPORTED_FORMAT. */
  detectFormat(bytes: Uint8Array, fileName?: string): string
  /** Decodes a text file (UTF-8, UTF-16 with BOM, CP949). Throws UNSUPPORTED_FORMAT for binary data. */
  decodeText(bytes: Uint8Array): string
  extract(bytes: Uint8Array, fileName?: string): Promise<ExtractedDocument>
}
