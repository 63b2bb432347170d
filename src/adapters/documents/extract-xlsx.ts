import type { DocumentSegment } from './extracted-document.ts'
import { findMainPart, isRelationshipType, readRelationships } from './read-relationships.ts'
import { readXmlPart } from './read-xml-part.ts'
import type { ZipArchive } from './read-zip.ts'
import { scanXml } from './scan-xml.ts'

interface CellPosition {
  readonly cell: string
  readonly row: number
  readonly column: number
}

function columnName(column: number): string {
  let name = ''
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    name = String.fromCharCode(65 + ((rest - 1) % 26)) + name
  }
  return name
}

function parseReference(reference: string | undefined): { row: number; column: number } | undefined {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(reference ?? '')
  if (match === null) return undefined
  let column = 0
  for (const letter of (match[1] ?? '').toUpperCase()) column = column * 26 + letter.charCodeAt(0) - 64
  return { row: Number(match[2]), column }
}

/**
 * Reads rich or plain strings: the text of `t` elements under each `item`, leaving out phonetic
 * guides (rPh) that would repeat the reading of the same cell.
 */
function collectRichText(
  xml: string,
  item: string,
  onItem: (text: string, attribute: (name: string) => string | undefined) => void,
): void {
  let current: { text: string; attribute: (name: string) => string | undefined } | undefined
  let textDepth = 0
  let phoneticDepth = 0
  scanXml(xml, {
    open(name, attribute) {
      if (name === item) current = { text: '', attribute }
      else if (name === 'rPh') phoneticDepth++
      else if (name === 't') textDepth++
    },
    close(name) {
      if (name === item && current !== undefined) {
        onItem(current.text, current.attribute)
        current = undefined
      } else if (name === 'rPh') phoneticDepth--
      else if (name === 't') textDepth--
    },
    text(text) {
      if (current !== undefined && textDepth > 0 && phoneticDepth === 0) current.text += text
    },
  })
}

function readCells(
  xml: string,
  sharedStrings: readonly string[],
  onCell: (text: string, position: CellPosition) => void,
): void {
  let row = 0
  let column = 0
  let cell: { type: string; position: CellPosition; value: string } | undefined
  let valueDepth = 0
  let inlineTextDepth = 0
  let phoneticDepth = 0
  scanXml(xml, {
    open(name, attribute) {
      if (name === 'row') {
        const declared = Number(attribute('r'))
        row = Number.isSafeInteger(declared) && declared > 0 ? declared : row + 1
        column = 0
      } else if (name === 'c') {
        // r is optional on rows and cells; without it a cell is the one after the previous.
        const reference = parseReference(attribute('r')) ?? { row, column: column + 1 }
        column = reference.column
        const position = {
          cell: `${columnName(reference.column)}${reference.row}`,
          row: reference.row,
          column,
        }
        cell = { type: attribute('t') ?? 'n', position, value: '' }
      } else if (name === 'v') valueDepth++
      else if (name === 't') inlineTextDepth++
      else if (name === 'rPh') phoneticDepth++
    },
    close(name) {
      if (name === 'c' && cell !== undefined) {
        const text = cell.type === 's' ? (sharedStrings[Number(cell.value.trim())] ?? '') : cell.value
        if (text.trim() !== '') onCell(text, cell.position)
        cell = undefined
      } else if (name === 'v') valueDepth--
      else if (name === 't') inlineTextDepth--
      else if (name === 'rPh') phoneticDepth--
    },
    text(text) {
      if (cell === undefined || phoneticDepth > 0) return
      if (valueDepth > 0 || (inlineTextDepth > 0 && cell.type === 'inlineStr')) cell.value += text
    },
  })
}

async function readSheets(zip: ZipArchive, workbook: string): Promise<{ name: string; part: string }[]> {
  const targets = new Map(
    (await readRelationships(zip, workbook)).map((relationship) => [relationship.id, relationship]),
  )
  const sheets: { name: string; part: string }[] = []
  scanXml(await readXmlPart(zip, workbook), {
    open(name, attribute) {
      if (name !== 'sheet') return
      const relationship = targets.get(attribute('r:id') ?? '')
      if (
        relationship === undefined ||
        !isRelationshipType(relationship, 'worksheet') ||
        !zip.has(relationship.target)
      )
        return
      sheets.push({ name: attribute('name') ?? relationship.target, part: relationship.target })
    },
  })
  return sheets
}

/**
 * Extracts XLSX cells sheet by sheet (workbook order, hidden sheets included) with shared and inline
 * strings resolved and numbers as stored, then each sheet's cell comments.
 */
export async function extractXlsx(zip: ZipArchive): Promise<DocumentSegment[]> {
  const workbook = await findMainPart(zip, 'xl/workbook.xml')
  const workbookRelationships = await readRelationships(zip, workbook)
  const sharedPart = workbookRelationships.find((relationship) =>
    isRelationshipType(relationship, 'sharedStrings'),
  )
  const sharedStrings: string[] = []
  if (sharedPart !== undefined && zip.has(sharedPart.target)) {
    collectRichText(await readXmlPart(zip, sharedPart.target), 'si', (text) => sharedStrings.push(text))
  }
  const segments: DocumentSegment[] = []
  for (const sheet of await readSheets(zip, workbook)) {
    readCells(await readXmlPart(zip, sheet.part), sharedStrings, (text, position) => {
      segments.push({ text, location: { sheet: sheet.name, ...position } })
    })
    for (const comments of await readRelationships(zip, sheet.part)) {
      if (!isRelationshipType(comments, 'comments') || !zip.has(comments.target)) continue
      collectRichText(await readXmlPart(zip, comments.target), 'comment', (text, attribute) => {
        const reference = parseReference(attribute('ref'))
        if (text.trim() === '') return
        const cell =
          reference === undefined
            ? {}
            : { cell: `${columnName(reference.column)}${reference.row}`, ...reference }
        segments.push({ text, location: { sheet: sheet.name, ...cell, path: comments.target } })
      })
    }
  }
  return segments
}
