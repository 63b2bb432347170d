// Test-only builders that assemble real document containers (ZIP packages, OLE files, PDFs) from parts.
import { deflateRawSync } from 'node:zlib'
import CFB from 'cfb'
import { type Zippable, zipSync } from 'fflate'

const encoder = new TextEncoder()
const xmlHeader = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

/** Escapes text for an XML text node. */
export function xmlText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

/** Zips parts (strings as UTF-8), deflating each; `stored` names are kept uncompressed and first. */
export function buildZip(
  parts: Record<string, string | Uint8Array>,
  stored: readonly string[] = [],
): Uint8Array {
  const files: Zippable = {}
  for (const name of [...stored, ...Object.keys(parts).filter((name) => !stored.includes(name))]) {
    const content = parts[name] ?? ''
    const data = typeof content === 'string' ? encoder.encode(content) : content
    files[name] = [data, { level: stored.includes(name) ? 0 : 6 }]
  }
  return zipSync(files)
}

function contentTypes(overrides: Record<string, string>): string {
  const entries = Object.entries(overrides)
    .map(([part, type]) => `<Override PartName="/${part}" ContentType="${type}"/>`)
    .join('')
  return `${xmlHeader}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${entries}</Types>`
}

const relationshipBase = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

/** Builds a .rels part from [id, short type, target] triples. */
function relationships(items: readonly (readonly [string, string, string])[]): string {
  const body = items
    .map(
      ([id, type, target]) =>
        `<Relationship Id="${id}" Type="${relationshipBase}/${type}" Target="${target}"/>`,
    )
    .join('')
  return `${xmlHeader}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`
}

const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

/** A WordprocessingML paragraph holding one run of text. */
export function wordParagraph(text: string): string {
  return `<w:p><w:r><w:t xml:space="preserve">${xmlText(text)}</w:t></w:r></w:p>`
}

/** Builds a DOCX whose body, header, footer and footnotes hold the given WordprocessingML. */
export function buildDocx(parts: {
  body: string
  header?: string
  footer?: string
  footnotes?: string
}): Uint8Array {
  const files: Record<string, string> = {
    '[Content_Types].xml': contentTypes({
      'word/document.xml': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    }),
    '_rels/.rels': relationships([['rId1', 'officeDocument', 'word/document.xml']]),
    'word/document.xml': `${xmlHeader}<w:document ${w} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${parts.body}<w:sectPr/></w:body></w:document>`,
  }
  const links: [string, string, string][] = []
  if (parts.header !== undefined) {
    files['word/header1.xml'] = `${xmlHeader}<w:hdr ${w}>${parts.header}</w:hdr>`
    links.push(['rId2', 'header', 'header1.xml'])
  }
  if (parts.footer !== undefined) {
    files['word/footer1.xml'] = `${xmlHeader}<w:ftr ${w}>${parts.footer}</w:ftr>`
    links.push(['rId3', 'footer', 'footer1.xml'])
  }
  if (parts.footnotes !== undefined) {
    files['word/footnotes.xml'] = `${xmlHeader}<w:footnotes ${w}>${parts.footnotes}</w:footnotes>`
    links.push(['rId4', 'footnotes', 'footnotes.xml'])
  }
  files['word/_rels/document.xml.rels'] = relationships(links)
  return buildZip(files)
}

const sheetNamespaces =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

/** Builds an XLSX from sheets (name and sheetData XML), shared string items and optional per-sheet comments. */
export function buildXlsx(spec: {
  sheets: readonly { name: string; rows: string; comments?: string }[]
  sharedStrings: readonly string[]
}): Uint8Array {
  const files: Record<string, string> = {
    '[Content_Types].xml': contentTypes({
      'xl/workbook.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
    }),
    '_rels/.rels': relationships([['rId1', 'officeDocument', 'xl/workbook.xml']]),
    'xl/sharedStrings.xml': `${xmlHeader}<sst ${sheetNamespaces} count="${spec.sharedStrings.length}">${spec.sharedStrings.join('')}</sst>`,
  }
  const links: [string, string, string][] = [['rIdS', 'sharedStrings', 'sharedStrings.xml']]
  const sheets = spec.sheets.map((sheet, index) => {
    const number = index + 1
    links.push([`rId${number}`, 'worksheet', `worksheets/sheet${number}.xml`])
    files[`xl/worksheets/sheet${number}.xml`] =
      `${xmlHeader}<worksheet ${sheetNamespaces}><sheetData>${sheet.rows}</sheetData></worksheet>`
    if (sheet.comments !== undefined) {
      files[`xl/comments${number}.xml`] =
        `${xmlHeader}<comments ${sheetNamespaces}><authors><author>Kim</author></authors><commentList>${sheet.comments}</commentList></comments>`
      files[`xl/worksheets/_rels/sheet${number}.xml.rels`] = relationships([
        ['rIdC', 'comments', `../comments${number}.xml`],
      ])
    }
    return `<sheet name="${xmlText(sheet.name)}" sheetId="${number}" r:id="rId${number}"/>`
  })
  files['xl/workbook.xml'] =
    `${xmlHeader}<workbook ${sheetNamespaces}><sheets>${sheets.join('')}</sheets></workbook>`
  files['xl/_rels/workbook.xml.rels'] = relationships(links)
  return buildZip(files)
}

