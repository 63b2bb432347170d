// A local stand-in for the AI providers Sluice forwards to (OpenAI and Anthropic). Nothing outside this
// machine is reachable in tests, and the providers are the one thing we may not run for real, so this
// server speaks their public wire formats closely enough for the official SDKs to parse every answer,
// streamed or not. It records each request exactly as it arrived, so a test can assert what left Sluice.
//
// Written from the providers' public API references; no fixtures were copied.
import { createHash } from 'node:crypto'
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'

/** Which provider endpoint a request hit. */
export type StandInApi =
  | 'openai.chat.completions'
  | 'openai.responses'
  | 'openai.embeddings'
  | 'openai.models'
  | 'anthropic.messages'
  | 'anthropic.models'

/** One request as the stand-in received it. */
export interface RecordedRequest {
  method: string
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string
  /** The query string without `?` ('' when none). */
  query: string
  headers: IncomingHttpHeaders
  /** The JSON body, parsed; `undefined` when the body was empty or not JSON. */
  body: unknown
  /** The body exactly as received (UTF-8). */
  rawBody: string
}

/** What the reply function is told about a request it answers. */
export interface ReplyContext {
  api: StandInApi
  /** `model` of the request ('' when absent). */
  model: string
  stream: boolean
  /** Text of the last user message (all its text parts joined); '' when there is none. */
  lastUserText: string
  request: RecordedRequest
}

/** How to answer one request. Every field is optional; the defaults give a normal, complete answer. */
export interface StandInReply {
  /** The assistant text. Default `Echo: <last user text>`. Ignored when `chunks` is given. */
  text?: string
  /** The streamed text pieces, exactly (their concatenation is the text). Lets a test split a token. */
  chunks?: readonly string[]
  /** Split `text` into pieces of this many code points when streaming (default: the server's option, 4). */
  chunkSize?: number
  /** Wait this long before the response head. */
  delayMs?: number
  /** Wait this long between streamed events that carry text. */
  chunkDelayMs?: number
  /** Answer with this HTTP error instead; `body` defaults to the provider's error shape for the status. */
  error?: { status: number; body?: unknown; headers?: Record<string, string> }
  /**
   * Destroy the socket after this many text pieces (streaming). Non-streaming answers are cut halfway
   * through the body whatever the number.
   */
  cutAfterChunks?: number
  /** Send the provider's in-stream error event after this many text pieces, then end the stream. */
  errorEventAfterChunks?: number
  /** Why generation stopped: 'stop' (default) or 'length' (the token limit). */
  finish?: 'stop' | 'length'
  /** Extra response headers. */
  headers?: Record<string, string>
}

/** Decides the answer to each request. */
export type ReplyFunction = (context: ReplyContext) => StandInReply | Promise<StandInReply>

/** Options of {@link startStandInUpstream}. */
export interface StandInOptions {
  /** When set, requests must carry it: `Authorization: Bearer` (both), or `x-api-key` (Anthropic). */
  apiKey?: string
  /** The reply function (default: echo the last user text). */
  reply?: ReplyFunction
  /** Keep every request in `requests` (default true; a benchmark turns it off to keep memory flat). */
  record?: boolean
  /** Default size in code points of streamed text pieces (default 4, roughly one token). */
  chunkSize?: number
  /** Dimension of embedding vectors when the request gives no `dimensions` (default 8). */
  embeddingDimensions?: number
  /** Models OpenAI's `GET /v1/models` lists (and `GET /v1/models/{id}` finds). */
  models?: readonly string[]
  /** Models Anthropic's `GET /v1/models` lists (and `GET /v1/models/{id}` finds). */
  anthropicModels?: readonly string[]
}

/** A running stand-in. */
export interface StandInUpstream {
  /** `http://127.0.0.1:PORT` (no trailing slash, no `/v1`). */
  url: string
  /** Every request received, in arrival order (empty when `record: false`). */
  requests: RecordedRequest[]
  /** Replaces the reply function; with no argument, restores the default (or the one given at start). */
  setReply(fn?: ReplyFunction): void
  /** Stops listening and drops open connections. */
  close(): Promise<void>
}

const maxBodyBytes = 32 * 1024 * 1024
const maxEmbeddingDimensions = 4096

