import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import type { Finding } from '../detection/finding.ts'
import { applyEdits, findingEdits, mergeEdits, tokenEdits } from './guard-edits.ts'
import { createSseParser } from './sse.ts'
import { createStreamGuard, type GuardVerdict, type StreamGuardOptions } from './stream-guard.ts'
import { createStreamRewriter } from './stream-rewriter.ts'
import type { AiApi } from './text-part.ts'

// The gateway's transform in miniature: restore <PERSON_1>, redact an RRN the model echoes.
const rrn = /(?<!\d)\d{6}-\d{7}(?!\d)/g
const scan = (text: string): Finding[] =>
  [...text.matchAll(rrn)].map((m) => ({
    type: 'KR_RRN',
    start: m.index,
    end: m.index + m[0].length,
    score: 1,
  }))
const restore = (token: string): string => (token === '<PERSON_1>' ? '홍길동' : token)
function transform(window: string): GuardVerdict {
  const edits = mergeEdits(
    findingEdits(window, scan(window), () => '<RRN>'),
    tokenEdits(window, restore),
  )
  return { text: applyEdits(window, edits), edits }
}
const blockOnRrn = (window: string, _final: boolean, context: number): GuardVerdict =>
  scan(window).some((f) => f.end > context)
    ? { blocked: true, reason: 'answer contains an RRN', rule: 'answers-no-rrn' }
    : { text: window, edits: [] }

function rewrite(
  api: AiApi,
  chunks: readonly string[],
  t: StreamGuardOptions['transform'] = transform,
): { out: string; pieces: string[] } {
  const channels: string[] = []
  const rewriter = createStreamRewriter(api, {
    guardFor: (channel) => {
      channels.push(channel)
      return createStreamGuard({ transform: t, holdback: 16, maxTokenLength: 40 })
    },
  })
  const pieces = chunks.map((c) => rewriter.push(c))
  pieces.push(rewriter.end())
  return { out: pieces.join(''), pieces }
}

const sse = (data: unknown, event?: string): string =>
  `${event === undefined ? '' : `event: ${event}\n`}data: ${JSON.stringify(data)}\n\n`
const chatChunk = (choice: Record<string, unknown>, extra: Record<string, unknown> = {}): string =>
  sse({
    id: 'chatcmpl-9x',
    object: 'chat.completion.chunk',
    created: 1764000000,
    model: 'gpt-4o-mini',
    system_fingerprint: 'fp_44709d6fcb',
    choices: [{ index: 0, logprobs: null, finish_reason: null, ...choice }],
    ...extra,
  })

const chatText = [
  chatChunk({ delta: { role: 'assistant', content: '', refusal: null } }),
  chatChunk({ delta: { content: '안녕하세요 <PER' } }),
  chatChunk({ delta: { content: 'SON' } }),
  chatChunk({ delta: { content: '_1>님. 주민번호 900101-12' } }),
  chatChunk({ delta: { content: '34567는 저장하지 않습니다.' } }),
  chatChunk({ delta: {}, finish_reason: 'stop' }),
  sse({
    id: 'chatcmpl-9x',
    object: 'chat.completion.chunk',
    created: 1764000000,
    model: 'gpt-4o-mini',
    choices: [],
    usage: { prompt_tokens: 20, completion_tokens: 18, total_tokens: 38 },
  }),
  'data: [DONE]\n\n',
]
const chatExpected = '안녕하세요 홍길동님. 주민번호 <RRN>는 저장하지 않습니다.'

const openai = (body: string) =>
  new OpenAI({
    apiKey: 'sk-test',
    baseURL: 'http://127.0.0.1:9/v1',
    maxRetries: 0,
    fetch: async () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
  })
const anthropic = (body: string) =>
  new Anthropic({
    apiKey: 'sk-ant-test',
    baseURL: 'http://127.0.0.1:9',
    maxRetries: 0,
    fetch: async () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
  })

