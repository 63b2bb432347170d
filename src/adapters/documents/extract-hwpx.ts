import { collectParagraphs, type ParagraphVocabulary } from './collect-paragraphs.ts'
import { DocumentError } from './document-error.ts'
import type { DocumentSegment } from './extracted-document.ts'
import { readXmlPart } from './read-xml-part.ts'
import type { ZipArchive } from './read-zip.ts'

const hwpxVocabulary: ParagraphVocabulary = {
  paragraph: 'p',
  text: new Set(['t']),
  tab: new Set(['tab']),
  lineBreak: new Set(['lineBreak']),
  space: new Set(['nbSpace', 'fwSpace']),
  skip: new Set(),
}

const sectionPattern = /^Contents\/section(\d+)\.xml$/i

/** Extracts HWPX paragraphs (hp:p) from Contents/section*.xml in section order; sections count from 1. */
export async function extractHwpx(zip: ZipArchive): Promise<DocumentSegment[]> {
  const manifest = 'META-INF/manifest.xml'
  if (zip.has(manifest) && (await readXmlPart(zip, manifest)).includes('encryption-data')) {
    throw new DocumentError('ENCRYPTED_DOCUMENT', 'HWPX document is password-protected')
  }
  const sections = zip.names
    .map((name) => ({ name, match: sectionPattern.exec(name) }))
    .filter((entry) => entry.match !== null)
    .map((entry) => ({ name: entry.name, number: Number(entry.match?.[1]) }))
    .sort((a, b) => a.number - b.number)
  if (sections.length === 0)
    throw new DocumentError('BROKEN_DOCUMENT', 'HWPX document has no Contents/section*.xml')
  const segments: DocumentSegment[] = []
  for (const section of sections) {
    for (const paragraph of collectParagraphs(await readXmlPart(zip, section.name), hwpxVocabulary)) {
      segments.push({
        text: paragraph.text,
        location: { section: section.number + 1, paragraph: paragraph.index },
      })
    }
  }
  return segments
}
