import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { collectRequestParts } from './request-parts.ts'

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
// Not a real PDF: this layer never looks inside the bytes, it only lists where they are.
const pdfBase64 = b64('%PDF-1.7 placeholder')
const docxMediaType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

describe('collectRequestParts: attachments', () => {
  it('lists inline binary files of chat requests with path, file name, media type and base64', () => {
    const got = collectRequestParts('chat', {
      model: 'm',
      messages: [
        { role: 'system', content: 'sys' },
        {
          role: 'user',
          content: [
            { type: 'text', text: '요약해 주세요' },
            {
              type: 'file',
              file: { filename: '민원.pdf', file_data: `data:application/pdf;base64,${pdfBase64}` },
            },
            // Bare base64 with a binary file name: no media type is declared anywhere.
            { type: 'file', file: { filename: 'list.xlsx', file_data: 'UEsDBA==' } },
            {
              type: 'file',
              file: { filename: 'memo.txt', file_data: `data:text/plain;base64,${b64('메모')}` },
            },
          ],
        },
      ],
    })
    assert.deepEqual(got.attachments, [
      {
        path: ['messages', 1, 'content', 1, 'file', 'file_data'],
        fileName: '민원.pdf',
        mediaType: 'application/pdf',
        base64: pdfBase64,
      },
      { path: ['messages', 1, 'content', 2, 'file', 'file_data'], fileName: 'list.xlsx', base64: 'UEsDBA==' },
    ])
    // The text file is still decoded and inspected as text, not extracted again.
    assert.deepEqual(
      got.parts.map((p) => [p.kind, p.text]),
      [
        ['message', 'sys'],
        ['message', '요약해 주세요'],
        ['file-text', '메모'],
      ],
    )
    assert.equal(got.content.files, true)
    assert.deepEqual(got.content.uninspected, [])
  })

  it('lists Responses input_file data, also inside tool outputs and prompt variables', () => {
    const got = collectRequestParts('responses', {
      model: 'm',
      input: [
        {
          role: 'user',
          content: [
            {
              type: 'input_file',
              filename: 'report.docx',
              file_data: `data:${docxMediaType};base64,UEsDBA==`,
            },
          ],
        },
        {
          type: 'function_call_output',
          call_id: 'c1',
          output: [{ type: 'input_file', filename: 'scan.pdf', file_data: pdfBase64 }],
        },
      ],
      prompt: {
        id: 'pmpt_1',
        variables: { doc: { type: 'input_file', filename: 'a.hwp', file_data: 'AAAA' } },
      },
    })
    assert.deepEqual(got.attachments, [
      {
        path: ['input', 0, 'content', 0, 'file_data'],
        fileName: 'report.docx',
        mediaType: docxMediaType,
        base64: 'UEsDBA==',
      },
      { path: ['input', 1, 'output', 0, 'file_data'], fileName: 'scan.pdf', base64: pdfBase64 },
      { path: ['prompt', 'variables', 'doc', 'file_data'], fileName: 'a.hwp', base64: 'AAAA' },
    ])
    assert.deepEqual(got.content.uninspected, [])
  })

  it('lists Anthropic base64 documents with their media type, also inside tool results', () => {
    const got = collectRequestParts('messages', {
      model: 'c',
      max_tokens: 10,
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'document',
              title: '계약서',
              source: { type: 'base64', media_type: 'Application/PDF', data: pdfBase64 },
            },
            {
              type: 'tool_result',
              tool_use_id: 't1',
              content: [
                {
                  type: 'document',
                  source: { type: 'base64', media_type: docxMediaType, data: 'UEsDBA==' },
                },
              ],
            },
          ],
        },
      ],
    })
    assert.deepEqual(got.attachments, [
      {
        path: ['messages', 0, 'content', 0, 'source', 'data'],
        mediaType: 'application/pdf',
        base64: pdfBase64,
      },
      {
        path: ['messages', 0, 'content', 1, 'content', 0, 'source', 'data'],
        mediaType: docxMediaType,
        base64: 'UEsDBA==',
      },
    ])
    // The title still leaves as text and is inspected as such.
    assert.deepEqual(
      got.parts.map((p) => p.text),
      ['계약서'],
    )
    assert.equal(got.content.files, true)
  })

  it('hands text files that are not UTF-8 to extraction instead of dropping them', () => {
    const cp949 = Buffer.from([0xc8, 0xab, 0xb1, 0xe6, 0xb5, 0xbf]).toString('base64') // 홍길동 in CP949
    const got = collectRequestParts('chat', {
      model: 'm',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'file', file: { filename: 'names.csv', file_data: cp949 } },
            { type: 'file', file: { file_data: `data:text/plain;charset=euc-kr;base64,${cp949}` } },
          ],
        },
      ],
    })
    assert.deepEqual(got.parts, [])
    assert.deepEqual(got.attachments, [
      { path: ['messages', 0, 'content', 0, 'file', 'file_data'], fileName: 'names.csv', base64: cp949 },
      { path: ['messages', 0, 'content', 1, 'file', 'file_data'], mediaType: 'text/plain', base64: cp949 },
    ])
  })

  it('lists files given by id or URL, and non-base64 binary data URLs, as uninspected', () => {
    const chat = collectRequestParts('chat', {
      model: 'm',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'file', file: { file_id: 'file-abc' } },
            { type: 'file', file: { filename: 'x.pdf', file_data: 'data:application/pdf,%25PDF-1.7' } },
          ],
        },
      ],
    })
    assert.deepEqual(chat.attachments, [])
    assert.equal(chat.content.files, true)
    assert.deepEqual(chat.content.uninspected, [
      'messages[0].content[0].file.file_id (a file given by id: its content cannot be read here)',
      'messages[0].content[1].file.file_data (file data URL is not base64)',
    ])

    const responses = collectRequestParts('responses', {
      model: 'm',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_file', file_id: 'file-1' },
            { type: 'input_file', file_url: 'https://example.com/a.pdf' },
          ],
        },
      ],
    })
    assert.equal(responses.content.files, true)
    assert.deepEqual(responses.content.uninspected, [
      'input[0].content[0].file_id (a file given by id: its content cannot be read here)',
      'input[0].content[1].file_url (a file given by URL: its content cannot be read here)',
    ])

    const messages = collectRequestParts('messages', {
      model: 'c',
      max_tokens: 10,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } },
            { type: 'document', source: { type: 'file', file_id: 'file_01' } },
          ],
        },
      ],
    })
    assert.equal(messages.content.files, true)
    assert.deepEqual(messages.content.uninspected, [
      'messages[0].content[0].source.url (a document given by URL: its content cannot be read here)',
      'messages[0].content[1].source.file_id (a document given by id: its content cannot be read here)',
    ])
  })

  it('has no attachments and no file flag for requests without files', () => {
    const got = collectRequestParts('chat', { model: 'm', messages: [{ role: 'user', content: 'hi' }] })
    assert.deepEqual(got.attachments, [])
    assert.equal(got.content.files, false)
    assert.deepEqual(collectRequestParts('embeddings', { model: 'e', input: 'x' }).attachments, [])
  })
})
