// The official SDKs, pointed straight at the stand-in, must parse every answer it gives: that is what
// makes it a faithful stand-in for the providers when the same SDKs later go through Sluice.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import {
  type StandInUpstream,
  splitText,
  standInEmbedding,
  startStandInUpstream,
} from './stand-in-upstream.ts'

const key = 'test-key'
let upstream: StandInUpstream
let openai: OpenAI
let anthropic: Anthropic

before(async () => {
  upstream = await startStandInUpstream({ apiKey: key })
  openai = new OpenAI({ apiKey: key, baseURL: `${upstream.url}/v1`, maxRetries: 0 })
  anthropic = new Anthropic({ apiKey: key, baseURL: upstream.url, maxRetries: 0 })
})
after(() => upstream.close())
beforeEach(() => {
  upstream.setReply()
  upstream.requests.length = 0
})

const lastRequest = () => {
  const request = upstream.requests.at(-1)
  assert.ok(request, 'the stand-in recorded no request')
  return request
}

describe('stand-in upstream: OpenAI chat completions', () => {
  it('answers a non-streamed completion the SDK parses, and records what it received', async () => {
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: '김민준 과장에게 연락' },
      ],
    })
    assert.equal(completion.object, 'chat.completion')
    assert.equal(completion.model, 'gpt-4o-mini')
    assert.equal(completion.choices[0]?.message.role, 'assistant')
    assert.equal(completion.choices[0]?.message.content, 'Echo: 김민준 과장에게 연락')
    assert.equal(completion.choices[0]?.finish_reason, 'stop')
    assert.ok((completion.usage?.prompt_tokens ?? 0) > 0)
    assert.equal(
      completion.usage?.total_tokens,
      (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
    )
    const request = lastRequest()
    assert.equal(request.method, 'POST')
    assert.equal(request.path, '/v1/chat/completions')
    assert.equal(request.headers.authorization, `Bearer ${key}`)
    assert.deepEqual((request.body as { messages: unknown[] }).messages[1], {
      role: 'user',
      content: '김민준 과장에게 연락',
    })
  })

  it('streams the given chunks exactly, with a role chunk first, a finish chunk, usage and [DONE]', async () => {
    upstream.setReply(() => ({ chunks: ['Hello <PER', 'SON_', '1>, bye'] }))
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    })
    const deltas: string[] = []
    const roles: string[] = []
    const finishes: string[] = []
    let usageChunks = 0
    for await (const chunk of stream) {
      assert.equal(chunk.object, 'chat.completion.chunk')
      if (chunk.usage) usageChunks++
      const choice = chunk.choices[0]
      if (choice === undefined) continue
      if (choice.delta.role) roles.push(choice.delta.role)
      if (choice.delta.content) deltas.push(choice.delta.content)
      if (choice.finish_reason) finishes.push(choice.finish_reason)
    }
    assert.deepEqual(deltas, ['Hello <PER', 'SON_', '1>, bye'])
    assert.deepEqual(roles, ['assistant'])
    assert.deepEqual(finishes, ['stop'])
    assert.equal(usageChunks, 1)
  })

  it('streams text split by chunk size, which the SDK stream helper accumulates into a completion', async () => {
    upstream.setReply(() => ({ text: 'abcdefghij', chunkSize: 3 }))
    const deltas: string[] = []
    const stream = openai.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    })
    stream.on('content', (delta) => deltas.push(delta))
    const final = await stream.finalChatCompletion()
    assert.equal(final.choices[0]?.message.content, 'abcdefghij')
    assert.deepEqual(deltas, ['abc', 'def', 'ghi', 'j'])
  })

  it('reports the token limit as finish_reason length', async () => {
    upstream.setReply(() => ({ text: 'cut short', finish: 'length' }))
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'part one' }] }],
    })
    assert.equal(completion.choices[0]?.finish_reason, 'length')
  })
})