function dataOf(out: string): unknown[] {
  const parser = createSseParser()
  return [...parser.push(out), ...parser.end()]
    .filter((e) => e.hasData && e.data !== '[DONE]')
    .map((e) => JSON.parse(e.data) as unknown)
}

describe('createStreamRewriter: chat completions', () => {
  it('restores a token split across three chunks and redacts a split RRN; the SDK accumulates the result', async () => {
    const { out, pieces } = rewrite('chat', chatText)
    assert.ok(!out.includes('<PER') && !out.includes('900101'), out)
    // Non-text events (the usage chunk, [DONE]) pass byte for byte.
    assert.ok(out.includes(chatText[6] as string))
    assert.ok(out.endsWith('data: [DONE]\n\n'))
    // The role chunk is sent at once, not held until more text arrives.
    assert.equal(pieces[0], chatText[0])
    const final = await openai(out)
      .chat.completions.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .finalChatCompletion()
    assert.equal(final.choices[0]?.message.content, chatExpected)
    assert.equal(final.choices[0]?.finish_reason, 'stop')
    let joined = ''
    const stream = await openai(out).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    })
    for await (const chunk of stream) joined += chunk.choices[0]?.delta.content ?? ''
    assert.equal(joined, chatExpected)
  })

  it('reads a \\r\\n stream cut at arbitrary places, including between \\r and \\n', () => {
    const crlf = chatText.join('').replaceAll('\n', '\r\n')
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const chunks: string[] = []
      for (let i = 0; i < crlf.length; i += size) chunks.push(crlf.slice(i, i + size))
      const { out } = rewrite('chat', chunks)
      const content = dataOf(out)
        .map((d) => (d as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '')
        .join('')
      assert.equal(content, chatExpected, `chunk size ${size}`)
      // An untouched event keeps its own \r\n bytes.
      assert.ok(out.startsWith(chatText[0]?.replaceAll('\n', '\r\n') as string))
    }
  })

  it('restores and redacts tool-call arguments streamed in pieces', async () => {
    const chunks = [
      chatChunk({
        delta: {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              index: 0,
              id: 'call_Q1',
              type: 'function',
              function: { name: 'lookup_customer', arguments: '' },
            },
          ],
        },
      }),
      chatChunk({ delta: { tool_calls: [{ index: 0, function: { arguments: '{"name":"<PERS' } }] } }),
      chatChunk({
        delta: { tool_calls: [{ index: 0, function: { arguments: 'ON_1>","rrn":"900101-1234' } }] },
      }),
      chatChunk({ delta: { tool_calls: [{ index: 0, function: { arguments: '567"}' } }] } }),
      chatChunk({ delta: {}, finish_reason: 'tool_calls' }),
      'data: [DONE]\n\n',
    ]
    const { out } = rewrite('chat', chunks)
    const final = await openai(out)
      .chat.completions.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .finalChatCompletion()
    const call = final.choices[0]?.message.tool_calls?.[0]
    assert.ok(call?.type === 'function')
    assert.equal(call.function.name, 'lookup_customer')
    assert.equal(call.function.arguments, '{"name":"홍길동","rrn":"<RRN>"}')
  })

  it('releases held text when the upstream ends without finish_reason or [DONE]', () => {
    const { out } = rewrite('chat', chatText.slice(0, 4))
    const content = dataOf(out)
      .map((d) => (d as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '')
      .join('')
    assert.equal(content, '안녕하세요 홍길동님. 주민번호 900101-12')
  })

  it('ends the stream with an error chunk the SDK raises when the answer is blocked', async () => {
    const rewriter = createStreamRewriter('chat', {
      guardFor: () => createStreamGuard({ transform: blockOnRrn, holdback: 16, maxTokenLength: 40 }),
    })
    const out = chatText.map((c) => rewriter.push(c)).join('') + rewriter.end()
    assert.ok(!out.includes('900101'), out)
    assert.equal(rewriter.blocked?.rule, 'answers-no-rrn')
    assert.equal(rewriter.push(chatText[0] as string), '')
    const last = dataOf(out).at(-1)
    assert.deepEqual(last, {
      error: {
        type: 'sluice_policy_block',
        code: 'content_blocked',
        message: 'answer contains an RRN',
        rule: 'answers-no-rrn',
      },
    })
    const stream = await openai(out).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    })
    await assert.rejects(
      (async () => {
        for await (const _ of stream) {
          // drain
        }
      })(),
      (e: unknown) => e instanceof OpenAI.APIError && /RRN/.test(e.message),
    )
  })
})

