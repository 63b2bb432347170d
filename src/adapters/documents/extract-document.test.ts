import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import {
  buildDocx,
  buildHwp,
  buildHwpx,
  buildPdf,
  buildPptx,
  buildUnicodePdf,
  buildXlsx,
  drawingParagraph,
  hwpParagraph,
  hwpxParagraph,
  pdfStream,
  wordParagraph,
} from './build-test-documents.ts'
import { type DocumentSegment, extractDocument } from './extract-document.ts'

const encoder = new TextEncoder()

async function latinPdf(pages: readonly string[][]): Promise<Uint8Array> {
  const document = await PDFDocument.create()
  const font = await document.embedFont(StandardFonts.Helvetica)
  for (const lines of pages) {
    const page = document.addPage()
    lines.forEach((line, index) => {
      page.drawText(line, { x: 50, y: 700 - index * 20, size: 12, font })
    })
  }
  return document.save()
}

/** A PDF whose non-embedded Korean CID font uses a predefined Adobe CMap, as older Korean PDFs do. */
function predefinedCmapPdf(encoding: string, codes: string): Uint8Array {
  return buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    `<< /Type /Font /Subtype /Type0 /BaseFont /Batang /Encoding /${encoding} /DescendantFonts [6 0 R] >>`,
    pdfStream(`BT /F1 12 Tf 72 720 Td <${codes}> Tj ET`),
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /Batang /CIDSystemInfo << /Registry (Adobe) /Ordering (Korea1) /Supplement 2 >> /FontDescriptor 7 0 R >>',
    '<< /Type /FontDescriptor /FontName /Batang /Flags 6 /FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>',
  ])
}

const docx = buildDocx({
  body: [
    // Runs join; w:tab and w:br become whitespace; tab stops in pPr must not.
    '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t xml:space="preserve">홍길동의 </w:t></w:r>',
    '<w:r><w:rPr><w:b/></w:rPr><w:t>전화</w:t><w:tab/><w:t>010-1234-5678</w:t><w:br/><w:t>입니다</w:t></w:r></w:p>',
    '<w:p/>',
    '<w:p><w:r><w:t>A &amp; B &lt;C&gt; &#xD55C;&#44544;</w:t></w:r></w:p>',
    `<w:tbl><w:tr><w:tc>${wordParagraph('표 안의 주민번호 900101-1234567')}</w:tc></w:tr></w:tbl>`,
    // A text box: mc:Fallback repeats mc:Choice and must not be read twice.
    '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>',
    `${wordParagraph('글상자')}</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>`,
    `${wordParagraph('글상자')}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent><w:t>본문</w:t></w:r></w:p>`,
  ].join(''),
  header: wordParagraph('머리글: 대외비'),
  footer: wordParagraph('바닥글 kim@example.com'),
  footnotes: `<w:footnote w:id="1">${wordParagraph('각주 내용')}</w:footnote>`,
})

const xlsx = buildXlsx({
  sharedStrings: [
    '<si><t>이름</t></si>',
    // Rich text runs join; the phonetic guide (rPh) is not part of the value.
    '<si><r><t>전화</t></r><r><rPr><b/></rPr><t xml:space="preserve">번호</t></r><rPh sb="0" eb="2"><t>デンワ</t></rPh></si>',
    '<si><t>홍길동</t></si>',
  ],
  sheets: [
    {
      name: '고객 명단',
      rows: [
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="inlineStr"><is><t>010-1234-5678</t></is></c>',
        '<c r="C2"><v>1234567890123456</v></c><c r="D2" t="str"><f>A2&amp;"님"</f><v>홍길동님</v></c></row>',
        // Cells without r follow the previous cell.
        '<row><c><v>3.25</v></c><c t="b"><v>1</v></c></row>',
      ].join(''),
      comments: '<comment ref="B2" authorId="0"><text><r><t>개인 번호 &amp; 확인</t></r></text></comment>',
    },
    { name: 'Hidden', rows: '<row r="5"><c r="AA5" t="inlineStr"><is><t>숨김</t></is></c></row>' },
  ],
})

const pptx = buildPptx(
  [
    { paragraphs: drawingParagraph('두 번째 슬라이드') },
    {
      paragraphs: `${drawingParagraph('첫 슬라이드 제목')}<a:p><a:r><a:t>줄 하나</a:t></a:r><a:br/><a:r><a:t>줄 둘</a:t></a:r></a:p>`,
      notes: drawingParagraph('발표자 노트: 010-9876-5432'),
    },
  ],
  [2, 1],
)

