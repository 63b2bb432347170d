import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { pathKey } from './json-path.ts'
import { ProtocolError } from './protocol-error.ts'
import { collectRequestParts } from './request-parts.ts'
import { collectResponseParts } from './response-parts.ts'
import { rewriteRequest, rewriteResponse, setModel } from './rewrite-parts.ts'

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}

// Redacts every part the way the gateway would: by path, from the collected parts.
function redactAll(body: unknown, from: string, to: string) {
  const parts = collectRequestParts('chat', body)
  const map = new Map<string, string>()
  for (const p of parts.parts)
    if (p.text.includes(from)) map.set(pathKey(p.path), p.text.replaceAll(from, to))
  return rewriteRequest(body, map)
}

describe('rewriteRequest', () => {
  const chat = deepFreeze({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'sys 홍길동' },
      {
        role: 'user',
        content: [
          { type: 'text', text: '나는 홍길동' },
          { type: 'image_url', image_url: { url: 'https://example.com/x.png' } },
          {
            type: 'file',
            file: {
              filename: 'a.txt',
              file_data: `data:text/plain;charset=utf-8;base64,${b64('파일 속 홍길동')}`,
            },
          },
        ],
      },
    ],
  })

  it('returns a new body with every part replaced, leaving the input untouched', () => {
    const before = JSON.stringify(chat)
    const out = redactAll(chat, '홍길동', '<PERSON_1>') as typeof chat
    assert.equal(JSON.stringify(chat), before)
    assert.equal(out.messages[0]?.content, 'sys <PERSON_1>')
    const parts = collectRequestParts('chat', out).parts.map((p) => p.text)
    assert.deepEqual(parts, ['sys <PERSON_1>', '나는 <PERSON_1>', '파일 속 <PERSON_1>'])
    // The file keeps its data URL header; the untouched image part is the very same object.
    const content = out.messages[1]?.content as unknown as { file?: { file_data: string } }[]
    assert.ok(content[2]?.file?.file_data.startsWith('data:text/plain;charset=utf-8;base64,'))
    assert.equal(content[1], chat.messages[1]?.content[1])
  })

  it('leaves a file as it was when its text is unchanged', () => {
    const file = chat.messages[1]?.content[2] as { file: { file_data: string } }
    const out = rewriteRequest(
      chat,
      new Map([[pathKey(['messages', 1, 'content', 2, 'file', 'file_data']), '파일 속 홍길동']]),
    )
    const again = (out.messages as { content: { file?: { file_data: string } }[] }[])[1]?.content[2]
    assert.equal(again?.file?.file_data, file.file.file_data)
  })

  it('re-encodes Anthropic base64 documents and sets tool input leaves, numbers included', () => {
    const body = deepFreeze({
      model: 'c',
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'document',
              source: { type: 'base64', media_type: 'text/plain', data: b64('홍길동 민원') },
            },
          ],
        },
        {
          role: 'assistant',
          content: [
            {
              type: 'tool_use',
              id: 't',
              name: 'f',
              input: {
                data: '홍길동',
                source: { type: 'base64', data: '홍길동' },
                file_data: 'x',
                n: 9001011234567,
                k: 3,
              },
            },
          ],
        },
      ],
    })
    const parts = collectRequestParts('messages', body).parts
    const map = new Map<string, string>()
    for (const p of parts)
      map.set(
        pathKey(p.path),
        p.text.replaceAll('홍길동', '<PERSON_1>').replace('9001011234567', '<KR_RRN_1>'),
      )
    const out = rewriteRequest(body, map)
    const again = collectRequestParts('messages', out).parts.map((p) => p.text)
    assert.deepEqual(again, ['<PERSON_1> 민원', '<PERSON_1>', 'base64', '<PERSON_1>', 'x', '<KR_RRN_1>', '3'])
    const input = ((out.messages as { content: { input?: Record<string, unknown> }[] }[])[1]?.content[0]
      ?.input ?? {}) as Record<string, unknown>
    // Keys named like file fields inside tool input are plain text, not base64; an unchanged number stays a number.
    assert.equal(input.data, '<PERSON_1>')
    assert.deepEqual(input.source, { type: 'base64', data: '<PERSON_1>' })
    assert.equal(input.k, 3)
  })

  it('rejects paths that do not lead to text, and opaque token input', () => {
    assert.throws(
      () => rewriteRequest(chat, new Map([[pathKey(['messages', 1, 'content', 1]), 'x']])),
      (e: unknown) => e instanceof ProtocolError && e.field === 'messages[1].content[1]',
    )
    assert.throws(
      () => rewriteRequest(chat, new Map([[pathKey(['messages', 'x', 'content']), 'x']])),
      ProtocolError,
    )
    assert.throws(() => rewriteRequest(chat, new Map([['not a key', 'x']])), ProtocolError)
    const embeddings = { model: 'e', input: [[1, 2, 3]] }
    const [opaque] = collectRequestParts('embeddings', embeddings).parts
    assert.ok(opaque?.opaque)
    assert.throws(() => rewriteRequest(embeddings, new Map([[pathKey(opaque.path), '']])), ProtocolError)
  })

  it('setModel returns a new body with the model replaced', () => {
    const out = setModel(chat, 'local-llama')
    assert.equal(out.model, 'local-llama')
    assert.equal(chat.model, 'gpt-4o-mini')
    assert.equal(out.messages, chat.messages)
  })
})

