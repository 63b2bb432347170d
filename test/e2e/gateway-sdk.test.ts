// The official OpenAI and Anthropic SDKs talk to Sluice, which talks to stand-in providers.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { buildDocx, wordParagraph } from '../../src/adapters/documents/build-test-documents.ts'
import { type GatewayHarness, startGatewayHarness, testKey } from './gateway-harness.ts'

const rrn = '900101-1234568'

describe('gateway with the official SDKs', () => {
  let h: GatewayHarness
  let openai: OpenAI
  let anthropic: Anthropic
  before(async () => {
    h = await startGatewayHarness()
    openai = new OpenAI({ baseURL: `${h.sluice.url}/v1`, apiKey: testKey, maxRetries: 0 })
    anthropic = new Anthropic({ baseURL: h.sluice.url, apiKey: testKey, maxRetries: 0 })
  })
  after(() => h.close())

  const sent = () => h.provider.requests.filter((r) => r.method === 'POST')

  it('blocks a service whose recipients are in China with a 403 the SDK surfaces, and sends nothing', async () => {
    const before = sent().length
    const error = await openai.chat.completions
      .create({ model: 'deepseek-chat', messages: [{ role: 'user', content: '안녕하세요' }] })
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    assert.ok(error instanceof OpenAI.APIError, String(error))
    assert.equal(error.status, 403)
    assert.equal(error.type, 'sluice_policy_block')
    assert.equal((error.error as { rule?: string }).rule, 'T-china')
    assert.match(error.message, /China/)
    assert.equal(sent().length, before, 'nothing reached the provider')
    const last = (await h.ledger()).at(-1)
    assert.equal(last?.entry.action, 'block')
    assert.equal(last?.entry.rule, 'T-china')
    assert.equal(last?.entry.service, 'deepseek')
    assert.ok(last?.entry.countries.includes('CN'))
  })

  it('redacts an RRN in history and system messages before it leaves (non-streaming)', async () => {
    const answer = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: `민원인 주민등록번호: ${rrn}` },
        { role: 'user', content: '이전 대화 요약' },
        { role: 'assistant', content: '알겠습니다.' },
        { role: 'user', content: '정리해 주세요' },
      ],
    })
    const leaving = sent().at(-1)
    assert.ok(leaving)
    assert.doesNotMatch(leaving.rawBody, /900101/)
    assert.match(leaving.rawBody, /<KR_RRN>/)
    assert.equal(leaving.headers.authorization, 'Bearer held-openai-key', 'Sluice holds the provider key')
    assert.match(answer.choices[0]?.message.content ?? '', /^Echo: /)
    const last = (await h.ledger()).at(-1)
    assert.equal(last?.entry.action, 'redact')
    assert.deepEqual(last?.entry.typeCounts, { KR_RRN: 1 })
    assert.doesNotMatch(JSON.stringify(last), /900101/, 'the ledger never holds the value')
  })

  it('pseudonymises a name and restores it in a streamed answer, token split across chunks', async () => {
    h.provider.setReply((ctx) => {
      const token = /<PERSON_\d+>/.exec(ctx.lastUserText)?.[0] ?? '<none>'
      const text = `네, ${token} 과장님께 전달하겠습니다.`
      const cut = text.indexOf(token) + 3
      return { chunks: [text.slice(0, cut), text.slice(cut, cut + 4), text.slice(cut + 4)] }
    })
    try {
      const stream = await openai.chat.completions.create({
        model: 'gpt-4o-mini',
        stream: true,
        messages: [{ role: 'user', content: '김민준 과장에게 회의 일정을 전달해 주세요' }],
      })
      let text = ''
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? ''
      assert.equal(text, '네, 김민준 과장님께 전달하겠습니다.')
      const leaving = sent().at(-1)
      assert.ok(leaving)
      assert.doesNotMatch(leaving.rawBody, /김민준/)
      assert.match(leaving.rawBody, /<PERSON_1>/)
    } finally {
      h.provider.setReply()
    }
  })

  it('warns, then lets the resent request through with the reason recorded', async () => {
    const message = { role: 'user' as const, content: '보고서를 kim.minjun@mofa.go.kr 로 보내 주세요' }
    const first = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [message] }).then(
      () => undefined,
      (e: unknown) => e,
    )
    assert.ok(first instanceof OpenAI.APIError)
    assert.equal(first.status, 428)
    assert.equal(first.type, 'sluice_policy_warn')
    assert.match(first.message, /x-sluice-reason/)
    const reason = '업무상 필요 (결재 2026-114, 담당 010-9876-5432)'
    const answer = await openai.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [message] },
      { headers: { 'x-sluice-reason': encodeURIComponent(reason) } },
    )
    assert.match(answer.choices[0]?.message.content ?? '', /Echo/)
    const [warned, last] = (await h.ledger()).slice(-2)
    assert.equal(last?.entry.action, 'allow')
    // The same bytes sent twice: the same keyed content hash, and it is not a hash anyone can recompute.
    assert.match(last?.entry.contentHash ?? '', /^[0-9a-f]{64}$/)
    assert.equal(last?.entry.contentHash, warned?.entry.contentHash)
    // The reason is recorded, with personal data in it tagged rather than kept.
    assert.equal(last?.entry.reason, '업무상 필요 (결재 2026-114, 담당 <PHONE_NUMBER>)')
  })

  it('routes classified content to the internal model instead of the outside service', async () => {
    const outsideBefore = sent().length
    const answer = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Ⅱ급 비밀 문서 요약: 작전 계획 개요' }],
    })
    assert.match(answer.choices[0]?.message.content ?? '', /Echo/)
    assert.equal(sent().length, outsideBefore, 'nothing went to the outside provider')
    const inside = h.internal.requests.at(-1)
    assert.equal((inside?.body as { model?: string } | undefined)?.model, 'local-llama')
    const last = (await h.ledger()).at(-1)
    assert.equal(last?.entry.action, 'route')
    assert.equal(last?.entry.upstream, 'internal')
    assert.deepEqual(last?.entry.countries, ['KR'])
  })

  it('blocks an answer that echoes an RRN, streaming included', async () => {
    h.provider.setReply(() => ({ chunks: ['확인된 번호는 9001', '01-12345', '68 입니다.'] }))
    try {
      const whole = await openai.chat.completions
        .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: '번호를 알려줘' }] })
        .then(
          () => undefined,
          (e: unknown) => e,
        )
      assert.ok(whole instanceof OpenAI.APIError)
      assert.equal(whole.status, 403)
      assert.equal((whole.error as { rule?: string }).rule, 'T-answer-rrn')
      const stream = await openai.chat.completions.create({
        model: 'gpt-4o-mini',
        stream: true,
        messages: [{ role: 'user', content: '번호를 알려줘' }],
      })
      let text = ''
      const failure = await (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? ''
      })().then(
        () => undefined,
        (e: unknown) => e,
      )
      assert.ok(failure instanceof Error, 'the stream ends with an error')
      assert.doesNotMatch(text, /1234568|12345/, 'no part of the number reached the client')
      const last = (await h.ledger()).at(-1)
      assert.equal(last?.entry.direction, 'response')
      assert.equal(last?.entry.action, 'block')
    } finally {
      h.provider.setReply()
    }
  })

  it('speaks Anthropic: pseudonymised name restored in a streamed /v1/messages answer', async () => {
    h.provider.setReply((ctx) => {
      const token = /<PERSON_\d+>/.exec(ctx.lastUserText)?.[0] ?? '<none>'
      return { text: `${token} 님, 안녕하세요.`, chunkSize: 2 }
    })
    try {
      const stream = anthropic.messages.stream({
        model: 'claude-sonnet-5',
        max_tokens: 100,
        messages: [{ role: 'user', content: '박서연 주무관에게 인사해 주세요' }],
      })
      const final = await stream.finalText()
      assert.equal(final, '박서연 님, 안녕하세요.')
      const leaving = sent().at(-1)
      assert.equal(leaving?.path, '/v1/messages')
      assert.doesNotMatch(leaving?.rawBody ?? '', /박서연/)
      assert.equal(leaving?.headers['x-api-key'], 'held-anthropic-key')
    } finally {
      h.provider.setReply()
    }
  })

  it('speaks Anthropic errors: a block is a 403 with the Anthropic error shape', async () => {
    const error = await anthropic.messages
      .create({
        model: 'claude-sonnet-5',
        max_tokens: 50,
        messages: [{ role: 'user', content: '메일 주소 kim@mofa.go.kr 확인' }],
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    assert.ok(error instanceof Anthropic.APIError, String(error))
    assert.equal(error.status, 428)
    const body = error.error as { type?: string; error?: { type?: string; rule?: string } }
    assert.equal(body.type, 'error')
    assert.equal(body.error?.type, 'sluice_policy_warn')
    assert.equal(body.error?.rule, 'T-email-warn')
  })

  it('inspects tool calls and tool results in the history, and the Responses and Embeddings APIs', async () => {
    await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'user', content: '조회해 주세요' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'lookup', arguments: JSON.stringify({ rrn }) } },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: `결과: ${rrn} 등록됨` },
      ],
    })
    assert.doesNotMatch(sent().at(-1)?.rawBody ?? '', /1234568/)
    await openai.responses.create({ model: 'gpt-4o-mini', input: `주민번호 ${rrn}`, instructions: '요약' })
    assert.doesNotMatch(sent().at(-1)?.rawBody ?? '', /1234568/)
    const embedded = await openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: [`번호 ${rrn}`],
    })
    assert.ok(embedded.data.length === 1)
    assert.doesNotMatch(sent().at(-1)?.rawBody ?? '', /1234568/)
  })

  it('refuses an unknown key (401), a malformed body (400), and keeps serving', async () => {
    const stranger = new OpenAI({ baseURL: `${h.sluice.url}/v1`, apiKey: 'sk-unknown', maxRetries: 0 })
    const denied = await stranger.models.list().then(
      () => undefined,
      (e: unknown) => e,
    )
    assert.ok(denied instanceof OpenAI.AuthenticationError)
    const bad = await fetch(`${h.sluice.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testKey}`, 'content-type': 'application/json' },
      body: '{"model": "gpt-4o-mini", "messages": "not a list"}',
    })
    assert.equal(bad.status, 400)
    const body = (await bad.json()) as { error: { type: string; message: string } }
    assert.equal(body.error.type, 'invalid_request_error')
    const ok = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'still there?' }],
    })
    assert.ok(ok.choices.length > 0)
  })

  it('inspects documents attached as files: an RRN inside a DOCX cannot be redacted, so it is blocked', async () => {
    const fileMessage = (text: string) => ({
      role: 'user' as const,
      content: [
        { type: 'text' as const, text: '첨부 문서를 요약해 주세요' },
        {
          type: 'file' as const,
          file: {
            filename: 'report.docx',
            file_data: `data:application/vnd.openxmlformats-officedocument.wordprocessingml.document;base64,${Buffer.from(buildDocx({ body: wordParagraph(text) })).toString('base64')}`,
          },
        },
      ],
    })
    const before = sent().length
    const error = await openai.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [fileMessage(`민원인 주민등록번호 ${rrn}`)] })
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    assert.ok(error instanceof OpenAI.APIError)
    assert.equal(error.status, 403)
    assert.match(error.message, /document cannot be rewritten/)
    assert.equal(sent().length, before)
    const clean = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [fileMessage('분기 예산 검토 회의 결과')],
    })
    assert.ok(clean.choices.length > 0)
    const broken = await openai.chat.completions
      .create({
        model: 'gpt-4o-mini',
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'file',
                file: { filename: 'x.pdf', file_data: 'data:application/pdf;base64,JVBERi0xLjQK' },
              },
            ],
          },
        ],
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    assert.ok(broken instanceof OpenAI.APIError)
    assert.equal(broken.status, 503, 'a document that cannot be read fails closed')
  })

  it('decides images by rule', async () => {
    const error = await openai.chat.completions
      .create({
        model: 'gpt-4o-mini',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: '이 사진을 설명해 주세요' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            ],
          },
        ],
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    assert.ok(error instanceof OpenAI.APIError)
    assert.equal(error.status, 403)
    assert.equal((error.error as { rule?: string }).rule, 'T-media')
  })

  it("passes the caller's own provider key through when the upstream is configured so", async () => {
    const byok = new OpenAI({
      baseURL: `${h.sluice.url}/v1`,
      apiKey: 'sk-callers-own-provider-key',
      defaultHeaders: { 'x-sluice-key': testKey },
      maxRetries: 0,
    })
    await byok.chat.completions.create({ model: 'byok-gpt', messages: [{ role: 'user', content: 'hi' }] })
    assert.equal(sent().at(-1)?.headers.authorization, 'Bearer sk-callers-own-provider-key')
  })

  it('lists only the models the caller may reach', async () => {
    const models = await openai.models.list()
    const ids = models.data.map((m) => m.id)
    assert.ok(
      ids.some((id) => id.startsWith('gpt-')),
      ids.join(','),
    )
    assert.ok(!ids.some((id) => id.startsWith('deepseek')), 'DeepSeek is blocked for this tenant')
  })

  it('keeps a verifiable chain over every decision', async () => {
    const records = await h.ledger()
    assert.ok(records.length >= 8)
    records.forEach((r, i) => {
      assert.equal(r.seq, i + 1)
      if (i > 0) assert.equal(r.prevHash, records[i - 1]?.hash)
    })
  })
})
