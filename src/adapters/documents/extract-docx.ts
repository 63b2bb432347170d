import { collectParagraphs, type ParagraphVocabulary } from './collect-paragraphs.ts'
import type { DocumentSegment } from './extracted-document.ts'
import { findMainPart, isRelationshipType, readRelationships } from './read-relationships.ts'
import { readXmlPart } from './read-xml-part.ts'
import type { ZipArchive } from './read-zip.ts'

const wordVocabulary: ParagraphVocabulary = {
  paragraph: 'p',
  text: new Set(['t', 'delText']),
  tab: new Set(['tab', 'ptab']),
  lineBreak: new Set(['br', 'cr']),
  space: new Set(),
  // Tab stops live in pPr; mc:Fallback repeats the text box already read from mc:Choice.
  skip: new Set(['pPr', 'rPr', 'Fallback']),
}

// Secondary parts in the order a reader meets them after the body.
const secondaryTypes = ['header', 'footer', 'footnotes', 'endnotes', 'comments']

/** Extracts DOCX paragraphs from the body, then headers, footers, footnotes, endnotes and comments. */
export async function extractDocx(zip: ZipArchive): Promise<DocumentSegment[]> {
  const main = await findMainPart(zip, 'word/document.xml')
  const relationships = await readRelationships(zip, main)
  const parts = [main]
  for (const type of secondaryTypes) {
    const targets = relationships
      .filter((relationship) => isRelationshipType(relationship, type) && zip.has(relationship.target))
      .map((relationship) => relationship.target)
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    for (const target of new Set(targets)) parts.push(target)
  }
  const segments: DocumentSegment[] = []
  for (const part of parts) {
    for (const paragraph of collectParagraphs(await readXmlPart(zip, part), wordVocabulary)) {
      segments.push({ text: paragraph.text, location: { path: part, paragraph: paragraph.index } })
    }
  }
  return segments
}
