import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isSluiceError } from '../../app/errors.ts'
import { buildDocx, wordParagraph } from './build-test-documents.ts'
import { createDocumentExtractor } from './document-extractor.ts'

describe('createDocumentExtractor', () => {
  const extractor = createDocumentExtractor({ maxInputBytes: 1024 * 1024 })

  it('detects and extracts through the app port', async () => {
    const docx = buildDocx({ body: wordParagraph('홍길동') })
    assert.equal(extractor.detectFormat(docx, 'a.bin'), 'docx')
    assert.deepEqual((await extractor.extract(docx, 'a.bin')).segments, [
      { text: '홍길동', location: { path: 'word/document.xml', paragraph: 1 } },
    ])
  })

  const failures: readonly [string, () => unknown, string][] = [
    ['detection of binary data', () => extractor.detectFormat(new Uint8Array(32)), 'UNSUPPORTED_FORMAT'],
    [
      'extraction past the configured limit',
      () => extractor.extract(new Uint8Array(2 * 1024 * 1024)),
      'LIMIT_EXCEEDED',
    ],
    [
      'extraction of a damaged document',
      () => extractor.extract(new Uint8Array([0x50, 0x4b, 3, 4, 0]), 'a.docx'),
      'BROKEN_DOCUMENT',
    ],
  ]
  for (const [name, run, code] of failures) {
    it(`reports ${name} as SluiceError ${code}`, async () => {
      await assert.rejects(
        async () => run(),
        (error: unknown) => isSluiceError(error) && error.code === code,
      )
    })
  }
})