/** The default reply function: answers `Echo: <last user text>`. */
export const echoReply: ReplyFunction = (context) => ({ text: `Echo: ${context.lastUserText}` })

/** Starts a stand-in provider on 127.0.0.1, on a free port. */
export async function startStandInUpstream(options: StandInOptions = {}): Promise<StandInUpstream> {
  const initialReply = options.reply ?? echoReply
  let reply = initialReply
  const requests: RecordedRequest[] = []
  const record = options.record ?? true
  const settings: Settings = {
    chunkSize: options.chunkSize ?? 4,
    embeddingDimensions: options.embeddingDimensions ?? 8,
    models: options.models ?? ['gpt-4o-mini', 'gpt-4.1', 'text-embedding-3-small'],
    anthropicModels: options.anthropicModels ?? ['claude-sonnet-4-5', 'claude-haiku-4-5'],
    apiKey: options.apiKey,
  }
  let sequence = 0
  const server = createServer((req, res) => {
    void readRequest(req)
      .then(async (recorded) => {
        if (record) requests.push(recorded)
        sequence++
        await answer(recorded, res, reply, settings, sequence)
      })
      .catch((error: unknown) => {
        // A failure inside the stand-in is a defect of the test setup; make it loud, not a hang.
        if (!res.headersSent && !res.destroyed) {
          sendJson(res, 500, {
            error: { message: `stand-in failure: ${String(error)}`, type: 'server_error' },
          })
        } else res.destroy()
      })
  })
  server.keepAliveTimeout = 30_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setReply(fn) {
      reply = fn ?? initialReply
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

interface Settings {
  chunkSize: number
  embeddingDimensions: number
  models: readonly string[]
  anthropicModels: readonly string[]
  apiKey: string | undefined
}

function readRequest(req: IncomingMessage): Promise<RecordedRequest> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = []
    let size = 0
    req.on('data', (part: Buffer) => {
      size += part.length
      if (size > maxBodyBytes) {
        req.destroy()
        reject(new Error(`request body over ${maxBodyBytes} bytes`))
        return
      }
      parts.push(part)
    })
    req.on('error', reject)
    req.on('end', () => {
      const rawBody = Buffer.concat(parts).toString('utf8')
      const url = req.url ?? '/'
      const q = url.indexOf('?')
      let body: unknown
      if (rawBody.length > 0) {
        try {
          body = JSON.parse(rawBody)
        } catch {
          body = undefined
        }
      }
      resolve({
        method: req.method ?? 'GET',
        path: q < 0 ? url : url.slice(0, q),
        query: q < 0 ? '' : url.slice(q + 1),
        headers: req.headers,
        body,
        rawBody,
      })
    })
  })
}

type Family = 'openai' | 'anthropic'

function routeOf(request: RecordedRequest): StandInApi | undefined {
  const { method, path } = request
  if (method === 'POST' && path === '/v1/chat/completions') return 'openai.chat.completions'
  if (method === 'POST' && path === '/v1/responses') return 'openai.responses'
  if (method === 'POST' && path === '/v1/embeddings') return 'openai.embeddings'
  if (method === 'POST' && path === '/v1/messages') return 'anthropic.messages'
  if (method === 'GET' && (path === '/v1/models' || path.startsWith('/v1/models/'))) {
    // Both providers serve GET /v1/models; the Anthropic one is told apart by its version header.
    return request.headers['anthropic-version'] === undefined ? 'openai.models' : 'anthropic.models'
  }
  return undefined
}

const familyOf = (api: StandInApi): Family => (api.startsWith('anthropic.') ? 'anthropic' : 'openai')