const drawingNamespaces =
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

/** A DrawingML text body paragraph with one run. */
export function drawingParagraph(text: string): string {
  return `<a:p><a:pPr algn="l"><a:tabLst><a:tab pos="0"/></a:tabLst></a:pPr><a:r><a:rPr lang="ko-KR"/><a:t>${xmlText(text)}</a:t></a:r></a:p>`
}

function shapeTree(paragraphs: string): string {
  return `<p:cSld><p:spTree><p:sp><p:txBody><a:bodyPr/>${paragraphs}</p:txBody></p:sp></p:spTree></p:cSld>`
}

/** Builds a PPTX whose slide files are listed in `order` (1-based file numbers) in the presentation. */
export function buildPptx(
  slides: readonly { paragraphs: string; notes?: string }[],
  order: readonly number[],
): Uint8Array {
  const files: Record<string, string> = {
    '[Content_Types].xml': contentTypes({
      'ppt/presentation.xml':
        'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
    }),
    '_rels/.rels': relationships([['rId1', 'officeDocument', 'ppt/presentation.xml']]),
  }
  slides.forEach((slide, index) => {
    const number = index + 1
    files[`ppt/slides/slide${number}.xml`] =
      `${xmlHeader}<p:sld ${drawingNamespaces}>${shapeTree(slide.paragraphs)}</p:sld>`
    if (slide.notes !== undefined) {
      files[`ppt/notesSlides/notesSlide${number}.xml`] =
        `${xmlHeader}<p:notes ${drawingNamespaces}>${shapeTree(slide.notes)}</p:notes>`
      files[`ppt/slides/_rels/slide${number}.xml.rels`] = relationships([
        ['rId1', 'notesSlide', `../notesSlides/notesSlide${number}.xml`],
      ])
    }
  })
  const ids = order.map((number, index) => `<p:sldId id="${256 + index}" r:id="rIdS${number}"/>`).join('')
  files['ppt/presentation.xml'] =
    `${xmlHeader}<p:presentation ${drawingNamespaces}><p:sldIdLst>${ids}</p:sldIdLst></p:presentation>`
  files['ppt/_rels/presentation.xml.rels'] = relationships(
    slides.map((_, index) => [`rIdS${index + 1}`, 'slide', `slides/slide${index + 1}.xml`] as const),
  )
  return buildZip(files)
}

const hwpxNamespaces =
  'xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph"'

/** An HWPX paragraph whose run holds the given hp:t content (already XML). */
export function hwpxParagraph(content: string): string {
  return `<hp:p id="0" paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0"><hp:t>${content}</hp:t></hp:run></hp:p>`
}

/** Builds an HWPX package: a stored mimetype first, then one Contents/sectionN.xml per entry. */
export function buildHwpx(
  sections: readonly string[],
  manifest = '<odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
): Uint8Array {
  const files: Record<string, string> = {
    mimetype: 'application/hwp+zip',
    'META-INF/manifest.xml': `${xmlHeader}${manifest}`,
    'Contents/content.hpf': `${xmlHeader}<opf:package xmlns:opf="http://www.idpf.org/2007/opf/"/>`,
  }
  sections.forEach((section, index) => {
    files[`Contents/section${index}.xml`] = `${xmlHeader}<hs:sec ${hwpxNamespaces}>${section}</hs:sec>`
  })
  return buildZip(files, ['mimetype'])
}

/** One HWP 5 record: a packed tag/level/size header (with the extended size form) and its payload. */
export function hwpRecord(tag: number, level: number, data: Uint8Array): Uint8Array {
  const long = data.length >= 0xfff
  const out = new Uint8Array((long ? 8 : 4) + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, (tag | (level << 10) | ((long ? 0xfff : data.length) << 20)) >>> 0, true)
  if (long) view.setUint32(4, data.length, true)
  out.set(data, long ? 8 : 4)
  return out
}

