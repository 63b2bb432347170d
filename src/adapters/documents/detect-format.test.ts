import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  buildDocx,
  buildEncryptedOoxml,
  buildHwp,
  buildHwpx,
  buildPptx,
  buildUnicodePdf,
  buildXlsx,
  buildZip,
  drawingParagraph,
  hwpParagraph,
  hwpxParagraph,
  wordParagraph,
} from './build-test-documents.ts'
import { detectFormat } from './detect-format.ts'

const encoder = new TextEncoder()
const pdf = buildUnicodePdf('x')
const docx = buildDocx({ body: wordParagraph('x') })

const cases: readonly { name: string; bytes: Uint8Array; fileName?: string; format: string | undefined }[] = [
  { name: 'PDF by magic bytes despite a .docx name', bytes: pdf, fileName: 'report.docx', format: 'pdf' },
  { name: 'DOCX by its parts despite a .txt name', bytes: docx, fileName: 'notes.txt', format: 'docx' },
  {
    name: 'XLSX named .docx',
    bytes: buildXlsx({ sheets: [], sharedStrings: [] }),
    fileName: 'a.docx',
    format: 'xlsx',
  },
  {
    name: 'PPTX with no name',
    bytes: buildPptx([{ paragraphs: drawingParagraph('x') }], [1]),
    format: 'pptx',
  },
  {
    name: 'HWPX by its mimetype despite a .zip name',
    bytes: buildHwpx([hwpxParagraph('x')]),
    fileName: 'a.zip',
    format: 'hwpx',
  },
  {
    name: 'HWP 5 by its OLE signature despite a .pdf name',
    bytes: buildHwp([hwpParagraph(['x'])]),
    fileName: 'a.pdf',
    format: 'hwp',
  },
  {
    name: 'an encrypted OOXML wrapper takes its format from the name',
    bytes: buildEncryptedOoxml(),
    fileName: 'a.xlsx',
    format: 'xlsx',
  },
  {
    name: 'a plain ZIP is not a document',
    bytes: buildZip({ 'a.txt': 'x' }),
    fileName: 'a.zip',
    format: undefined,
  },
  {
    name: 'a damaged ZIP falls back to its office extension',
    bytes: docx.slice(0, 100),
    fileName: 'a.docx',
    format: 'docx',
  },
  { name: 'text by extension', bytes: encoder.encode('a,b'), fileName: 'A.CSV', format: 'csv' },
  { name: 'UTF-8 text with no name', bytes: encoder.encode('안녕하세요\n'), format: 'text' },
  {
    name: 'UTF-16 text with a byte-order mark',
    bytes: new Uint8Array([0xff, 0xfe, 0x48, 0, 0x69, 0]),
    format: 'text',
  },
  { name: 'JSON sniffed with no name', bytes: encoder.encode(' {"a": [1]}'), format: 'json' },
  { name: 'a brace that is not JSON stays text', bytes: encoder.encode('{ not json'), format: 'text' },
  {
    name: 'random bytes',
    bytes: new Uint8Array(256).map((_, i) => (i * 7919 + 13) % 256),
    format: undefined,
  },
  { name: 'NUL-filled bytes', bytes: new Uint8Array(64), format: undefined },
]

describe('detectFormat', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      assert.equal(detectFormat(testCase.bytes, testCase.fileName), testCase.format)
    })
  }
})