async function answer(
  request: RecordedRequest,
  res: ServerResponse,
  replyFn: ReplyFunction,
  settings: Settings,
  seq: number,
): Promise<void> {
  const api = routeOf(request)
  if (api === undefined) {
    const family: Family = request.headers['anthropic-version'] === undefined ? 'openai' : 'anthropic'
    sendError(res, family, 404, `Invalid URL (${request.method} ${request.path})`)
    return
  }
  const family = familyOf(api)
  const authProblem = checkAuth(request.headers, family, settings.apiKey)
  if (authProblem !== undefined) {
    sendError(res, family, 401, authProblem)
    return
  }
  if (family === 'anthropic' && request.headers['anthropic-version'] === undefined) {
    sendError(res, family, 400, 'anthropic-version: header is required')
    return
  }
  const invalid = validate(api, request)
  if (invalid !== undefined) {
    sendError(res, family, 400, invalid)
    return
  }
  const body = (request.body ?? {}) as Record<string, unknown>
  const context: ReplyContext = {
    api,
    model: typeof body.model === 'string' ? body.model : '',
    stream: body.stream === true,
    lastUserText: lastUserText(api, body),
    request,
  }
  const plan = await replyFn(context)
  if (plan.delayMs !== undefined && plan.delayMs > 0) await sleep(plan.delayMs)
  if (res.destroyed) return
  const headers: OutgoingHttpHeaders = {
    ...(family === 'openai'
      ? { 'x-request-id': `req_standin_${seq}` }
      : { 'request-id': `req_standin_${seq}` }),
    ...plan.headers,
  }
  if (plan.error !== undefined) {
    const errorBody = plan.error.body ?? defaultErrorBody(family, plan.error.status, 'stand-in error')
    sendJson(res, plan.error.status, errorBody, { ...headers, ...plan.error.headers })
    return
  }
  const text =
    plan.chunks === undefined ? (plan.text ?? `Echo: ${context.lastUserText}`) : plan.chunks.join('')
  const turn: Turn = {
    seq,
    model: context.model,
    text,
    pieces: plan.chunks ?? splitText(text, plan.chunkSize ?? settings.chunkSize),
    finish: plan.finish ?? 'stop',
    inputTokens: countTokens(collectText(body).join('\n')),
    outputTokens: countTokens(text),
    created: Math.floor(Date.now() / 1000),
    body,
  }
  switch (api) {
    case 'openai.models':
    case 'anthropic.models': {
      const list = api === 'openai.models' ? settings.models : settings.anthropicModels
      const id =
        request.path === '/v1/models'
          ? undefined
          : decodeURIComponent(request.path.slice('/v1/models/'.length))
      if (id !== undefined && !list.includes(id)) {
        sendError(res, family, 404, `The model '${id}' does not exist or you do not have access to it.`)
        return
      }
      const payload =
        api === 'openai.models'
          ? id === undefined
            ? openAiModelList(list)
            : openAiModel(id)
          : id === undefined
            ? anthropicModelList(list)
            : anthropicModel(id)
      sendJson(res, 200, payload, headers)
      return
    }
    case 'openai.embeddings':
      sendJson(res, 200, embeddingList(body, settings.embeddingDimensions), headers)
      return
    default:
  }
  if (!context.stream) {
    const payload =
      api === 'openai.chat.completions'
        ? chatCompletion(turn)
        : api === 'openai.responses'
          ? responseObject(turn, 'final')
          : anthropicMessage(turn, 'final')
    if (plan.cutAfterChunks !== undefined) await sendCutJson(res, payload, headers)
    else sendJson(res, 200, payload, headers)
    return
  }
  const events =
    api === 'openai.chat.completions'
      ? chatCompletionEvents(turn)
      : api === 'openai.responses'
        ? responseEvents(turn)
        : anthropicEvents(turn)
  await sendStream(res, events, plan, family, headers)
}