const anthropicEvents = [
  sse(
    {
      type: 'message_start',
      message: {
        id: 'msg_01',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-6',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 25, output_tokens: 1 },
      },
    },
    'message_start',
  ),
  sse(
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    'content_block_start',
  ),
  'event: ping\ndata: {"type": "ping"}\n\n',
  sse(
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Dear <PE' } },
    'content_block_delta',
  ),
  sse(
    {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text: 'RSON_1>, your number 900101-' },
    },
    'content_block_delta',
  ),
  sse(
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: '1234567 is noted.' } },
    'content_block_delta',
  ),
  sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
  sse(
    {
      type: 'content_block_start',
      index: 1,
      content_block: { type: 'tool_use', id: 'toolu_01', name: 'save_note', input: {} },
    },
    'content_block_start',
  ),
  sse(
    {
      type: 'content_block_delta',
      index: 1,
      delta: { type: 'input_json_delta', partial_json: '{"who": "<PER' },
    },
    'content_block_delta',
  ),
  sse(
    {
      type: 'content_block_delta',
      index: 1,
      delta: { type: 'input_json_delta', partial_json: 'SON_1>", "rrn": "9001' },
    },
    'content_block_delta',
  ),
  sse(
    {
      type: 'content_block_delta',
      index: 1,
      delta: { type: 'input_json_delta', partial_json: '01-1234567"}' },
    },
    'content_block_delta',
  ),
  sse({ type: 'content_block_stop', index: 1 }, 'content_block_stop'),
  sse(
    {
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: 41 },
    },
    'message_delta',
  ),
  sse({ type: 'message_stop' }, 'message_stop'),
]

describe('createStreamRewriter: Anthropic messages', () => {
  it('restores and redacts text and tool input; the SDK builds the final message', async () => {
    const { out } = rewrite('messages', anthropicEvents)
    assert.ok(!out.includes('<PE') && !out.includes('900101') && !out.includes('"9001'), out)
    assert.ok(out.includes(anthropicEvents[2] as string), 'ping passes byte for byte')
    const final = await anthropic(out)
      .messages.stream({
        model: 'claude-sonnet-4-6',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'hi' }],
      })
      .finalMessage()
    assert.deepEqual(final.content[0], { type: 'text', text: 'Dear 홍길동, your number <RRN> is noted.' })
    const tool = final.content[1]
    assert.ok(tool?.type === 'tool_use')
    assert.deepEqual(tool.input, { who: '홍길동', rrn: '<RRN>' })
    assert.equal(final.stop_reason, 'tool_use')
  })

  it('leaves out a delta event whose text is all held, and sends the held text before content_block_stop', () => {
    const { pieces } = rewrite('messages', anthropicEvents)
    assert.equal(pieces[3], '') // "Dear <PE": too short to release anything with a 16-character holdback
    const stop = pieces[6] as string
    assert.ok(stop.endsWith(anthropicEvents[6] as string))
    assert.ok(stop.startsWith('event: content_block_delta\n'), stop)
  })

  it('ends with an error event the SDK raises when the answer is blocked', async () => {
    const { out } = rewrite('messages', anthropicEvents, blockOnRrn)
    assert.ok(!out.includes('900101'))
    assert.ok(
      out.endsWith(
        'event: error\ndata: {"type":"error","error":{"type":"sluice_policy_block","code":"content_blocked","message":"answer contains an RRN","rule":"answers-no-rrn"}}\n\n',
      ),
    )
    await assert.rejects(
      anthropic(out)
        .messages.stream({
          model: 'claude-sonnet-4-6',
          max_tokens: 100,
          messages: [{ role: 'user', content: 'hi' }],
        })
        .finalMessage(),
      (e: unknown) => e instanceof Anthropic.APIError && /RRN/.test(e.message),
    )
  })
})

