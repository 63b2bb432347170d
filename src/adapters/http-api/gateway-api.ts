// node:http face of the AI API gateway: OpenAI-compatible and Anthropic-compatible endpoints.
// Parses and limits the request, hands it to the use case, and writes JSON or server-sent events back,
// with every refusal in the error shape the caller's SDK understands.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isSluiceError, SluiceError } from '../../app/errors.ts'
import { type AiOutcome, type GatewayDeps, handleAiRequest } from '../../app/gateway/handle-ai-request.ts'
import { listAllowedModels } from '../../app/gateway/list-models.ts'
import type { AiApi } from '../../core/ai-protocol/index.ts'
import { statusByCode } from './error-status.ts'
import { gatewayErrorBody } from './gateway-error-body.ts'
import { parseJsonObject, readBody } from './read-body.ts'

/** Paths the gateway serves, and the API each speaks. */
export const gatewayPaths: Readonly<Record<string, AiApi | 'models'>> = {
  '/v1/chat/completions': 'chat',
  '/v1/responses': 'responses',
  '/v1/embeddings': 'embeddings',
  '/v1/messages': 'messages',
  '/v1/models': 'models',
}

const passHeaderNames = ['anthropic-version', 'anthropic-beta', 'openai-organization', 'openai-project']

/** What the gateway routes need beyond the use case's own dependencies. */
export interface GatewayApiOptions {
  readonly bodyLimitBytes: number
  readonly onError?: (error: unknown, requestId: string) => void
  /** Called once per request with the outcome, for request metrics. */
  readonly onDone?: (api: string, tenantHint: string, status: number, seconds: number) => void
}

/** Handles one gateway request; `requestId` is already set on the response. */
export async function serveGatewayRequest(
  deps: GatewayDeps,
  options: GatewayApiOptions,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const api = gatewayPaths[url.pathname] as AiApi | 'models'
  const style = api === 'messages' || req.headers['anthropic-version'] !== undefined ? 'anthropic' : 'openai'
  const started = process.hrtime.bigint()
  let status = 500
  let tenant = 'unidentified'
  const abort = new AbortController()
  res.once('close', () => {
    if (!res.writableFinished) abort.abort()
  })
  try {
    const keys = readKeys(req)
    if (api === 'models') {
      if (req.method !== 'GET') return sendError(res, 'openai', methodNotAllowed('GET'), requestId)
      const models = await listAllowedModels(deps, { remoteAddress: remoteOf(req), ...keys })
      status = 200
      return sendJson(res, 200, renderModels(models, style))
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST')
      status = 405
      return sendError(res, style, methodNotAllowed('POST'), requestId)
    }
    const raw = await readBody(req, options.bodyLimitBytes)
    const body = parseJsonObject(raw)
    const reason = header(req, 'x-sluice-reason')
    // Where the personal data comes from (EU, CN…): its regime's transfer rules apply on top of Korea's.
    const origin = header(req, 'x-sluice-data-origin')?.trim().toUpperCase()
    if (origin !== undefined && !/^[A-Z]{2}$/.test(origin)) {
      throw new SluiceError(
        'INVALID_INPUT',
        'x-sluice-data-origin must be a two-letter country code (e.g. EU, CN, KR)',
      )
    }
    const outcome = await handleAiRequest(deps, {
      api,
      body,
      rawBody: raw,
      requestId,
      remoteAddress: remoteOf(req),
      ...keys,
      ...(reason === undefined ? {} : { warnReason: decodeReason(reason) }),
      ...(origin === undefined ? {} : { dataOrigin: origin }),
      passHeaders: pickHeaders(req),
      signal: abort.signal,
      onSubject: (id) => {
        tenant = id
      },
    })
    status = outcome.status
    await writeOutcome(res, outcome, style, requestId)
  } catch (error) {
    status = isSluiceError(error) ? statusByCode[error.code] : 500
    // Unexpected errors, and inspection faults with an underlying cause, go to the operator's log.
    if (!isSluiceError(error)) options.onError?.(error, requestId)
    else if (error.code === 'INSPECTION_FAILED' && error.cause !== undefined)
      options.onError?.(error.cause, requestId)
    if (res.headersSent) {
      res.end()
      return
    }
    if (isSluiceError(error) && error.code === 'BODY_TOO_LARGE') res.setHeader('connection', 'close')
    sendError(res, style, error, requestId)
  } finally {
    options.onDone?.(`${style}.${api}`, tenant, status, Number(process.hrtime.bigint() - started) / 1e9)
  }
}

async function writeOutcome(
  res: ServerResponse,
  outcome: AiOutcome,
  style: 'openai' | 'anthropic',
  requestId: string,
): Promise<void> {
  if (outcome.kind === 'json') return sendJson(res, outcome.status, outcome.body)
  const iterator = outcome.chunks[Symbol.asyncIterator]()
  // Pull the first chunk before committing to a 200: a failure before any byte left can still be an error body.
  let first: IteratorResult<string>
  try {
    first = await iterator.next()
  } catch (error) {
    sendError(res, style, error, requestId)
    return
  }
  res.writeHead(outcome.status, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  })
  let step = first
  try {
    while (!step.done) {
      if (!res.write(step.value)) await new Promise((resolve) => res.once('drain', resolve))
      if (res.destroyed) return
      step = await iterator.next()
    }
  } catch (error) {
    // Headers are gone: the error travels as a last event in the caller's protocol.
    const { body } = gatewayErrorBody(style, error, requestId)
    res.write(
      style === 'anthropic'
        ? `event: error\ndata: ${JSON.stringify(body)}\n\n`
        : `data: ${JSON.stringify(body)}\n\n`,
    )
  }
  res.end()
}

function sendError(
  res: ServerResponse,
  style: 'openai' | 'anthropic',
  error: unknown,
  requestId: string,
): void {
  const { status, body } = gatewayErrorBody(style, error, requestId)
  sendJson(res, status, body)
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  })
  res.end(payload)
}

function renderModels(
  models: readonly { id: string; ownedBy: string; created: number }[],
  style: 'openai' | 'anthropic',
): unknown {
  if (style === 'anthropic') {
    const data = models.map((m) => ({
      type: 'model',
      id: m.id,
      display_name: m.id,
      created_at: new Date(m.created * 1000).toISOString(),
    }))
    return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null }
  }
  return {
    object: 'list',
    data: models.map((m) => ({ id: m.id, object: 'model', created: m.created, owned_by: m.ownedBy })),
  }
}

function readKeys(req: IncomingMessage): { sluiceKey?: string; presentedKey?: string } {
  const sluiceKey = header(req, 'x-sluice-key')
  const bearer = /^Bearer\s+(.+)$/i.exec(header(req, 'authorization') ?? '')?.[1]?.trim()
  const presentedKey = bearer ?? header(req, 'x-api-key')
  return {
    ...(sluiceKey === undefined ? {} : { sluiceKey }),
    ...(presentedKey === undefined || presentedKey === '' ? {} : { presentedKey }),
  }
}

function pickHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of passHeaderNames) {
    const value = header(req, name)
    if (value !== undefined) out[name] = value
  }
  return out
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

// HTTP headers are Latin-1; a Korean reason arrives percent-encoded (encodeURIComponent) and is decoded here.
function decodeReason(raw: string): string {
  try {
    return decodeURIComponent(raw).trim()
  } catch {
    return raw.trim()
  }
}

function remoteOf(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? ''
}

function methodNotAllowed(method: string): SluiceError {
  return new SluiceError('METHOD_NOT_ALLOWED', `this endpoint accepts ${method} only`)
}