function checkAuth(
  headers: IncomingHttpHeaders,
  family: Family,
  apiKey: string | undefined,
): string | undefined {
  if (apiKey === undefined) return undefined
  if (family === 'anthropic') {
    // The API takes `x-api-key`; the current SDK sends the key as `Authorization: Bearer` instead.
    if (headers['x-api-key'] !== undefined)
      return headers['x-api-key'] === apiKey ? undefined : 'invalid x-api-key'
    if (headers.authorization !== undefined) {
      return headers.authorization === `Bearer ${apiKey}` ? undefined : 'invalid bearer token'
    }
    return 'x-api-key header is required'
  }
  const auth = headers.authorization
  if (auth === undefined) {
    return "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
  }
  return auth === `Bearer ${apiKey}` ? undefined : 'Incorrect API key provided.'
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** The checks the real APIs make first; a 400 names the field, as they do. */
function validate(api: StandInApi, request: RecordedRequest): string | undefined {
  if (api === 'openai.models' || api === 'anthropic.models') return undefined
  const body = request.body
  if (!isObject(body)) {
    return request.rawBody.length === 0
      ? 'We could not parse the JSON body of your request: the body is empty.'
      : 'We could not parse the JSON body of your request. The request must be a JSON object.'
  }
  if (typeof body.model !== 'string' || body.model.length === 0) return 'model: Field required'
  switch (api) {
    case 'openai.chat.completions':
      if (!Array.isArray(body.messages) || body.messages.length === 0) {
        return "Invalid 'messages': expected a non-empty array."
      }
      if (!body.messages.every((m) => isObject(m) && typeof m.role === 'string')) {
        return "Invalid 'messages': every message needs a 'role'."
      }
      return undefined
    case 'openai.responses':
      if (body.input !== undefined && typeof body.input !== 'string' && !Array.isArray(body.input)) {
        return "Invalid 'input': expected a string or an array of input items."
      }
      return undefined
    case 'openai.embeddings':
      if (typeof body.input === 'string') return undefined
      if (!Array.isArray(body.input) || body.input.length === 0) {
        return "'input' is a required property: a string or a non-empty array."
      }
      return undefined
    case 'anthropic.messages':
      if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens) || body.max_tokens < 1) {
        return 'max_tokens: Field required (a positive integer)'
      }
      if (!Array.isArray(body.messages) || body.messages.length === 0) {
        return 'messages: at least one message is required'
      }
      return undefined
  }
}

/** Text of a `content` value: a string, or an array of parts whose text parts are joined. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  const texts: string[] = []
  for (const part of content) {
    if (typeof part === 'string') texts.push(part)
    else if (isObject(part) && typeof part.text === 'string') texts.push(part.text)
  }
  return texts.join('\n')
}

function lastUserText(api: StandInApi, body: Record<string, unknown>): string {
  if (api === 'openai.responses' && typeof body.input === 'string') return body.input
  const list = api === 'openai.responses' ? body.input : body.messages
  if (!Array.isArray(list)) return ''
  for (let i = list.length - 1; i >= 0; i--) {
    const item: unknown = list[i]
    if (isObject(item) && item.role === 'user') return contentText(item.content)
  }
  return ''
}

/** Every string under a `content`, `text`, `input`, `instructions` or `system` key (for token counts). */
function collectText(value: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 32) return out
  if (Array.isArray(value)) {
    for (const item of value) collectText(item, out, depth + 1)
  } else if (isObject(value)) {
    for (const key of ['messages', 'input', 'content', 'text', 'instructions', 'system']) {
      const v = value[key]
      if (typeof v === 'string') out.push(v)
      else if (v !== undefined) collectText(v, out, depth + 1)
    }
  }
  return out
}

/** A rough token count (one token per four code points), enough for plausible usage figures. */
function countTokens(text: string): number {
  let codePoints = 0
  for (const _ of text) codePoints++
  return Math.max(1, Math.ceil(codePoints / 4))
}

/** Splits text into pieces of `size` code points (never inside a surrogate pair). */
export function splitText(text: string, size: number): string[] {
  const step = Math.max(1, Math.floor(size))
  const points = Array.from(text)
  const pieces: string[] = []
  for (let i = 0; i < points.length; i += step) pieces.push(points.slice(i, i + step).join(''))
  return pieces
}

interface Turn {
  seq: number
  model: string
  text: string
  pieces: readonly string[]
  finish: 'stop' | 'length'
  inputTokens: number
  outputTokens: number
  created: number
  body: Record<string, unknown>
}

// ---- OpenAI chat completions ----

function chatUsage(turn: Turn): Record<string, unknown> {
  return {
    prompt_tokens: turn.inputTokens,
    completion_tokens: turn.outputTokens,
    total_tokens: turn.inputTokens + turn.outputTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  }
}

function chatCompletion(turn: Turn): Record<string, unknown> {
  return {
    id: `chatcmpl-standin${turn.seq}`,
    object: 'chat.completion',
    created: turn.created,
    model: turn.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: turn.text, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: turn.finish,
      },
    ],
    usage: chatUsage(turn),
    service_tier: 'default',
    system_fingerprint: 'fp_standin',
  }
}