const responsesEvents = (): string[] => {
  let seq = 0
  const ev = (type: string, body: Record<string, unknown>) =>
    sse({ type, sequence_number: seq++, ...body }, type)
  const response = (status: string, output: unknown[]) => ({
    id: 'resp_01',
    object: 'response',
    created_at: 1764000000,
    status,
    model: 'gpt-4.1-mini',
    output,
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    usage: status === 'completed' ? { input_tokens: 10, output_tokens: 12, total_tokens: 22 } : null,
  })
  const full = 'Hi <PERSON_1>! RRN 900101-1234567 ok.'
  const part = (text: string) => ({ type: 'output_text', text, annotations: [] })
  const item = (text: string, status: string) => ({
    id: 'msg_01',
    type: 'message',
    status,
    role: 'assistant',
    content: text === '' ? [] : [part(text)],
  })
  const at = { item_id: 'msg_01', output_index: 0, content_index: 0 }
  return [
    ev('response.created', { response: response('in_progress', []) }),
    ev('response.in_progress', { response: response('in_progress', []) }),
    ev('response.output_item.added', { output_index: 0, item: item('', 'in_progress') }),
    ev('response.content_part.added', { ...at, part: part('') }),
    ev('response.output_text.delta', { ...at, delta: 'Hi <PERS', logprobs: [] }),
    ev('response.output_text.delta', { ...at, delta: 'ON_1>! RRN 900101-1', logprobs: [] }),
    ev('response.output_text.delta', { ...at, delta: '234567 ok.', logprobs: [] }),
    ev('response.output_text.done', { ...at, text: full, logprobs: [] }),
    ev('response.content_part.done', { ...at, part: part(full) }),
    ev('response.output_item.done', { output_index: 0, item: item(full, 'completed') }),
    ev('response.completed', { response: response('completed', [item(full, 'completed')]) }),
  ]
}

describe('createStreamRewriter: Responses', () => {
  const expected = 'Hi 홍길동! RRN <RRN> ok.'

  it('restores deltas and every whole-text copy alike; the SDK final response agrees', async () => {
    const events = responsesEvents()
    const { out } = rewrite('responses', events)
    assert.ok(!out.includes('PERSON') && !out.includes('900101'), out)
    const sent = dataOf(out) as { type: string; sequence_number: number; delta?: string }[]
    // No event invented or dropped: the upstream's sequence numbers arrive in order, each once.
    assert.deepEqual(
      sent.map((e) => e.sequence_number),
      events.map((_, i) => i),
    )
    assert.equal(
      sent
        .filter((e) => e.type === 'response.output_text.delta')
        .map((e) => e.delta)
        .join(''),
      expected,
    )
    assert.ok(
      out.startsWith((events[0] as string) + (events[1] as string)),
      'events without text pass byte for byte',
    )
    const stream = openai(out).responses.stream({ model: 'gpt-4.1-mini', input: 'hi' })
    let deltas = ''
    stream.on('response.output_text.delta', (e) => {
      deltas += e.delta
    })
    const final = await stream.finalResponse()
    assert.equal(final.output_text, expected)
    assert.equal(deltas, expected)
  })

  it('blocks when a whole-text copy disagrees with the streamed deltas', () => {
    const events = responsesEvents()
    events[7] = (events[7] as string).replace('ok.', 'ok!')
    const { out } = rewrite('responses', events)
    const last = dataOf(out).at(-1) as { type: string; error: { type: string; message: string } }
    assert.equal(last.type, 'error')
    assert.equal(last.error.type, 'sluice_policy_block')
    assert.match(last.error.message, /disagrees/)
  })

  it('inspects text that only arrives in a snapshot', () => {
    const full = 'Only in the snapshot: <PERSON_1> 900101-1234567.'
    const item = {
      id: 'msg_02',
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: full, annotations: [] }],
    }
    const { out } = rewrite('responses', [
      sse(
        { type: 'response.output_item.done', sequence_number: 0, output_index: 0, item },
        'response.output_item.done',
      ),
    ])
    assert.ok(out.includes('Only in the snapshot: 홍길동 <RRN>.'), out)
  })
})

