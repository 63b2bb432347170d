import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import {
  buildDocx,
  buildEncryptedOoxml,
  buildHwp,
  buildHwpx,
  buildUnicodePdf,
  buildXlsx,
  hwpParagraph,
  hwpxParagraph,
  wordParagraph,
} from './build-test-documents.ts'
import { extractDocument } from './extract-document.ts'

const encoder = new TextEncoder()
const docx = buildDocx({ body: wordParagraph('홍길동') })
const xlsx = buildXlsx({
  sheets: [{ name: 'a', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }],
  sharedStrings: [],
})

async function latinPdf(text: string): Promise<Uint8Array> {
  const document = await PDFDocument.create()
  const font = await document.embedFont(StandardFonts.Helvetica)
  document.addPage().drawText(text, { x: 50, y: 700, size: 12, font })
  return document.save()
}

describe('extractDocument refuses', () => {
  const refusals: readonly {
    readonly name: string
    readonly bytes: () => Uint8Array | Promise<Uint8Array>
    readonly fileName?: string
    readonly code: string
  }[] = [
    {
      name: 'random bytes',
      bytes: () => new Uint8Array(512).map((_, i) => (i * 7919 + 13) % 256),
      code: 'UNSUPPORTED_FORMAT',
    },
    {
      name: 'binary named .txt',
      bytes: () => new Uint8Array([0, 1, 2, 3, 0, 0, 255, 254]),
      fileName: 'a.txt',
      code: 'UNSUPPORTED_FORMAT',
    },
    {
      name: 'a truncated PDF',
      bytes: async () => (await latinPdf('Hello')).slice(0, 400),
      code: 'BROKEN_DOCUMENT',
    },
    {
      name: 'a truncated DOCX',
      bytes: () => docx.slice(0, Math.floor(docx.length / 2)),
      fileName: 'a.docx',
      code: 'BROKEN_DOCUMENT',
    },
    { name: 'a truncated ZIP with no name', bytes: () => xlsx.slice(0, 200), code: 'BROKEN_DOCUMENT' },
    {
      name: 'invalid JSON',
      bytes: () => encoder.encode('{"a": '),
      fileName: 'a.json',
      code: 'BROKEN_DOCUMENT',
    },
    {
      name: 'malformed XML in a DOCX',
      bytes: () => buildDocx({ body: '<w:p><w:r><w:t>unclosed</w:r></w:p>' }),
      code: 'BROKEN_DOCUMENT',
    },
    {
      name: 'a PDF with a user password',
      bytes: () =>
        buildUnicodePdf(
          '비밀',
          '/Encrypt 9 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] ',
          [`<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -44 >>`],
        ),
      code: 'ENCRYPTED_DOCUMENT',
    },
    {
      name: 'a password-protected DOCX',
      bytes: () => buildEncryptedOoxml(),
      fileName: 'secret.docx',
      code: 'ENCRYPTED_DOCUMENT',
    },
    {
      name: 'a password-protected XLSX without a name',
      bytes: () => buildEncryptedOoxml(),
      code: 'ENCRYPTED_DOCUMENT',
    },
    {
      name: 'an encrypted HWPX',
      bytes: () =>
        buildHwpx(
          [hwpxParagraph('x')],
          '<odf:manifest><odf:file-entry><odf:encryption-data/></odf:file-entry></odf:manifest>',
        ),
      code: 'ENCRYPTED_DOCUMENT',
    },
    {
      name: 'a password-protected HWP',
      bytes: () => buildHwp([hwpParagraph(['x'])], 0b11),
      code: 'ENCRYPTED_DOCUMENT',
    },
    {
      name: 'an HWP distribution document',
      bytes: () => buildHwp([hwpParagraph(['x'])], 0b101),
      code: 'ENCRYPTED_DOCUMENT',
    },
    { name: 'an oversized input', bytes: () => new Uint8Array(51 * 1024 * 1024), code: 'LIMIT_EXCEEDED' },
  ]
  for (const refusal of refusals) {
    it(`${refusal.name} with ${refusal.code}`, async () => {
      const bytes = await refusal.bytes()
      const options = refusal.fileName === undefined ? {} : { fileName: refusal.fileName }
      await assert.rejects(extractDocument(bytes, options), (error: unknown) => {
        assert.equal((error as { code?: unknown }).code, refusal.code, String(error))
        assert.doesNotMatch((error as Error).message, /\n/)
        return true
      })
    })
  }
})
