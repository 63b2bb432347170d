import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { pathKey } from './json-path.ts'
import { ProtocolError } from './protocol-error.ts'
import { collectRequestParts } from './request-parts.ts'
import type { TextPart } from './text-part.ts'

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
const brief = (parts: readonly TextPart[]) =>
  parts.map((p) => `${p.role}/${p.kind} ${pathKey(p.path)} = ${p.text}`)

describe('collectRequestParts: chat', () => {
  it('lists every text of every message, not just the last one', () => {
    const got = collectRequestParts('chat', {
      model: 'gpt-4o-mini',
      stream: true,
      messages: [
        { role: 'system', content: 'sys hong@example.com' },
        { role: 'developer', content: [{ type: 'text', text: 'dev note' }] },
        {
          role: 'user',
          name: '홍길동',
          content: [
            { type: 'text', text: '첨부 확인' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
            {
              type: 'file',
              file: {
                filename: 'memo.txt',
                file_data: `data:text/plain;base64,${b64('주민번호 900101-1234567')}`,
              },
            },
            {
              type: 'file',
              file: { filename: 'scan.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' },
            },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'c1',
              type: 'function',
              function: { name: 'lookup', arguments: '{"rrn":"900101-1234567"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'found: 010-1234-5678' },
        { role: 'assistant', content: null, function_call: { name: 'old', arguments: '{"q":"x"}' } },
        { role: 'function', name: 'old', content: 'legacy result' },
      ],
      tools: [
        {
          type: 'function',
          function: { name: 'lookup', description: 'Looks up a customer', parameters: {} },
        },
      ],
    })
    assert.equal(got.model, 'gpt-4o-mini')
    assert.equal(got.stream, true)
    assert.deepEqual(brief(got.parts), [
      'system/message ["messages",0,"content"] = sys hong@example.com',
      'developer/message ["messages",1,"content",0,"text"] = dev note',
      'user/message ["messages",2,"content",0,"text"] = 첨부 확인',
      'user/file-text ["messages",2,"content",2,"file","file_data"] = 주민번호 900101-1234567',
      'assistant/tool-call-arguments ["messages",3,"tool_calls",0,"function","arguments"] = {"rrn":"900101-1234567"}',
      'tool/tool-result ["messages",4,"content"] = found: 010-1234-5678',
      'assistant/tool-call-arguments ["messages",5,"function_call","arguments"] = {"q":"x"}',
      'tool/tool-result ["messages",6,"content"] = legacy result',
      'developer/instructions ["tools",0,"function","description"] = Looks up a customer',
    ])
    assert.deepEqual(got.content, { files: true, images: true, audio: false, tokens: false, uninspected: [] })
  })

  it('flags audio, and lists file ids and unknown part types as uninspected', () => {
    const got = collectRequestParts('chat', {
      model: 'm',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
            { type: 'file', file: { file_id: 'file-123' } },
            { type: 'hologram', hologram: {} },
          ],
        },
      ],
    })
    assert.equal(got.stream, false)
    assert.deepEqual(got.content, {
      files: true,
      images: false,
      audio: true,
      tokens: false,
      uninspected: [
        'messages[0].content[1].file.file_id (a file given by id: its content cannot be read here)',
        'messages[0].content[2] (type "hologram")',
      ],
    })
  })

  it('decodes bare base64 file data when the file name says text, and percent-encoded data URLs', () => {
    const got = collectRequestParts('chat', {
      model: 'm',
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'file',
              file: { filename: 'list.csv', file_data: b64('name,phone\n홍길동,010-1234-5678') },
            },
            { type: 'file', file: { file_data: 'data:text/markdown,%23%20Title%20hong%40example.com' } },
          ],
        },
      ],
    })
    assert.deepEqual(
      got.parts.map((p) => p.text),
      ['name,phone\n홍길동,010-1234-5678', '# Title hong@example.com'],
    )
    assert.equal(got.content.files, false)
  })

  it('throws a ProtocolError naming the field for malformed bodies', () => {
    const cases: [unknown, string][] = [
      [{ messages: [] }, 'model'],
      [{ model: 'm', messages: 'hi' }, 'messages'],
      [{ model: 'm', messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role'],
      [{ model: 'm', messages: [{ role: 'user', content: 42 }] }, 'messages[0].content'],
      [
        { model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 7 }] }] },
        'messages[0].content[0].text',
      ],
      [
        {
          model: 'm',
          messages: [
            { role: 'user', content: [{ type: 'file', file: { file_data: 'data:text/plain;base64,@@@' } }] },
          ],
        },
        'messages[0].content[0].file.file_data',
      ],
      ['not an object', ''],
    ]
    for (const [body, field] of cases) {
      assert.throws(
        () => collectRequestParts('chat', body),
        (e: unknown) => e instanceof ProtocolError && e.field === field,
        JSON.stringify(body),
      )
    }
  })
})

