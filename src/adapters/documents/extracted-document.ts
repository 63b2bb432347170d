import type { DocumentSegment } from '../../app/ports.ts'

// The location and segment shapes are the app's (ports.ts); DOCX paragraphs and PPTX notes put their
// package part name (e.g. `word/footer1.xml`) in `path`, JSON strings a JSON pointer.
export type { DocumentLocation, DocumentSegment } from '../../app/ports.ts'

/** The document formats the extractors understand. */
export type DocumentFormat = 'text' | 'json' | 'csv' | 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'hwpx' | 'hwp'

/** The text of a document, split into located segments in reading order. */
export interface ExtractedDocument {
  readonly format: DocumentFormat
  readonly segments: readonly DocumentSegment[]
}
