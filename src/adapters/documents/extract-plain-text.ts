import type { DocumentSegment } from './extracted-document.ts'

/** Splits text into one segment per non-blank line, numbered from 1 so blank lines still count. */
export function extractPlainText(text: string): DocumentSegment[] {
  const segments: DocumentSegment[] = []
  const lines = text.split(/\r\n|\r|\n/)
  for (const [index, line] of lines.entries()) {
    if (line.trim() !== '') segments.push({ text: line, location: { line: index + 1 } })
  }
  return segments
}
