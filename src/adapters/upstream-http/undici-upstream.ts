// Calls AI providers over HTTP with undici: one keep-alive agent, timeouts on headers and body,
// streams handed on as decoded text so a multi-byte character split across packets stays whole.
import { Agent, errors, request } from 'undici'
import {
  type UpstreamCall,
  UpstreamError,
  type UpstreamPort,
  type UpstreamReply,
} from '../../app/gateway/gateway-ports.ts'

/** Builds the upstream port; `close()` drops pooled connections. */
export function createUndiciUpstream(): UpstreamPort & { close(): Promise<void> } {
  const agent = new Agent({ connections: 256, keepAliveTimeout: 30_000, pipelining: 1 })
  return {
    call: (call) => callUpstream(agent, call),
    close: () => agent.close(),
  }
}

async function callUpstream(agent: Agent, call: UpstreamCall): Promise<UpstreamReply> {
  const { target } = call
  const headers: Record<string, string> = { ...call.headers, accept: 'application/json, text/event-stream' }
  const key = target.keyMode === 'passthrough' ? call.clientKey : target.apiKey
  if (key !== undefined) {
    if (target.kind === 'anthropic') headers['x-api-key'] = key
    else headers.authorization = `Bearer ${key}`
  }
  if (target.kind === 'anthropic' && headers['anthropic-version'] === undefined) {
    headers['anthropic-version'] = '2023-06-01'
  }
  let payload: string | undefined
  if (call.body !== undefined) {
    payload = JSON.stringify(call.body)
    headers['content-type'] = 'application/json'
  }
  let response: Awaited<ReturnType<typeof request>>
  try {
    response = await request(`${target.baseUrl.replace(/\/+$/, '')}${call.path}`, {
      dispatcher: agent,
      method: call.method,
      headers,
      body: payload ?? null,
      headersTimeout: target.timeoutMs,
      bodyTimeout: target.timeoutMs,
      ...(call.signal ? { signal: call.signal } : {}),
    })
  } catch (error) {
    throw toUpstreamError(error, target.id)
  }
  const contentType = String(response.headers['content-type'] ?? '')
  if (contentType.startsWith('text/event-stream') && response.statusCode < 300) {
    response.body.setEncoding('utf8')
    return { kind: 'stream', status: response.statusCode, chunks: textChunks(response.body, target.id) }
  }
  let text: string
  try {
    text = await response.body.text()
  } catch (error) {
    throw toUpstreamError(error, target.id)
  }
  try {
    return { kind: 'json', status: response.statusCode, body: text === '' ? {} : JSON.parse(text) }
  } catch {
    throw new UpstreamError(
      'protocol',
      target.id,
      `upstream ${target.id} answered ${response.statusCode} with a body that is not JSON`,
    )
  }
}

async function* textChunks(body: AsyncIterable<string>, upstream: string): AsyncIterable<string> {
  try {
    for await (const chunk of body) yield chunk
  } catch (error) {
    throw toUpstreamError(error, upstream)
  }
}

function toUpstreamError(error: unknown, upstream: string): UpstreamError {
  if (
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError ||
    error instanceof errors.ConnectTimeoutError
  ) {
    return new UpstreamError('timeout', upstream, `upstream ${upstream} did not answer in time`)
  }
  const message = error instanceof Error ? error.message : String(error)
  return new UpstreamError('connect', upstream, `upstream ${upstream} could not be reached: ${message}`)
}