/** The PARA_HEADER, PARA_TEXT (UTF-16LE units, controls included) and PARA_CHAR_SHAPE records of one paragraph. */
export function hwpParagraph(units: readonly (string | readonly number[])[], level = 0): Uint8Array[] {
  const codes: number[] = []
  for (const unit of units) {
    if (typeof unit === 'string')
      for (let index = 0; index < unit.length; index++) codes.push(unit.charCodeAt(index))
    else codes.push(...unit)
  }
  codes.push(13)
  const text = new Uint8Array(codes.length * 2)
  const view = new DataView(text.buffer)
  for (const [index, code] of codes.entries()) view.setUint16(index * 2, code, true)
  const header = new Uint8Array(24)
  new DataView(header.buffer).setUint32(0, codes.length, true)
  return [
    hwpRecord(66, level, header),
    hwpRecord(67, level + 1, text),
    hwpRecord(68, level + 1, new Uint8Array(8)),
  ]
}

/** Builds an HWP 5 compound file with a FileHeader (flags: 1 compressed, 2 password, 4 distribution). */
export function buildHwp(sections: readonly Uint8Array[][], flags = 1): Uint8Array {
  const header = new Uint8Array(256)
  header.set(encoder.encode('HWP Document File'))
  new DataView(header.buffer).setUint32(32, 0x05000300, true)
  new DataView(header.buffer).setUint32(36, flags, true)
  const file = CFB.utils.cfb_new()
  CFB.utils.cfb_add(file, '/FileHeader', header)
  CFB.utils.cfb_add(file, '/DocInfo', deflateRawSync(new Uint8Array(0)))
  sections.forEach((records, index) => {
    const stream = Buffer.concat(records)
    CFB.utils.cfb_add(file, `/BodyText/Section${index}`, (flags & 1) !== 0 ? deflateRawSync(stream) : stream)
  })
  return new Uint8Array(CFB.write(file, { type: 'buffer' }) as Buffer)
}

/** Builds the OLE wrapper Office uses for a password-protected OOXML file. */
export function buildEncryptedOoxml(): Uint8Array {
  const file = CFB.utils.cfb_new()
  CFB.utils.cfb_add(file, '/EncryptionInfo', new Uint8Array(64).fill(4))
  CFB.utils.cfb_add(file, '/EncryptedPackage', new Uint8Array(5000).fill(7))
  return new Uint8Array(CFB.write(file, { type: 'buffer' }) as Buffer)
}

/** Builds a PDF from object bodies (object n is `objects[n - 1]`) with a correct cross-reference table. */
export function buildPdf(objects: readonly string[], trailerExtra = ''): Uint8Array {
  let pdf = '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n'
  const offsets: number[] = []
  objects.forEach((body, index) => {
    offsets.push(pdf.length)
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = pdf.length
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`
  return new Uint8Array(Buffer.from(pdf, 'latin1'))
}

/** A PDF stream object body. */
export function pdfStream(content: string, dictionary = ''): string {
  return `<< /Length ${Buffer.byteLength(content, 'latin1')} ${dictionary}>>\nstream\n${content}\nendstream`
}

/**
 * Builds a one-page PDF showing `text` through a Type0 Identity-H font whose ToUnicode CMap maps
 * two-byte codes to the text's characters, the way Korean PDFs from office software are made.
 */
export function buildUnicodePdf(
  text: string,
  trailerExtra = '',
  extraObjects: readonly string[] = [],
): Uint8Array {
  const characters = [...new Set(text)]
  const code = (character: string): string =>
    (characters.indexOf(character) + 1).toString(16).padStart(4, '0')
  const hex = (character: string): string => (character.codePointAt(0) ?? 0).toString(16).padStart(4, '0')
  const mapping = characters.map((character) => `<${code(character)}> <${hex(character)}>`).join('\n')
  const cmap = `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Sluice-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n${characters.length} beginbfchar\n${mapping}\nendbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend`
  const shown = [...text].map(code).join('')
  return buildPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
      '<< /Type /Font /Subtype /Type0 /BaseFont /MalgunGothic /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>',
      pdfStream(`BT /F1 12 Tf 72 720 Td <${shown}> Tj ET`),
      '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /MalgunGothic /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>',
      pdfStream(cmap),
      '<< /Type /FontDescriptor /FontName /MalgunGothic /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>',
      ...extraObjects,
    ],
    trailerExtra,
  )
}
