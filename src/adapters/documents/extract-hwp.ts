import { promisify } from 'node:util'
import { inflateRaw } from 'node:zlib'
import { DocumentError } from './document-error.ts'
import type { ExtractLimits } from './extract-limits.ts'
import type { DocumentSegment } from './extracted-document.ts'
import { readCompoundFile } from './read-compound-file.ts'

const inflateRawAsync = promisify(inflateRaw)
const paragraphHeaderTag = 66
const paragraphTextTag = 67
const sectionPattern = /^BodyText\/Section(\d+)$/
const utf16 = new TextDecoder('utf-16le')
// Control codes that occupy a single code unit; every other code below 32 is followed by 7 units of payload.
const singleUnitControls = new Set([0, 10, 13, 24, 25, 26, 27, 28, 29, 30, 31])

function broken(message: string): DocumentError {
  return new DocumentError('BROKEN_DOCUMENT', `Damaged HWP document: ${message}`)
}

/** Turns a PARA_TEXT record (UTF-16LE with 8-unit inline and extended controls) into plain text. */
function paragraphText(record: Uint8Array): string {
  const units = new Uint16Array(Math.floor(record.length / 2))
  const view = new DataView(record.buffer, record.byteOffset, record.byteLength)
  let length = 0
  for (let index = 0; index < units.length; index++) {
    const unit = view.getUint16(index * 2, true)
    if (unit >= 32) {
      units[length++] = unit
    } else if (singleUnitControls.has(unit)) {
      if (unit === 10) units[length++] = 10
      else if (unit === 24) units[length++] = 0x2d
      else if (unit === 30 || unit === 31) units[length++] = 0x20
    } else {
      if (unit === 9) units[length++] = 9
      index += 7
    }
  }
  return utf16.decode(units.subarray(0, length))
}

async function inflateSection(
  data: Uint8Array,
  name: string,
  budget: number,
  limits: ExtractLimits,
): Promise<Uint8Array> {
  const ceiling = Math.min(budget, Math.max(data.length * limits.maxCompressionRatio, 1024 * 1024))
  try {
    return await inflateRawAsync(data, { maxOutputLength: Math.max(ceiling, 1) })
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new DocumentError('LIMIT_EXCEEDED', `${name} inflates past ${ceiling} bytes`)
    }
    throw broken(`${name} cannot be inflated`)
  }
}

function readParagraphs(stream: Uint8Array, section: number, segments: DocumentSegment[]): void {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength)
  let paragraph = 0
  let position = 0
  while (position + 4 <= stream.length) {
    const header = view.getUint32(position, true)
    let size = header >>> 20
    position += 4
    if (size === 0xfff) {
      if (position + 4 > stream.length) throw broken('a record header is cut short')
      size = view.getUint32(position, true)
      position += 4
    }
    if (position + size > stream.length) throw broken('a record runs past the end of its section')
    const tag = header & 0x3ff
    if (tag === paragraphHeaderTag) paragraph++
    if (tag === paragraphTextTag && paragraph > 0) {
      const text = paragraphText(stream.subarray(position, position + size))
      if (text.trim() !== '') segments.push({ text, location: { section, paragraph } })
    }
    position += size
  }
}

/**
 * Extracts HWP 5 paragraphs (PARA_TEXT records in BodyText/Section*) in stream order, which puts table
 * cells, headers and footnotes right after the paragraph that anchors them; sections count from 1.
 */
export async function extractHwp(bytes: Uint8Array, limits: ExtractLimits): Promise<DocumentSegment[]> {
  const streams = readCompoundFile(bytes, limits)
  const header = streams.get('FileHeader')?.()
  if (header === undefined || header.length < 40) throw broken('missing FileHeader')
  if (Buffer.from(header.subarray(0, 17)).toString('latin1') !== 'HWP Document File') {
    throw new DocumentError('UNSUPPORTED_FORMAT', 'Compound file is not an HWP 5 document')
  }
  const properties = new DataView(header.buffer, header.byteOffset, header.byteLength).getUint32(36, true)
  if ((properties & 0b10) !== 0)
    throw new DocumentError('ENCRYPTED_DOCUMENT', 'HWP document is password-protected')
  // Distribution documents keep their text encrypted in ViewText instead of BodyText.
  if ((properties & 0b100) !== 0)
    throw new DocumentError('ENCRYPTED_DOCUMENT', 'HWP distribution document is encrypted')
  const sections = [...streams.keys()]
    .map((name) => ({ name, match: sectionPattern.exec(name) }))
    .filter((entry) => entry.match !== null)
    .map((entry) => ({ name: entry.name, number: Number(entry.match?.[1]) }))
    .sort((a, b) => a.number - b.number)
  if (sections.length === 0) throw broken('no BodyText sections')
  const segments: DocumentSegment[] = []
  let budget = limits.maxUncompressedBytes
  for (const section of sections) {
    const raw = streams.get(section.name)?.() ?? new Uint8Array()
    const stream = (properties & 1) !== 0 ? await inflateSection(raw, section.name, budget, limits) : raw
    budget -= stream.length
    readParagraphs(stream, section.number + 1, segments)
  }
  return segments
}
