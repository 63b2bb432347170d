import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import {
  buildDocx,
  buildEncryptedOoxml,
  buildUnicodePdf,
  buildXlsx,
  wordParagraph,
} from '../../adapters/documents/build-test-documents.ts'
import { createDocumentExtractor } from '../../adapters/documents/document-extractor.ts'
import { type Attachment, collectRequestParts } from '../../core/ai-protocol/index.ts'
import { createDetectionEngine } from '../../core/detection/create-engine.ts'
import { createDefaultDetectors } from '../../core/detectors/index.ts'
import { type AttachmentText, extractAttachmentTexts } from './attachment-texts.ts'
import { GatewayError } from './gateway-error.ts'

const rrn = '900101-1234568'
const extractor = createDocumentExtractor()
const limits = { maxBytes: 10 * 1024 * 1024 }
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')
const textOf = (doc: AttachmentText) => doc.segments.map((s) => s.text).join('\n')
const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

async function latinPdf(lines: readonly string[]): Promise<Uint8Array> {
  const document = await PDFDocument.create()
  const font = await document.embedFont(StandardFonts.Helvetica)
  let page = document.addPage()
  lines.forEach((line, index) => {
    // Thirty lines a page, so long documents have many pages rather than text off the page.
    if (index > 0 && index % 30 === 0) page = document.addPage()
    page.drawText(line, { x: 50, y: 700 - (index % 30) * 20, size: 12, font })
  })
  return document.save()
}

const docx = buildDocx({
  body: [wordParagraph('민원인 홍길동'), wordParagraph(`주민등록번호 ${rrn}`)].join(''),
})
const xlsx = buildXlsx({
  sharedStrings: ['<si><t>이름</t></si>', '<si><t>주민번호</t></si>', '<si><t>김영희</t></si>'],
  sheets: [
    {
      name: '명단',
      rows: [
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
        `<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="inlineStr"><is><t>${rrn}</t></is></c></row>`,
      ].join(''),
    },
  ],
})

/** Expects INSPECTION_FAILED whose message names `mention` and matches `reason`. */
async function rejectsUnreadable(
  attachments: readonly Attachment[],
  mention: string,
  reason: RegExp,
): Promise<void> {
  await assert.rejects(extractAttachmentTexts(extractor, attachments, limits), (error: unknown) => {
    assert.ok(error instanceof GatewayError, String(error))
    assert.equal(error.code, 'INSPECTION_FAILED')
    assert.equal(error.rule, 'inspection-failed')
    assert.ok(error.message.includes(mention), error.message)
    assert.match(error.message, reason)
    assert.match(error.message, /the request was not sent/)
    return true
  })
}

