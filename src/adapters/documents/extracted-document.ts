/** The document formats the extractors understand. */
export type DocumentFormat = 'text' | 'json' | 'csv' | 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'hwpx' | 'hwp'

/**
 * Where a segment sits in its document; every number is 1-based.
 * `path` is a JSON pointer for JSON strings and the package part name (e.g. `word/footer1.xml`) for
 * DOCX paragraphs and PPTX notes, so a finding can be traced back to the part that holds it.
 */
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

/** One run of text taken from a document, with where it came from. */
export interface DocumentSegment {
  readonly text: string
  readonly location: DocumentLocation
}

/** The text of a document, split into located segments in reading order. */
export interface ExtractedDocument {
  readonly format: DocumentFormat
  readonly segments: readonly DocumentSegment[]
}