/** One streamed event: its SSE text, and whether it carries a piece of the answer text. */
interface StreamEvent {
  sse: string
  textPiece: boolean
}

const dataEvent = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`
const namedEvent = (name: string, payload: unknown): string =>
  `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`

function chatCompletionEvents(turn: Turn): StreamEvent[] {
  const streamOptions = turn.body.stream_options
  const includeUsage = isObject(streamOptions) && streamOptions.include_usage === true
  const head = {
    id: `chatcmpl-standin${turn.seq}`,
    object: 'chat.completion.chunk',
    created: turn.created,
    model: turn.model,
    service_tier: 'default',
    system_fingerprint: 'fp_standin',
  }
  // With include_usage every chunk carries `usage: null` and one extra chunk carries the totals.
  const usageField = includeUsage ? { usage: null } : {}
  const chunk = (delta: Record<string, unknown>, finish: string | null): string =>
    dataEvent({
      ...head,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...usageField,
    })
  const events: StreamEvent[] = [
    { sse: chunk({ role: 'assistant', content: '', refusal: null }, null), textPiece: false },
  ]
  for (const piece of turn.pieces) events.push({ sse: chunk({ content: piece }, null), textPiece: true })
  events.push({ sse: chunk({}, turn.finish), textPiece: false })
  if (includeUsage)
    events.push({ sse: dataEvent({ ...head, choices: [], usage: chatUsage(turn) }), textPiece: false })
  events.push({ sse: 'data: [DONE]\n\n', textPiece: false })
  return events
}

// ---- OpenAI responses ----

function responseObject(turn: Turn, stage: 'start' | 'final'): Record<string, unknown> {
  const done = stage === 'final'
  const status = done ? (turn.finish === 'length' ? 'incomplete' : 'completed') : 'in_progress'
  const body = turn.body
  return {
    id: `resp_standin${turn.seq}`,
    object: 'response',
    created_at: turn.created,
    status,
    background: false,
    error: null,
    incomplete_details: done && turn.finish === 'length' ? { reason: 'max_output_tokens' } : null,
    instructions: typeof body.instructions === 'string' ? body.instructions : null,
    max_output_tokens: typeof body.max_output_tokens === 'number' ? body.max_output_tokens : null,
    model: turn.model,
    output: done ? [responseMessageItem(turn, 'completed')] : [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: body.store !== false,
    temperature: typeof body.temperature === 'number' ? body.temperature : 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: typeof body.top_p === 'number' ? body.top_p : 1,
    truncation: 'disabled',
    usage: done
      ? {
          input_tokens: turn.inputTokens,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: turn.outputTokens,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: turn.inputTokens + turn.outputTokens,
        }
      : null,
    user: null,
    metadata: isObject(body.metadata) ? body.metadata : {},
  }
}

const responseItemId = (turn: Turn): string => `msg_standin${turn.seq}`

function outputTextPart(text: string): Record<string, unknown> {
  return { type: 'output_text', text, annotations: [], logprobs: [] }
}

function responseMessageItem(turn: Turn, status: 'in_progress' | 'completed'): Record<string, unknown> {
  return {
    id: responseItemId(turn),
    type: 'message',
    status: status === 'completed' && turn.finish === 'length' ? 'incomplete' : status,
    role: 'assistant',
    content: status === 'completed' ? [outputTextPart(turn.text)] : [],
  }
}

function responseEvents(turn: Turn): StreamEvent[] {
  let sequence = 0
  const events: StreamEvent[] = []
  const push = (type: string, fields: Record<string, unknown>, textPiece = false): void => {
    events.push({ sse: namedEvent(type, { type, sequence_number: sequence++, ...fields }), textPiece })
  }
  const at = { item_id: responseItemId(turn), output_index: 0, content_index: 0 }
  push('response.created', { response: responseObject(turn, 'start') })
  push('response.in_progress', { response: responseObject(turn, 'start') })
  push('response.output_item.added', { output_index: 0, item: responseMessageItem(turn, 'in_progress') })
  push('response.content_part.added', { ...at, part: outputTextPart('') })
  for (const piece of turn.pieces)
    push('response.output_text.delta', { ...at, delta: piece, logprobs: [] }, true)
  push('response.output_text.done', { ...at, text: turn.text, logprobs: [] })
  push('response.content_part.done', { ...at, part: outputTextPart(turn.text) })
  push('response.output_item.done', { output_index: 0, item: responseMessageItem(turn, 'completed') })
  const final = responseObject(turn, 'final')
  push(final.status === 'incomplete' ? 'response.incomplete' : 'response.completed', { response: final })
  return events
}

// ---- Anthropic messages ----

const anthropicStop = (turn: Turn): string => (turn.finish === 'length' ? 'max_tokens' : 'end_turn')

function anthropicMessage(turn: Turn, stage: 'start' | 'final'): Record<string, unknown> {
  const done = stage === 'final'
  return {
    id: `msg_standin${turn.seq}`,
    type: 'message',
    role: 'assistant',
    model: turn.model,
    content: done ? [{ type: 'text', text: turn.text }] : [],
    stop_reason: done ? anthropicStop(turn) : null,
    stop_sequence: null,
    usage: {
      input_tokens: turn.inputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      // At message_start the output count is the provider's placeholder; message_delta gives the total.
      output_tokens: done ? turn.outputTokens : 1,
      service_tier: 'standard',
    },
  }
}

function anthropicEvents(turn: Turn): StreamEvent[] {
  const events: StreamEvent[] = []
  const push = (type: string, fields: Record<string, unknown>, textPiece = false): void => {
    events.push({ sse: namedEvent(type, { type, ...fields }), textPiece })
  }
  push('message_start', { message: anthropicMessage(turn, 'start') })
  push('content_block_start', { index: 0, content_block: { type: 'text', text: '' } })
  push('ping', {})
  for (const piece of turn.pieces) {
    push('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } }, true)
  }
  push('content_block_stop', { index: 0 })
  push('message_delta', {
    delta: { stop_reason: anthropicStop(turn), stop_sequence: null },
    usage: { output_tokens: turn.outputTokens },
  })
  push('message_stop', {})
  return events
}

// ---- models and embeddings ----

const openAiModel = (id: string) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'system' })

function openAiModelList(models: readonly string[]): Record<string, unknown> {
  return { object: 'list', data: models.map(openAiModel) }
}

const anthropicModel = (id: string) => ({
  type: 'model',
  id,
  display_name: id,
  created_at: '2025-01-01T00:00:00Z',
})

function anthropicModelList(models: readonly string[]): Record<string, unknown> {
  const data = models.map(anthropicModel)
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null }
}

/** A unit vector derived from the text's SHA-256, so equal inputs give equal vectors. */
export function standInEmbedding(text: string, dimensions: number): number[] {
  const values: number[] = []
  for (let block = 0; values.length < dimensions; block++) {
    const digest = createHash('sha256').update(`${block}:${text}`).digest()
    for (let i = 0; i + 1 < digest.length && values.length < dimensions; i += 2) {
      values.push(digest.readUInt16LE(i) / 32767.5 - 1)
    }
  }
  const norm = Math.hypot(...values) || 1
  // Float32 rounding here keeps the float and base64 encodings of one vector identical.
  return values.map((v) => Math.fround(v / norm))
}

function embeddingList(body: Record<string, unknown>, defaultDimensions: number): Record<string, unknown> {
  const requested = body.dimensions
  const dimensions =
    typeof requested === 'number' && Number.isInteger(requested) && requested > 0
      ? Math.min(requested, maxEmbeddingDimensions)
      : defaultDimensions
  const raw = body.input
  // One input, a list of strings, a list of token ids, or a list of token-id lists.
  const inputs: string[] =
    typeof raw === 'string'
      ? [raw]
      : Array.isArray(raw) && raw.every((x) => typeof x === 'number')
        ? [raw.join(',')]
        : (raw as unknown[]).map((x) => (typeof x === 'string' ? x : JSON.stringify(x)))
  const base64 = body.encoding_format === 'base64'
  const data = inputs.map((text, index) => {
    const vector = standInEmbedding(text, dimensions)
    return {
      object: 'embedding',
      index,
      embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector,
    }
  })
  const tokens = inputs.reduce((sum, text) => sum + countTokens(text), 0)
  return {
    object: 'list',
    data,
    model: body.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  }
}

// ---- errors and sending ----

const openAiErrorTypes: Record<number, { type: string; code: string | null }> = {
  400: { type: 'invalid_request_error', code: null },
  401: { type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory' },
  404: { type: 'invalid_request_error', code: null },
  429: { type: 'requests', code: 'rate_limit_exceeded' },
}

const anthropicErrorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
}

/** The provider's error body for a status (what its API returns, in shape). */
export function defaultErrorBody(family: Family, status: number, message: string): Record<string, unknown> {
  if (family === 'anthropic') {
    const type = anthropicErrorTypes[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error')
    return { type: 'error', error: { type, message }, request_id: 'req_standin' }
  }
  const known = openAiErrorTypes[status] ?? {
    type: status >= 500 ? 'server_error' : 'invalid_request_error',
    code: null,
  }
  return { error: { message, type: known.type, param: null, code: known.code } }
}

function sendError(res: ServerResponse, family: Family, status: number, message: string): void {
  sendJson(res, status, defaultErrorBody(family, status, message))
}

function sendJson(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  const text = JSON.stringify(payload)
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

/** Announces the whole body's length, sends half of it, then drops the connection. */
async function sendCutJson(
  res: ServerResponse,
  payload: unknown,
  headers: OutgoingHttpHeaders,
): Promise<void> {
  const bytes = Buffer.from(JSON.stringify(payload), 'utf8')
  res.writeHead(200, { ...headers, 'content-type': 'application/json', 'content-length': bytes.length })
  await write(res, bytes.subarray(0, Math.floor(bytes.length / 2)))
  res.socket?.destroy()
}

function inStreamError(family: Family, events: StreamEvent[]): string {
  if (family === 'anthropic') {
    return namedEvent('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })
  }
  // The Responses stream numbers its events; the chat stream sends a bare `error` object.
  const isResponses = events[0]?.sse.startsWith('event: response.') === true
  return isResponses
    ? namedEvent('error', {
        type: 'error',
        code: 'server_error',
        message: 'The server had an error while processing your request.',
        param: null,
        sequence_number: events.length,
      })
    : dataEvent({
        error: {
          message: 'The server had an error while processing your request.',
          type: 'server_error',
          param: null,
          code: null,
        },
      })
}

async function sendStream(
  res: ServerResponse,
  events: StreamEvent[],
  plan: StandInReply,
  family: Family,
  headers: OutgoingHttpHeaders,
): Promise<void> {
  res.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
  })
  let pieces = 0
  const stopAt = (limit: number | undefined): boolean => limit !== undefined && pieces >= limit
  // Faults are checked before each text piece and once more right after the last one, so a limit equal
  // to the number of pieces cuts after all the text but before the closing events.
  let lastText = -1
  for (let i = 0; i < events.length; i++) if (events[i]?.textPiece === true) lastText = i
  for (let i = 0; i < events.length; i++) {
    if (res.destroyed) return
    const event = events[i] as StreamEvent
    if (event.textPiece || i === lastText + 1) {
      if (stopAt(plan.cutAfterChunks)) {
        res.socket?.destroy()
        return
      }
      if (stopAt(plan.errorEventAfterChunks)) {
        await write(res, inStreamError(family, events))
        res.end()
        return
      }
    }
    if (event.textPiece) {
      if (plan.chunkDelayMs !== undefined && plan.chunkDelayMs > 0 && pieces > 0)
        await sleep(plan.chunkDelayMs)
      pieces++
    }
    await write(res, event.sse)
  }
  res.end()
}

function write(res: ServerResponse, chunk: string | Buffer): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) {
      resolve()
      return
    }
    // Resolve on close too: a write to a socket the client dropped may never report back.
    res.once('close', resolve)
    res.write(chunk, () => {
      res.off('close', resolve)
      resolve()
    })
  })
}

// Unref'd: a long configured delay must not keep a test process alive after the stand-in is closed
// (a client still waiting holds its own socket, which keeps the process up while it matters).
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref())