describe('extractAttachmentTexts', () => {
  it('extracts the RRN and names from real PDF, DOCX and XLSX documents, keeping path and file name', async () => {
    const pdf = await latinPdf([`RRN ${rrn}`, 'Hong Gildong'])
    const koreanPdf = buildUnicodePdf(`홍길동 ${rrn}`)
    const got = await extractAttachmentTexts(
      extractor,
      [
        { path: ['messages', 0, 'content', 1, 'file', 'file_data'], fileName: 'scan.pdf', base64: b64(pdf) },
        // Anthropic style: no file name, only a media type.
        {
          path: ['messages', 1, 'content', 0, 'source', 'data'],
          mediaType: 'application/pdf',
          base64: b64(koreanPdf),
        },
        {
          path: ['input', 0, 'content', 0, 'file_data'],
          fileName: '민원.docx',
          mediaType: docxType,
          base64: b64(docx),
        },
        { path: ['input', 0, 'content', 1, 'file_data'], fileName: '명단.xlsx', base64: b64(xlsx) },
      ],
      limits,
    )
    assert.deepEqual(
      got.map((t) => [t.path.join('/'), t.fileName, t.format]),
      [
        ['messages/0/content/1/file/file_data', 'scan.pdf', 'pdf'],
        ['messages/1/content/0/source/data', undefined, 'pdf'],
        ['input/0/content/0/file_data', '민원.docx', 'docx'],
        ['input/0/content/1/file_data', '명단.xlsx', 'xlsx'],
      ],
    )
    const [latin, korean, word, sheet] = got as [
      AttachmentText,
      AttachmentText,
      AttachmentText,
      AttachmentText,
    ]
    assert.ok(textOf(latin).includes(rrn) && textOf(latin).includes('Hong Gildong'), textOf(latin))
    assert.ok(textOf(korean).includes(`홍길동 ${rrn}`), textOf(korean))
    assert.deepEqual(korean.segments[0]?.location, { page: 1 })
    assert.ok(textOf(word).includes('민원인 홍길동') && textOf(word).includes(rrn), textOf(word))
    assert.ok(textOf(sheet).includes('김영희') && textOf(sheet).includes(rrn), textOf(sheet))
    assert.ok(
      sheet.segments.some((s) => s.text === rrn && s.location.sheet === '명단' && s.location.cell === 'B2'),
    )
  })

  it('feeds the detection engine: the RRN inside a PDF sent in a chat request is found', async () => {
    const pdf = buildUnicodePdf(`환자 홍길동 주민등록번호 ${rrn}`)
    const parts = collectRequestParts('chat', {
      model: 'm',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: '요약해 줘' },
            {
              type: 'file',
              file: { filename: 'chart.pdf', file_data: `data:application/pdf;base64,${b64(pdf)}` },
            },
          ],
        },
      ],
    })
    const texts = await extractAttachmentTexts(extractor, parts.attachments, limits)
    const engine = createDetectionEngine(createDefaultDetectors())
    const types = texts.flatMap((t) => t.segments.flatMap((s) => engine.scan(s.text).map((f) => f.type)))
    assert.ok(types.includes('KR_RRN'), JSON.stringify(types))
    // The visible prompt text alone has nothing: without the attachment the RRN would have left unseen.
    assert.deepEqual(
      parts.parts.flatMap((p) => engine.scan(p.text)),
      [],
    )
  })

  it('reads a large document, whose decoded bytes are not in the shared buffer pool, the same way', async () => {
    const lines = Array.from({ length: 1200 }, (_, i) => `line ${i} of a long report, nothing personal`)
    const pdf = await latinPdf([...lines.slice(0, 30), `RRN ${rrn}`])
    const bigger = await latinPdf(lines.concat([`RRN ${rrn}`]))
    assert.ok(bigger.length > 16 * 1024, `only ${bigger.length} bytes`)
    for (const bytes of [pdf, bigger]) {
      const [got] = await extractAttachmentTexts(extractor, [{ path: ['p'], base64: b64(bytes) }], limits)
      assert.ok(got && textOf(got).includes(rrn))
    }
  })

  it('reads a CP949 text file the protocol layer could not decode', async () => {
    const cp949 = Buffer.from([0xc8, 0xab, 0xb1, 0xe6, 0xb5, 0xbf]) // 홍길동
    const [got] = await extractAttachmentTexts(
      extractor,
      [{ path: ['p'], mediaType: 'text/plain', base64: b64(cp949) }],
      limits,
    )
    assert.equal(got?.format, 'text')
    assert.equal(got && textOf(got), '홍길동')
  })

  it('returns nothing for no attachments', async () => {
    assert.deepEqual(await extractAttachmentTexts(extractor, [], limits), [])
  })

  it('refuses a truncated PDF as INSPECTION_FAILED naming the file and the reason', async () => {
    const pdf = await latinPdf([`RRN ${rrn}`])
    const truncated = pdf.subarray(0, Math.floor(pdf.length / 2))
    // The whole file reads, so the refusal below is about the truncation and nothing else.
    const [whole] = await extractAttachmentTexts(extractor, [{ path: ['w'], base64: b64(pdf) }], limits)
    assert.ok(whole && textOf(whole).includes(rrn))
    await rejectsUnreadable(
      [
        {
          path: ['messages', 0, 'content', 1, 'file', 'file_data'],
          fileName: 'scan.pdf',
          base64: b64(truncated),
        },
      ],
      "'scan.pdf' at messages[0].content[1].file.file_data",
      /BROKEN_DOCUMENT/,
    )
  })

  it('refuses invalid base64 in every form a lenient decoder would have skipped', async () => {
    const good = b64(docx)
    const cases = [
      `${good.slice(0, 40)}!${good.slice(40)}`, // a character outside the alphabet
      `${good.slice(0, 40)}\n${good.slice(40)}`, // whitespace
      'QUJD=', // padding on a length no encoder produces
      'QU=JDAAA', // padding in the middle
      'QUJDR', // one character past a full group
      'data:application/pdf;base64,QUJD', // a data URL where bare base64 was expected
    ]
    for (const base64 of cases) {
      await rejectsUnreadable(
        [{ path: ['messages', 2, 'content', 0, 'source', 'data'], mediaType: 'application/pdf', base64 }],
        'an attached document (application/pdf) at messages[2].content[0].source.data',
        /not valid base64/,
      )
    }
  })

  it('refuses encrypted, unsupported and oversized documents before anything is sent', async () => {
    await rejectsUnreadable(
      [{ path: ['a'], fileName: 'secret.docx', base64: b64(buildEncryptedOoxml()) }],
      "'secret.docx' at a",
      /ENCRYPTED_DOCUMENT/,
    )
    await rejectsUnreadable(
      [{ path: ['b'], fileName: 'photo.bin', base64: b64(new Uint8Array([0, 1, 2, 3, 0, 255, 254])) }],
      "'photo.bin' at b",
      /UNSUPPORTED_FORMAT/,
    )
    await assert.rejects(
      extractAttachmentTexts(extractor, [{ path: ['c'], fileName: 'big.docx', base64: b64(docx) }], {
        maxBytes: docx.length - 1,
      }),
      (error: unknown) =>
        error instanceof GatewayError &&
        error.code === 'INSPECTION_FAILED' &&
        error.message.includes(`it is ${docx.length} bytes, over the ${docx.length - 1}-byte limit`),
    )
    // Exactly at the limit is accepted.
    const [ok] = await extractAttachmentTexts(extractor, [{ path: ['c'], base64: b64(docx) }], {
      maxBytes: docx.length,
    })
    assert.equal(ok?.format, 'docx')
  })

  it('accepts unpadded base64; one unreadable document among readable ones fails the whole call', async () => {
    const unpadded = b64(docx).replace(/=+$/, '')
    const [got] = await extractAttachmentTexts(extractor, [{ path: ['x'], base64: unpadded }], limits)
    assert.ok(got && textOf(got).includes(rrn))
    await rejectsUnreadable(
      [
        { path: ['x'], fileName: 'ok.docx', base64: b64(docx) },
        { path: ['y'], fileName: 'bad.pdf', base64: b64(new TextEncoder().encode('%PDF-1.7 garbage')) },
      ],
      "'bad.pdf' at y",
      /BROKEN_DOCUMENT/,
    )
  })
})
