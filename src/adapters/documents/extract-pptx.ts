import { collectParagraphs, type ParagraphVocabulary } from './collect-paragraphs.ts'
import type { DocumentSegment } from './extracted-document.ts'
import { findMainPart, isRelationshipType, readRelationships } from './read-relationships.ts'
import { readXmlPart } from './read-xml-part.ts'
import type { ZipArchive } from './read-zip.ts'
import { scanXml } from './scan-xml.ts'

const drawingVocabulary: ParagraphVocabulary = {
  paragraph: 'p',
  text: new Set(['t']),
  tab: new Set(),
  lineBreak: new Set(['br']),
  space: new Set(),
  skip: new Set(['pPr', 'rPr', 'endParaRPr', 'Fallback']),
}

/** Lists slide parts in presentation order (sldIdLst), which need not match the file names. */
async function slideParts(zip: ZipArchive, presentation: string): Promise<string[]> {
  const relationships = await readRelationships(zip, presentation)
  const targets = new Map(relationships.map((relationship) => [relationship.id, relationship.target]))
  const slides: string[] = []
  scanXml(await readXmlPart(zip, presentation), {
    open(name, attribute) {
      if (name !== 'sldId') return
      const target = targets.get(attribute('r:id') ?? '')
      if (target !== undefined && zip.has(target)) slides.push(target)
    },
  })
  return slides
}

/** Extracts PPTX paragraphs slide by slide, each slide followed by its speaker notes. */
export async function extractPptx(zip: ZipArchive): Promise<DocumentSegment[]> {
  const presentation = await findMainPart(zip, 'ppt/presentation.xml')
  const segments: DocumentSegment[] = []
  for (const [index, slidePart] of (await slideParts(zip, presentation)).entries()) {
    const slide = index + 1
    for (const paragraph of collectParagraphs(await readXmlPart(zip, slidePart), drawingVocabulary)) {
      segments.push({ text: paragraph.text, location: { slide, paragraph: paragraph.index } })
    }
    const notes = (await readRelationships(zip, slidePart)).find(
      (relationship) => isRelationshipType(relationship, 'notesSlide') && zip.has(relationship.target),
    )
    if (notes === undefined) continue
    for (const paragraph of collectParagraphs(await readXmlPart(zip, notes.target), drawingVocabulary)) {
      segments.push({
        text: paragraph.text,
        location: { slide, paragraph: paragraph.index, path: notes.target },
      })
    }
  }
  return segments
}