describe('collectRequestParts: responses', () => {
  it('covers instructions, string input, message items, tool calls, outputs and reasoning summaries', () => {
    const got = collectRequestParts('responses', {
      model: 'gpt-4.1',
      instructions: 'Be brief.',
      input: [
        { role: 'user', content: 'plain string turn' },
        {
          type: 'message',
          role: 'user',
          content: [
            { type: 'input_text', text: '홍길동 010-1234-5678' },
            { type: 'input_image', image_url: 'https://example.com/a.png' },
            { type: 'input_file', filename: 'n.md', file_data: `data:text/markdown;base64,${b64('# 메모')}` },
          ],
        },
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'thinking about 홍길동' }] },
        { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{"a":1}' },
        { type: 'function_call_output', call_id: 'c1', output: 'result text' },
        { type: 'item_reference', id: 'msg_old' },
        { type: 'computer_call', call_id: 'c2', action: {} },
      ],
      tools: [{ type: 'function', name: 'f', description: 'does f', parameters: {} }],
    })
    assert.deepEqual(brief(got.parts), [
      'system/instructions ["instructions"] = Be brief.',
      'user/message ["input",0,"content"] = plain string turn',
      'user/message ["input",1,"content",0,"text"] = 홍길동 010-1234-5678',
      'user/file-text ["input",1,"content",2,"file_data"] = # 메모',
      'assistant/reasoning ["input",2,"summary",0,"text"] = thinking about 홍길동',
      'assistant/tool-call-arguments ["input",3,"arguments"] = {"a":1}',
      'tool/tool-result ["input",4,"output"] = result text',
      'developer/instructions ["tools",0,"description"] = does f',
    ])
    assert.equal(got.content.images, true)
    assert.deepEqual(got.content.uninspected, ['input[6] (type "computer_call")'])
  })

  it('reads a string input', () => {
    const got = collectRequestParts('responses', { model: 'm', input: 'hello', stream: true })
    assert.deepEqual(brief(got.parts), ['user/input ["input"] = hello'])
    assert.equal(got.stream, true)
  })
})

describe('collectRequestParts: embeddings', () => {
  it('reads string and string-array input, and marks token arrays opaque', () => {
    assert.deepEqual(brief(collectRequestParts('embeddings', { model: 'e', input: 'one' }).parts), [
      'user/input ["input"] = one',
    ])
    assert.deepEqual(brief(collectRequestParts('embeddings', { model: 'e', input: ['a', 'b'] }).parts), [
      'user/input ["input",0] = a',
      'user/input ["input",1] = b',
    ])
    const tokens = collectRequestParts('embeddings', { model: 'e', input: [[1, 2], [3]] })
    assert.deepEqual(
      tokens.parts.map((p) => ({ path: p.path, text: p.text, opaque: p.opaque })),
      [
        { path: ['input', 0], text: '', opaque: true },
        { path: ['input', 1], text: '', opaque: true },
      ],
    )
    assert.equal(tokens.content.tokens, true)
    assert.equal(collectRequestParts('embeddings', { model: 'e', input: [5, 6, 7] }).parts.length, 1)
    assert.throws(() => collectRequestParts('embeddings', { model: 'e' }), ProtocolError)
  })
})

describe('collectRequestParts: Anthropic messages', () => {
  it('covers system blocks, text, documents, tool use input leaves, tool results and thinking', () => {
    const got = collectRequestParts('messages', {
      model: 'claude-sonnet-4-6',
      max_tokens: 100,
      system: [{ type: 'text', text: 'You are a clerk.' }],
      messages: [
        { role: 'user', content: 'first turn' },
        {
          role: 'user',
          content: [
            { type: 'text', text: '문서 요약' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
            {
              type: 'document',
              title: '민원',
              source: { type: 'base64', media_type: 'text/plain', data: b64('민원인 홍길동') },
            },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain doc text' } },
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'need lookup', signature: 'sig' },
            {
              type: 'tool_use',
              id: 't1',
              name: 'lookup',
              input: { who: { name: '홍길동', ids: ['900101-1234567'] }, n: 9001011234567 },
            },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 't1',
              content: [{ type: 'text', text: 'phone 010-1234-5678' }],
            },
            { type: 'tool_result', tool_use_id: 't2', content: 'plain result' },
          ],
        },
      ],
      tools: [{ name: 'lookup', description: 'Finds people', input_schema: { type: 'object' } }],
    })
    assert.deepEqual(brief(got.parts), [
      'system/instructions ["system",0,"text"] = You are a clerk.',
      'user/message ["messages",0,"content"] = first turn',
      'user/message ["messages",1,"content",0,"text"] = 문서 요약',
      'user/file-text ["messages",1,"content",2,"title"] = 민원',
      'user/file-text ["messages",1,"content",2,"source","data"] = 민원인 홍길동',
      'user/file-text ["messages",1,"content",3,"source","data"] = plain doc text',
      'assistant/reasoning ["messages",2,"content",0,"thinking"] = need lookup',
      'assistant/tool-call-arguments ["messages",2,"content",1,"input","who","name"] = 홍길동',
      'assistant/tool-call-arguments ["messages",2,"content",1,"input","who","ids",0] = 900101-1234567',
      'assistant/tool-call-arguments ["messages",2,"content",1,"input","n"] = 9001011234567',
      'tool/tool-result ["messages",3,"content",0,"content",0,"text"] = phone 010-1234-5678',
      'tool/tool-result ["messages",3,"content",1,"content"] = plain result',
      'developer/instructions ["tools",0,"description"] = Finds people',
    ])
    assert.equal(got.content.images, true)
    assert.equal(got.content.files, true)
  })

  it('rejects roles Anthropic does not accept and a missing messages list', () => {
    assert.throws(
      () => collectRequestParts('messages', { model: 'c', messages: [{ role: 'system', content: 'x' }] }),
      (e: unknown) => e instanceof ProtocolError && e.field === 'messages[0].role',
    )
    assert.throws(
      () => collectRequestParts('messages', { model: 'c' }),
      (e: unknown) => e instanceof ProtocolError && e.field === 'messages' && /required/.test(e.message),
    )
  })
})
