import { scanXml } from './scan-xml.ts'

/** Which element local names carry paragraphs, text and inline whitespace in one XML vocabulary. */
export interface ParagraphVocabulary {
  readonly paragraph: string
  readonly text: ReadonlySet<string>
  readonly tab: ReadonlySet<string>
  readonly lineBreak: ReadonlySet<string>
  readonly space: ReadonlySet<string>
  /** Subtrees whose text must not be read: property blocks, duplicate fallbacks, field codes. */
  readonly skip: ReadonlySet<string>
}

/** A paragraph's text with its 1-based position among all paragraphs of the part, empty ones included. */
export interface CollectedParagraph {
  readonly index: number
  readonly text: string
}

interface OpenParagraph {
  readonly index: number
  text: string
}

/**
 * Gathers paragraph text from a word-processing or presentation XML part.
 * Paragraphs may nest (text boxes, table cells, footnotes inside a paragraph), so each is numbered when
 * it opens and the result is sorted by that number to keep reading order.
 */
export function collectParagraphs(xml: string, vocabulary: ParagraphVocabulary): CollectedParagraph[] {
  const collected: CollectedParagraph[] = []
  const open: OpenParagraph[] = []
  let counter = 0
  let textDepth = 0
  let skipDepth = 0
  const append = (text: string): void => {
    const current = open.at(-1)
    if (current !== undefined && skipDepth === 0) current.text += text
  }
  scanXml(xml, {
    // scanXml reports an empty element as open then close, so depths stay balanced without special cases.
    open(name) {
      if (vocabulary.skip.has(name)) {
        skipDepth++
      } else if (name === vocabulary.paragraph) {
        if (skipDepth === 0) open.push({ index: ++counter, text: '' })
      } else if (vocabulary.text.has(name)) {
        textDepth++
      } else if (vocabulary.tab.has(name)) {
        append('\t')
      } else if (vocabulary.lineBreak.has(name)) {
        append('\n')
      } else if (vocabulary.space.has(name)) {
        append(' ')
      }
    },
    close(name) {
      if (vocabulary.skip.has(name)) {
        skipDepth--
      } else if (name === vocabulary.paragraph && skipDepth === 0) {
        const paragraph = open.pop()
        if (paragraph !== undefined && paragraph.text.trim() !== '') collected.push(paragraph)
      } else if (vocabulary.text.has(name)) {
        textDepth--
      }
    },
    text(text) {
      if (textDepth > 0) append(text)
    },
  })
  return collected.sort((a, b) => a.index - b.index)
}