describe('stand-in upstream: OpenAI responses', () => {
  it('answers a response object with an output_text message', async () => {
    const response = await openai.responses.create({ model: 'gpt-4.1', input: 'hello there' })
    assert.equal(response.object, 'response')
    assert.equal(response.status, 'completed')
    const item = response.output[0]
    assert.ok(item && item.type === 'message')
    const part = item.content[0]
    assert.ok(part && part.type === 'output_text')
    assert.equal(part.text, 'Echo: hello there')
    assert.equal(response.output_text, 'Echo: hello there')
    assert.equal(lastRequest().path, '/v1/responses')
  })

  it('takes the last user item of an input list', async () => {
    const response = await openai.responses.create({
      model: 'gpt-4.1',
      input: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: [{ type: 'input_text', text: 'second' }] },
      ],
    })
    assert.equal(response.output_text, 'Echo: second')
  })

  it('streams the typed events in order, numbered, and the SDK helper rebuilds the response', async () => {
    upstream.setReply(() => ({ chunks: ['<PERSON', '_1> hi'] }))
    const stream = openai.responses.stream({ model: 'gpt-4.1', input: 'x' })
    const types: string[] = []
    const numbers: number[] = []
    const deltas: string[] = []
    for await (const event of stream) {
      types.push(event.type)
      numbers.push(event.sequence_number)
      if (event.type === 'response.output_text.delta') deltas.push(event.delta)
    }
    const final = await stream.finalResponse()
    assert.deepEqual(types, [
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ])
    assert.deepEqual(
      numbers,
      types.map((_, i) => i),
    )
    assert.deepEqual(deltas, ['<PERSON', '_1> hi'])
    assert.equal(final.output_text, '<PERSON_1> hi')
    assert.equal(final.status, 'completed')
  })

  it('sends event: lines that match the data type on the wire', async () => {
    const res = await fetch(`${upstream.url}/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4.1', input: 'wire', stream: true }),
    })
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/)
    const blocks = (await res.text()).split('\n\n').filter((b) => b.length > 0)
    assert.ok(blocks.length >= 9)
    for (const block of blocks) {
      const [eventLine, dataLine] = block.split('\n')
      const name = eventLine?.replace(/^event: /, '')
      const data = JSON.parse(dataLine?.replace(/^data: /, '') ?? '') as { type: string }
      assert.equal(data.type, name)
    }
  })
})

describe('stand-in upstream: OpenAI embeddings and models', () => {
  it('returns deterministic vectors, the same through base64 (SDK default) and float encodings', async () => {
    const viaBase64 = await openai.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'] })
    assert.equal(lastRequest().path, '/v1/embeddings')
    assert.equal((lastRequest().body as { encoding_format: string }).encoding_format, 'base64')
    const viaFloat = await openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
      encoding_format: 'float',
    })
    assert.equal(viaBase64.data.length, 2)
    assert.deepEqual(Array.from(viaBase64.data[0]?.embedding ?? []), viaFloat.data[0]?.embedding)
    assert.deepEqual(viaFloat.data[0]?.embedding, standInEmbedding('a', 8))
    assert.notDeepEqual(viaFloat.data[0]?.embedding, viaFloat.data[1]?.embedding)
    const norm = Math.hypot(...(viaFloat.data[1]?.embedding ?? []))
    assert.ok(Math.abs(norm - 1) < 1e-5, `norm ${norm}`)
  })

  it('honours dimensions', async () => {
    const result = await openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'hello',
      dimensions: 40,
      encoding_format: 'float',
    })
    assert.equal(result.data[0]?.embedding.length, 40)
    assert.ok((result.usage.prompt_tokens ?? 0) > 0)
  })

  it('lists models', async () => {
    const ids: string[] = []
    for await (const model of openai.models.list()) ids.push(model.id)
    assert.ok(ids.includes('gpt-4o-mini'))
    assert.equal(lastRequest().method, 'GET')
    const one = await openai.models.retrieve('gpt-4.1')
    assert.equal(one.id, 'gpt-4.1')
    await assert.rejects(openai.models.retrieve('gpt-none'), OpenAI.NotFoundError)
  })
})

describe('stand-in upstream: Anthropic messages', () => {
  it('answers a message the SDK parses, with the key and version headers recorded', async () => {
    const message = await anthropic.messages.create({
      model: 'claude-stand-in',
      max_tokens: 100,
      system: 'be brief',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'call 010-1234-5678' }] }],
    })
    assert.equal(message.type, 'message')
    assert.equal(message.role, 'assistant')
    assert.equal(message.stop_reason, 'end_turn')
    const block = message.content[0]
    assert.ok(block && block.type === 'text')
    assert.equal(block.text, 'Echo: call 010-1234-5678')
    assert.ok(message.usage.output_tokens > 0)
    const request = lastRequest()
    assert.equal(request.path, '/v1/messages')
    // This SDK sends the key as a bearer token; `x-api-key` (raw requests below) is accepted too.
    assert.equal(request.headers.authorization, `Bearer ${key}`)
    assert.ok(request.headers['anthropic-version'])
  })

  it('streams the events in order and the SDK helper rebuilds the message', async () => {
    upstream.setReply(() => ({ chunks: ['a <EMAIL', '_1>', ' b'] }))
    const stream = anthropic.messages.stream({
      model: 'claude-stand-in',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'x' }],
    })
    const texts: string[] = []
    stream.on('text', (delta) => texts.push(delta))
    const final = await stream.finalMessage()
    assert.deepEqual(texts, ['a <EMAIL', '_1>', ' b'])
    const block = final.content[0]
    assert.ok(block && block.type === 'text')
    assert.equal(block.text, 'a <EMAIL_1> b')
    assert.equal(final.stop_reason, 'end_turn')
    assert.ok(final.usage.output_tokens > 1)
  })

  it('sends message_start, content_block_start, ping, deltas, stops and message_delta in order', async () => {
    upstream.setReply(() => ({ text: 'abcdef', chunkSize: 2, finish: 'length' }))
    const stream = await anthropic.messages.create({
      model: 'claude-stand-in',
      max_tokens: 3,
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    })
    const types: string[] = []
    let stop: string | null = null
    for await (const event of stream) {
      types.push(event.type)
      if (event.type === 'message_delta') stop = event.delta.stop_reason
    }
    // The SDK swallows ping events; they are on the wire (checked below).
    assert.deepEqual(types, [
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ])
    assert.equal(stop, 'max_tokens')
    const res = await fetch(`${upstream.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'm',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'y' }],
        stream: true,
      }),
    })
    const text = await res.text()
    assert.match(text, /^event: message_start\ndata: /)
    assert.match(text, /event: ping\ndata: \{"type":"ping"\}/)
  })

  it('lists models in the Anthropic shape', async () => {
    const page = await anthropic.models.list()
    assert.deepEqual(
      page.data.map((m) => m.id),
      ['claude-sonnet-4-5', 'claude-haiku-4-5'],
    )
    assert.equal(page.data[0]?.type, 'model')
    assert.equal((await anthropic.models.retrieve('claude-haiku-4-5')).id, 'claude-haiku-4-5')
    await assert.rejects(anthropic.models.retrieve('gpt-4.1'), Anthropic.NotFoundError)
  })
})

