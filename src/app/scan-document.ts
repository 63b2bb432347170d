import type { DetectionEngine, ScanOptions } from '../core/detection/create-engine.ts'
import type { Finding } from '../core/detection/finding.ts'
import type { DocumentExtractor, DocumentLocation } from './ports.ts'

/** A segment of a scanned document with the findings in it (offsets relative to the segment). */
export interface ScannedSegment {
  readonly text: string
  readonly location: DocumentLocation
  readonly findings: readonly Finding[]
}

/** The result of scanning one document. */
export interface DocumentScan {
  readonly format: string
  readonly segments: readonly ScannedSegment[]
}

/** What scanning documents needs. */
export interface ScanDocumentDeps {
  readonly engine: DetectionEngine
  readonly extractor: DocumentExtractor
}

/** A file to scan. `asText` scans text-like formats (text, JSON, CSV) as one raw text, e.g. to redact it in place. */
export interface DocumentInput {
  readonly bytes: Uint8Array
  readonly fileName?: string
  readonly asText?: boolean
}

const textLike: ReadonlySet<string> = new Set(['text', 'json', 'csv'])

/**
 * Scans one document. Plain text is scanned whole (offsets are then offsets of the file's text);
 * other formats are extracted into located segments and each segment is scanned.
 */
export async function scanDocument(
  deps: ScanDocumentDeps,
  input: DocumentInput,
  options: ScanOptions = {},
): Promise<DocumentScan> {
  const format = deps.extractor.detectFormat(input.bytes, input.fileName)
  if (format === 'text' || (input.asText === true && textLike.has(format))) {
    const text = deps.extractor.decodeText(input.bytes)
    return { format, segments: [{ text, location: {}, findings: deps.engine.scan(text, options) }] }
  }
  const extracted = await deps.extractor.extract(input.bytes, input.fileName)
  const segments = extracted.segments.map((s) => ({
    text: s.text,
    location: s.location,
    findings: deps.engine.scan(s.text, options),
  }))
  return { format: extracted.format, segments }
}