const hwpx = buildHwpx([
  [
    hwpxParagraph('안녕하세요<hp:tab/>홍길동<hp:lineBreak/>님'),
    '<hp:p><hp:run><hp:tbl><hp:tr><hp:tc><hp:subList>',
    hwpxParagraph('표 셀 &amp; 내용'),
    '</hp:subList></hp:tc></hp:tr></hp:tbl><hp:t>표 뒤</hp:t></hp:run></hp:p>',
  ].join(''),
  hwpxParagraph('둘째 구역'),
])

const hwp = buildHwp([
  [
    ...hwpParagraph(['홍길동', [9, 0, 0, 0, 0, 0, 0, 9], '010-1234-5678']),
    // A table: an extended control (8 units) anchors the cell paragraphs nested one level down.
    ...hwpParagraph(['표 앞', [11, 0x6c74, 0x2062, 0, 0, 0, 0, 11], '표 뒤', [10], '다음 줄']),
    ...hwpParagraph(['셀 안 주민번호 900101-1234567'], 2),
  ],
  hwpParagraph(['둘째 구역']),
])

const cases: readonly {
  readonly name: string
  readonly bytes: () => Uint8Array | Promise<Uint8Array>
  readonly fileName?: string
  readonly format: string
  readonly segments: readonly DocumentSegment[]
}[] = [
  {
    name: 'text, one segment per non-blank line',
    bytes: () => encoder.encode('첫 줄 홍길동\r\n\nthird line\n'),
    format: 'text',
    segments: [
      { text: '첫 줄 홍길동', location: { line: 1 } },
      { text: 'third line', location: { line: 3 } },
    ],
  },
  {
    name: 'text in CP949 (legacy Korean encoding)',
    bytes: () => new Uint8Array([0xc8, 0xab, 0xb1, 0xe6, 0xb5, 0xbf, 0x0a, 0x41]),
    fileName: 'old.txt',
    format: 'text',
    segments: [
      { text: '홍길동', location: { line: 1 } },
      { text: 'A', location: { line: 2 } },
    ],
  },
  {
    name: 'JSON string values and numbers as written, with JSON pointers',
    bytes: () =>
      encoder.encode('{"name":"홍길동","a/b":{"~k":["x",12345678901234567890,true,null]},"empty":""}'),
    format: 'json',
    segments: [
      { text: '홍길동', location: { path: '/name' } },
      { text: 'x', location: { path: '/a~1b/~0k/0' } },
      { text: '12345678901234567890', location: { path: '/a~1b/~0k/1' } },
    ],
  },
  {
    name: 'CSV cells with RFC 4180 quoting',
    bytes: () => encoder.encode('이름,메모\r\n홍길동,"전화 010-1234-5678, ""집"""\r\n"여러\n줄",\r\n'),
    fileName: 'people.csv',
    format: 'csv',
    segments: [
      { text: '이름', location: { row: 1, column: 1 } },
      { text: '메모', location: { row: 1, column: 2 } },
      { text: '홍길동', location: { row: 2, column: 1 } },
      { text: '전화 010-1234-5678, "집"', location: { row: 2, column: 2 } },
      { text: '여러\n줄', location: { row: 3, column: 1 } },
    ],
  },
  {
    name: 'PDF, one segment per page',
    bytes: () => latinPdf([['Hello page one', 'second line'], [], ['Call 010-1234-5678']]),
    format: 'pdf',
    segments: [
      { text: 'Hello page one\nsecond line', location: { page: 1 } },
      { text: 'Call 010-1234-5678', location: { page: 3 } },
    ],
  },
  {
    name: 'PDF with Korean text through a ToUnicode CMap',
    bytes: () => buildUnicodePdf('홍길동 010-1234-5678'),
    format: 'pdf',
    segments: [{ text: '홍길동 010-1234-5678', location: { page: 1 } }],
  },
  {
    name: 'PDF with Korean text in UniKS-UCS2-H (predefined CMap)',
    bytes: () => predefinedCmapPdf('UniKS-UCS2-H', 'd64dae38b3d9'),
    format: 'pdf',
    segments: [{ text: '홍길동', location: { page: 1 } }],
  },
  {
    name: 'PDF with Korean text in KSCms-UHC-H (CP949 codes)',
    bytes: () => predefinedCmapPdf('KSCms-UHC-H', 'c8abb1e6b5bf'),
    format: 'pdf',
    segments: [{ text: '홍길동', location: { page: 1 } }],
  },
  {
    name: 'DOCX body, table, text box, header, footer and footnotes',
    bytes: () => docx,
    format: 'docx',
    segments: [
      { text: '홍길동의 전화\t010-1234-5678\n입니다', location: { path: 'word/document.xml', paragraph: 1 } },
      { text: 'A & B <C> 한글', location: { path: 'word/document.xml', paragraph: 3 } },
      { text: '표 안의 주민번호 900101-1234567', location: { path: 'word/document.xml', paragraph: 4 } },
      { text: '본문', location: { path: 'word/document.xml', paragraph: 5 } },
      { text: '글상자', location: { path: 'word/document.xml', paragraph: 6 } },
      { text: '머리글: 대외비', location: { path: 'word/header1.xml', paragraph: 1 } },
      { text: '바닥글 kim@example.com', location: { path: 'word/footer1.xml', paragraph: 1 } },
      { text: '각주 내용', location: { path: 'word/footnotes.xml', paragraph: 1 } },
    ],
  },
  {
    name: 'XLSX cells with shared, rich, inline and formula strings, numbers as stored, and comments',
    bytes: () => xlsx,
    format: 'xlsx',
    segments: [
      { text: '이름', location: { sheet: '고객 명단', cell: 'A1', row: 1, column: 1 } },
      { text: '전화번호', location: { sheet: '고객 명단', cell: 'B1', row: 1, column: 2 } },
      { text: '홍길동', location: { sheet: '고객 명단', cell: 'A2', row: 2, column: 1 } },
      { text: '010-1234-5678', location: { sheet: '고객 명단', cell: 'B2', row: 2, column: 2 } },
      { text: '1234567890123456', location: { sheet: '고객 명단', cell: 'C2', row: 2, column: 3 } },
      { text: '홍길동님', location: { sheet: '고객 명단', cell: 'D2', row: 2, column: 4 } },
      { text: '3.25', location: { sheet: '고객 명단', cell: 'A3', row: 3, column: 1 } },
      { text: '1', location: { sheet: '고객 명단', cell: 'B3', row: 3, column: 2 } },
      {
        text: '개인 번호 & 확인',
        location: { sheet: '고객 명단', cell: 'B2', row: 2, column: 2, path: 'xl/comments1.xml' },
      },
      { text: '숨김', location: { sheet: 'Hidden', cell: 'AA5', row: 5, column: 27 } },
    ],
  },
  {
    name: 'PPTX slides in presentation order, with notes',
    bytes: () => pptx,
    format: 'pptx',
    segments: [
      { text: '첫 슬라이드 제목', location: { slide: 1, paragraph: 1 } },
      { text: '줄 하나\n줄 둘', location: { slide: 1, paragraph: 2 } },
      {
        text: '발표자 노트: 010-9876-5432',
        location: { slide: 1, paragraph: 1, path: 'ppt/notesSlides/notesSlide2.xml' },
      },
      { text: '두 번째 슬라이드', location: { slide: 2, paragraph: 1 } },
    ],
  },
  {
    name: 'HWPX paragraphs by section, table cells included',
    bytes: () => hwpx,
    format: 'hwpx',
    segments: [
      { text: '안녕하세요\t홍길동\n님', location: { section: 1, paragraph: 1 } },
      { text: '표 뒤', location: { section: 1, paragraph: 2 } },
      { text: '표 셀 & 내용', location: { section: 1, paragraph: 3 } },
      { text: '둘째 구역', location: { section: 2, paragraph: 1 } },
    ],
  },
  {
    name: 'HWP 5 paragraphs with inline and extended controls and table cells',
    bytes: () => hwp,
    format: 'hwp',
    segments: [
      { text: '홍길동\t010-1234-5678', location: { section: 1, paragraph: 1 } },
      { text: '표 앞표 뒤\n다음 줄', location: { section: 1, paragraph: 2 } },
      { text: '셀 안 주민번호 900101-1234567', location: { section: 1, paragraph: 3 } },
      { text: '둘째 구역', location: { section: 2, paragraph: 1 } },
    ],
  },
]

describe('extractDocument', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const bytes = await testCase.bytes()
      const options = testCase.fileName === undefined ? {} : { fileName: testCase.fileName }
      const extracted = await extractDocument(bytes, options)
      assert.equal(extracted.format, testCase.format)
      assert.deepEqual(extracted.segments, testCase.segments)
    })
  }

  it('leaves the caller’s buffer usable after PDF extraction', async () => {
    const bytes = await latinPdf([['Reusable']])
    await extractDocument(bytes)
    assert.equal(bytes.byteLength > 0, true)
    assert.equal((await extractDocument(bytes)).segments[0]?.text, 'Reusable')
  })

  it('honours an explicit format over detection', async () => {
    const extracted = await extractDocument(encoder.encode('{"a":"b"}'), { format: 'text' })
    assert.deepEqual(extracted, { format: 'text', segments: [{ text: '{"a":"b"}', location: { line: 1 } }] })
  })
})