describe('stand-in upstream: checks and faults', () => {
  it('refuses a wrong key with 401 in each provider shape', async () => {
    const wrongOpenAI = new OpenAI({ apiKey: 'nope', baseURL: `${upstream.url}/v1`, maxRetries: 0 })
    await assert.rejects(
      wrongOpenAI.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
      (error: unknown) =>
        error instanceof OpenAI.AuthenticationError &&
        error.status === 401 &&
        error.code === 'invalid_api_key',
    )
    const wrongAnthropic = new Anthropic({ apiKey: 'nope', baseURL: upstream.url, maxRetries: 0 })
    await assert.rejects(
      wrongAnthropic.messages.create({
        model: 'm',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'x' }],
      }),
      (error: unknown) => error instanceof Anthropic.AuthenticationError && error.status === 401,
    )
    // Refused requests are recorded too: the test may need to see what was sent.
    assert.equal(upstream.requests.length, 2)
  })

  it('answers 400 for a missing required field, bad JSON, or a missing anthropic-version', async () => {
    const post = (path: string, body: string, headers: Record<string, string>) =>
      fetch(`${upstream.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      })
    const noMaxTokens = await post(
      '/v1/messages',
      JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
      { 'x-api-key': key, 'anthropic-version': '2023-06-01' },
    )
    assert.equal(noMaxTokens.status, 400)
    const body = (await noMaxTokens.json()) as { type: string; error: { type: string; message: string } }
    assert.equal(body.type, 'error')
    assert.equal(body.error.type, 'invalid_request_error')
    assert.match(body.error.message, /max_tokens/)
    const badJson = await post('/v1/chat/completions', '{"model":', { authorization: `Bearer ${key}` })
    assert.equal(badJson.status, 400)
    assert.equal(((await badJson.json()) as { error: { type: string } }).error.type, 'invalid_request_error')
    assert.equal(lastRequest().rawBody, '{"model":')
    const noVersion = await post('/v1/messages', '{}', { 'x-api-key': key })
    assert.equal(noVersion.status, 400)
    const unknown = await post('/v1/nothing', '{}', { authorization: `Bearer ${key}` })
    assert.equal(unknown.status, 404)
  })

  it('answers a configured error status with the provider-shaped body, or the given one', async () => {
    upstream.setReply(() => ({ error: { status: 429, headers: { 'retry-after': '1' } } }))
    await assert.rejects(
      openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
      (error: unknown) => error instanceof OpenAI.RateLimitError && error.headers?.get('retry-after') === '1',
    )
    upstream.setReply(() => ({ error: { status: 529 } }))
    await assert.rejects(
      anthropic.messages.create({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }),
      (error: unknown) => error instanceof Anthropic.APIError && error.status === 529,
    )
    upstream.setReply(() => ({ error: { status: 500, body: { error: { message: 'custom boom' } } } }))
    await assert.rejects(
      openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
      (error: unknown) => error instanceof OpenAI.InternalServerError && /custom boom/.test(error.message),
    )
  })

  it('waits the configured delay before answering', async () => {
    upstream.setReply(() => ({ delayMs: 150 }))
    const t0 = performance.now()
    await openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] })
    assert.ok(performance.now() - t0 >= 140)
  })

  it('drops the connection mid-stream after the given number of pieces', async () => {
    upstream.setReply(() => ({ chunks: ['one ', 'two ', 'three'], cutAfterChunks: 2 }))
    const seen: string[] = []
    await assert.rejects(async () => {
      const stream = await openai.chat.completions.create({
        model: 'm',
        messages: [{ role: 'user', content: 'x' }],
        stream: true,
      })
      for await (const chunk of stream) {
        const content = chunk.choices[0]?.delta.content
        if (content) seen.push(content)
      }
    })
    assert.deepEqual(seen, ['one ', 'two '])
  })

  it('drops the connection halfway through a non-streamed body', async () => {
    upstream.setReply(() => ({ cutAfterChunks: 0 }))
    await assert.rejects(
      anthropic.messages.create({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }),
      (error: unknown) => error instanceof Error,
    )
  })

  it('sends an in-stream error event the SDKs raise', async () => {
    upstream.setReply(() => ({ chunks: ['a', 'b'], errorEventAfterChunks: 1 }))
    await assert.rejects(async () => {
      const stream = await openai.chat.completions.create({
        model: 'm',
        messages: [{ role: 'user', content: 'x' }],
        stream: true,
      })
      for await (const _ of stream) {
        // drain
      }
    }, OpenAI.APIError)
    await assert.rejects(
      openai.responses.stream({ model: 'm', input: 'x' }).finalResponse(),
      (error: unknown) => error instanceof OpenAI.APIError && /server had an error/.test(error.message),
    )
    await assert.rejects(
      anthropic.messages
        .stream({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })
        .finalMessage(),
      (error: unknown) => error instanceof Anthropic.APIError && /Overloaded/.test(error.message),
    )
  })

  it('passes the request to the reply function, and setReply() restores the echo', async () => {
    let seenModel = ''
    upstream.setReply((context) => {
      seenModel = `${context.api}/${context.model}/${context.stream}`
      return { text: context.lastUserText.toUpperCase() }
    })
    const shouted = await openai.chat.completions.create({
      model: 'gpt-x',
      messages: [{ role: 'user', content: 'quiet' }],
    })
    assert.equal(shouted.choices[0]?.message.content, 'QUIET')
    assert.equal(seenModel, 'openai.chat.completions/gpt-x/false')
    upstream.setReply()
    const echoed = await openai.chat.completions.create({
      model: 'gpt-x',
      messages: [{ role: 'user', content: 'quiet' }],
    })
    assert.equal(echoed.choices[0]?.message.content, 'Echo: quiet')
  })

  it('spaces streamed pieces by chunkDelayMs', async () => {
    upstream.setReply(() => ({ chunks: ['a', 'b', 'c'], chunkDelayMs: 60 }))
    const arrivals: number[] = []
    const stream = await anthropic.messages.create({
      model: 'claude-stand-in',
      max_tokens: 5,
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    })
    for await (const event of stream)
      if (event.type === 'content_block_delta') arrivals.push(performance.now())
    assert.equal(arrivals.length, 3)
    assert.ok((arrivals[2] as number) - (arrivals[0] as number) >= 100, `gaps ${arrivals}`)
  })

  it('keeps no requests when recording is off', async () => {
    const quiet = await startStandInUpstream({ record: false })
    try {
      const res = await fetch(`${quiet.url}/v1/models`)
      assert.equal(res.status, 200)
      assert.equal(quiet.requests.length, 0)
    } finally {
      await quiet.close()
    }
  })

  it('splits text by code points, never inside a surrogate pair', () => {
    assert.deepEqual(splitText('a😀bc', 2), ['a😀', 'bc'])
    assert.deepEqual(splitText('', 3), [])
  })
})