describe('createStreamRewriter: input checks', () => {
  it('refuses to stream embeddings', () => {
    assert.throws(
      () =>
        createStreamRewriter('embeddings', {
          guardFor: () => createStreamGuard({ transform, holdback: 0, maxTokenLength: 40 }),
        }),
      /not streamed/,
    )
  })
})

describe('createStreamRewriter: channels and edge cases', () => {
  const channelsOf = (api: AiApi, chunks: readonly string[]) => {
    const seen: string[] = []
    const rewriter = createStreamRewriter(api, {
      guardFor: (channel, kind) => {
        seen.push(`${channel} ${kind}`)
        return createStreamGuard({ transform, holdback: 16, maxTokenLength: 40 })
      },
    })
    const out = chunks.map((c) => rewriter.push(c)).join('') + rewriter.end()
    return { seen, out }
  }

  it('keys chat channels by choice and tool-call index, and flushes each choice at [DONE]', () => {
    const two = (index: number, delta: Record<string, unknown>) => chatChunk({ index, delta })
    const { seen, out } = channelsOf('chat', [
      two(0, { content: 'first <PERSON_1> answer' }),
      two(1, { content: 'second answer 900101-1234567' }),
      two(1, {
        tool_calls: [
          { index: 2, id: 'c', type: 'function', function: { name: 'f', arguments: '{"a":"<PERSON_1>"}' } },
        ],
      }),
      'data: [DONE]\n\n',
    ])
    assert.deepEqual(seen, [
      'chat:choice0:content text',
      'chat:choice1:content text',
      'chat:choice1:tool2 tool-arguments',
    ])
    const byChoice = new Map<number, string>()
    const args: string[] = []
    for (const d of dataOf(out) as { choices: { index: number; delta: Record<string, unknown> }[] }[]) {
      for (const c of d.choices) {
        if (typeof c.delta.content === 'string')
          byChoice.set(c.index, (byChoice.get(c.index) ?? '') + c.delta.content)
        const calls = c.delta.tool_calls as { function: { arguments: string } }[] | undefined
        if (calls) args.push(calls[0]?.function.arguments ?? '')
      }
    }
    assert.equal(byChoice.get(0), 'first 홍길동 answer')
    assert.equal(byChoice.get(1), 'second answer <RRN>')
    assert.equal(args.join(''), '{"a":"홍길동"}')
    assert.ok(out.endsWith('data: [DONE]\n\n'))
  })

  it('routes Anthropic thinking through a reasoning channel and passes signature deltas untouched', () => {
    const signature = sse(
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM' },
      },
      'content_block_delta',
    )
    const { seen, out } = channelsOf('messages', [
      sse(
        {
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'thinking', thinking: '', signature: '' },
        },
        'content_block_start',
      ),
      sse(
        {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'thinking_delta', thinking: 'The user <PERSON_1> asked' },
        },
        'content_block_delta',
      ),
      signature,
      sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
    ])
    assert.deepEqual(seen, ['messages:block0 reasoning'])
    assert.ok(out.includes(signature))
    const thinking = (dataOf(out) as { delta?: { thinking?: string } }[])
      .map((d) => d.delta?.thinking ?? '')
      .join('')
    assert.equal(thinking, 'The user 홍길동 asked')
  })

  it('streams Responses function-call arguments and restores the .done and item copies', () => {
    let seq = 0
    const ev = (type: string, body: Record<string, unknown>) =>
      sse({ type, sequence_number: seq++, ...body }, type)
    const full = '{"who":"<PERSON_1>","id":"900101-1234567"}'
    const item = (args: string, status: string) => ({
      id: 'fc_1',
      type: 'function_call',
      status,
      call_id: 'call_1',
      name: 'f',
      arguments: args,
    })
    const { seen, out } = channelsOf('responses', [
      ev('response.output_item.added', { output_index: 1, item: item('', 'in_progress') }),
      ev('response.function_call_arguments.delta', {
        item_id: 'fc_1',
        output_index: 1,
        delta: '{"who":"<PERSON',
      }),
      ev('response.function_call_arguments.delta', {
        item_id: 'fc_1',
        output_index: 1,
        delta: '_1>","id":"900101-1234567"}',
      }),
      ev('response.function_call_arguments.done', { item_id: 'fc_1', output_index: 1, arguments: full }),
      ev('response.output_item.done', { output_index: 1, item: item(full, 'completed') }),
    ])
    assert.deepEqual(seen, ['responses:out1:arguments tool-arguments'])
    const events = dataOf(out) as {
      type: string
      delta?: string
      arguments?: string
      item?: { arguments: string }
    }[]
    const expected = '{"who":"홍길동","id":"<RRN>"}'
    assert.equal(
      events
        .filter((e) => e.type.endsWith('.delta'))
        .map((e) => e.delta)
        .join(''),
      expected,
    )
    assert.equal(events.find((e) => e.type.endsWith('.done'))?.arguments, expected)
    assert.equal(events.at(-1)?.item?.arguments, expected)
  })

  it('sends a held Responses tail in a new delta when another event comes between the last delta and .done', () => {
    let seq = 0
    const ev = (type: string, body: Record<string, unknown>) =>
      sse({ type, sequence_number: seq++, ...body }, type)
    const at = { item_id: 'msg_1', output_index: 0, content_index: 0 }
    const { out } = channelsOf('responses', [
      ev('response.output_text.delta', {
        ...at,
        delta: 'See <PERSON_1> at https://example.com',
        logprobs: [],
      }),
      ev('response.output_text.annotation.added', {
        ...at,
        annotation_index: 0,
        annotation: { type: 'url_citation', url: 'https://example.com' },
      }),
      ev('response.output_text.done', { ...at, text: 'See <PERSON_1> at https://example.com', logprobs: [] }),
    ])
    const events = dataOf(out) as { type: string; delta?: string; text?: string }[]
    assert.deepEqual(
      events.map((e) => e.type),
      [
        'response.output_text.delta',
        'response.output_text.annotation.added',
        'response.output_text.delta',
        'response.output_text.done',
      ],
    )
    assert.equal(
      events
        .filter((e) => e.type.endsWith('.delta'))
        .map((e) => e.delta)
        .join(''),
      'See 홍길동 at https://example.com',
    )
    assert.equal(events.at(-1)?.text, 'See 홍길동 at https://example.com')
  })

  it('works with a transform that returns text only: correct, released at the end of the part', async () => {
    const rewriter = createStreamRewriter('chat', {
      guardFor: () =>
        createStreamGuard({
          transform: (text) => ({ text: text.replaceAll('<PERSON_1>', '홍길동') }),
          holdback: 16,
          maxTokenLength: 40,
        }),
    })
    const out = chatText.map((c) => rewriter.push(c)).join('') + rewriter.end()
    const final = await openai(out)
      .chat.completions.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .finalChatCompletion()
    assert.equal(
      final.choices[0]?.message.content,
      '안녕하세요 홍길동님. 주민번호 900101-1234567는 저장하지 않습니다.',
    )
  })
})
