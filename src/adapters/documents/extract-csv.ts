import type { DocumentSegment } from './extracted-document.ts'

/** Picks the delimiter from the first line so tab- and semicolon-separated exports work too. */
function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/))
  const counts = [',', '\t', ';'].map((delimiter) => ({
    delimiter,
    count: firstLine.split(delimiter).length,
  }))
  counts.sort((a, b) => b.count - a.count)
  return counts[0] !== undefined && counts[0].count > 1 ? counts[0].delimiter : ','
}

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes) and yields each
 * non-blank cell with its 1-based row and column; an unterminated quote runs to the end of input.
 */
export function extractCsv(text: string): DocumentSegment[] {
  const delimiter = guessDelimiter(text)
  // Unquoted text runs to the next delimiter or line break; copying it in one slice keeps large files fast.
  const fieldEnd = new RegExp(`[${delimiter === '\t' ? '\\t' : delimiter}\\r\\n]`, 'g')
  const segments: DocumentSegment[] = []
  let row = 1
  let column = 1
  let field = ''
  let position = 0
  const endField = (): void => {
    if (field.trim() !== '') segments.push({ text: field, location: { row, column } })
    field = ''
    column++
  }
  while (position < text.length) {
    const char = text[position]
    if (char === '"' && field === '') {
      let close = position + 1
      for (;;) {
        const quote = text.indexOf('"', close)
        if (quote === -1) {
          field += text.slice(close)
          close = text.length
          break
        }
        field += text.slice(close, quote)
        if (text[quote + 1] === '"') {
          field += '"'
          close = quote + 2
        } else {
          close = quote + 1
          break
        }
      }
      position = close
    } else if (char === delimiter) {
      endField()
      position++
    } else if (char === '\r' || char === '\n') {
      endField()
      row++
      column = 1
      position += char === '\r' && text[position + 1] === '\n' ? 2 : 1
    } else {
      fieldEnd.lastIndex = position
      const stop = fieldEnd.test(text) ? fieldEnd.lastIndex - 1 : text.length
      field += text.slice(position, stop)
      position = stop
    }
  }
  if (field !== '' || column > 1) endField()
  return segments
}