describe('collectResponseParts and rewriteResponse', () => {
  it('reads a chat completion: content, refusal and tool-call arguments', () => {
    const body = {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          finish_reason: 'tool_calls',
          message: {
            role: 'assistant',
            content: '안녕하세요 <PERSON_1>님',
            refusal: null,
            tool_calls: [
              { id: 'c', type: 'function', function: { name: 'f', arguments: '{"who":"<PERSON_1>"}' } },
            ],
          },
        },
      ],
    }
    const parts = collectResponseParts('chat', body)
    assert.deepEqual(
      parts.map((p) => [pathKey(p.path), p.kind, p.text]),
      [
        ['["choices",0,"message","content"]', 'message', '안녕하세요 <PERSON_1>님'],
        [
          '["choices",0,"message","tool_calls",0,"function","arguments"]',
          'tool-call-arguments',
          '{"who":"<PERSON_1>"}',
        ],
      ],
    )
    const out = rewriteResponse(
      body,
      new Map(parts.map((p) => [pathKey(p.path), p.text.replaceAll('<PERSON_1>', '홍길동')])),
    )
    assert.deepEqual(
      collectResponseParts('chat', out).map((p) => p.text),
      ['안녕하세요 홍길동님', '{"who":"홍길동"}'],
    )
  })

  it('reads a Responses answer: output text, refusal, function call and reasoning summary', () => {
    const parts = collectResponseParts('responses', {
      id: 'resp_1',
      object: 'response',
      output: [
        { type: 'reasoning', id: 'rs', summary: [{ type: 'summary_text', text: 'sum' }] },
        {
          type: 'message',
          role: 'assistant',
          content: [
            { type: 'output_text', text: 'hello', annotations: [] },
            { type: 'refusal', refusal: 'no' },
          ],
        },
        { type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' },
        { type: 'web_search_call', id: 'ws', status: 'completed' },
      ],
    })
    assert.deepEqual(
      parts.map((p) => [pathKey(p.path), p.text]),
      [
        ['["output",0,"summary",0,"text"]', 'sum'],
        ['["output",1,"content",0,"text"]', 'hello'],
        ['["output",1,"content",1,"refusal"]', 'no'],
        ['["output",2,"arguments"]', '{}'],
      ],
    )
  })

  it('reads an Anthropic message: text, tool input strings and thinking', () => {
    const parts = collectResponseParts('messages', {
      id: 'msg',
      type: 'message',
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'hmm', signature: 's' },
        { type: 'text', text: 'Dear <PERSON_1>' },
        { type: 'tool_use', id: 't', name: 'f', input: { who: '<PERSON_1>', tags: ['a'] } },
      ],
    })
    assert.deepEqual(
      parts.map((p) => [pathKey(p.path), p.text]),
      [
        ['["content",0,"thinking"]', 'hmm'],
        ['["content",1,"text"]', 'Dear <PERSON_1>'],
        ['["content",2,"input","who"]', '<PERSON_1>'],
        ['["content",2,"input","tags",0]', 'a'],
      ],
    )
  })

  it('has no texts for embeddings and rejects a non-object answer', () => {
    assert.deepEqual(collectResponseParts('embeddings', { object: 'list', data: [{ embedding: [0.1] }] }), [])
    assert.throws(() => collectResponseParts('chat', 'oops'), ProtocolError)
    assert.throws(() => collectResponseParts('chat', { choices: 'x' }), ProtocolError)
  })
})
