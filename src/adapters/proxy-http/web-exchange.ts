// One HTTP request through the proxy, plain or decrypted: decide (reading and inspecting the body when
// the host is decided by policy), then answer — the notice, a refusal, or the request forwarded as is
// or with redacted texts.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import {
  decideWebRequest,
  isPolicyHost,
  type WebDecision,
  type WebRequestFacts,
} from '../../app/proxy/decide-web-request.ts'
import { BodyDecodeError, type BodyTexts, decodeBody, extractBodyTexts } from './body-texts.ts'
import type { ProxyHandlerDeps } from './proxy-ports.ts'
import { BodyTooLargeError, readLimited } from './read-limited.ts'
import { sendFailure, sendNotice } from './send-pages.ts'

/** Where the request goes and who sent it. */
export interface Exchange {
  readonly scheme: 'http' | 'https'
  readonly host: string
  readonly port: number
  readonly path: string
  readonly remoteAddress: string
  readonly proxyUser?: string
  readonly proxyKey?: string
  readonly requestId: string
  /** The CONNECT decision of the tunnel this request came through (reused for bodiless requests). */
  readonly prior?: WebDecision
}

/** Sends the request on; `body` undefined = stream the original body. */
export type Forward = (body: Buffer | undefined, headers: Record<string, string>) => Promise<void>

/** Decides one request and answers it. Never throws: failures become pages. */
export async function serveWebExchange(
  deps: ProxyHandlerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  exchange: Exchange,
  forward: Forward,
): Promise<void> {
  try {
    await serve(deps, req, res, exchange, forward)
  } catch (error) {
    deps.log?.(`proxy ${exchange.requestId}: ${exchange.host} failed: ${(error as Error).message}`)
    if (!res.headersSent) sendFailure(req, res, 'bad-request', exchange.host, exchange.requestId)
    else res.destroy()
  }
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length']
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined
}

async function serve(
  deps: ProxyHandlerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  ex: Exchange,
  forward: Forward,
): Promise<void> {
  const base: WebRequestFacts = {
    host: ex.host,
    port: ex.port,
    method: req.method ?? 'GET',
    path: ex.path,
    scheme: ex.scheme,
    remoteAddress: ex.remoteAddress,
    ...(ex.proxyUser === undefined ? {} : { proxyUser: ex.proxyUser }),
    ...(ex.proxyKey === undefined ? {} : { proxyKey: ex.proxyKey }),
    requestId: ex.requestId,
  }
  if (!hasBody(req) || !isPolicyHost(deps.web, ex.host)) {
    // A bodiless request in a tunnel already decided adds no new facts: the CONNECT's decision holds.
    const reuse = !hasBody(req) && (ex.prior?.kind === 'allow' || ex.prior?.kind === 'block')
    const decision = reuse && ex.prior !== undefined ? ex.prior : await decideWebRequest(deps.web, base)
    await answer(deps, req, res, ex, decision, undefined, undefined, forward)
    return
  }
  let raw: Buffer
  try {
    raw = await readLimited(req, deps.web.proxy().maxBodyBytes)
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      // The rest of the body is never read; the connection cannot be reused after this answer.
      res.shouldKeepAlive = false
      sendFailure(req, res, 'too-large', ex.host, ex.requestId, { connection: 'close' })
      return
    }
    throw error
  }
  const encoding = req.headers['content-encoding']
  let texts: BodyTexts
  try {
    texts = extractBodyTexts(req.headers['content-type'], decodeBody(encoding, raw))
  } catch (error) {
    if (!(error instanceof BodyDecodeError)) throw error
    deps.log?.(`proxy ${ex.requestId}: ${ex.host}: ${error.message}; not sent`)
    sendFailure(req, res, 'bad-request', ex.host, ex.requestId)
    return
  }
  const decision = await decideWebRequest(deps.web, {
    ...base,
    bodyTexts: texts.texts,
    content: texts.content,
  })
  await answer(deps, req, res, ex, decision, raw, { texts, encoding }, forward)
}

async function answer(
  deps: ProxyHandlerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  ex: Exchange,
  decision: WebDecision,
  raw: Buffer | undefined,
  read: { readonly texts: BodyTexts; readonly encoding: string | undefined } | undefined,
  forward: Forward,
): Promise<void> {
  const lengthOf = (body: Buffer | undefined): Record<string, string> =>
    body === undefined ? {} : { 'content-length': String(body.length) }
  switch (decision.kind) {
    case 'pass':
    case 'allow':
      await forward(raw, lengthOf(raw))
      return
    case 'block':
      sendNotice(req, res, decision.notice, decision.status)
      return
    case 'refuse':
      deps.log?.(`proxy ${ex.requestId}: refused ${ex.remoteAddress}: ${decision.reason}`)
      sendFailure(
        req,
        res,
        decision.status === 407 ? 'sign-in' : 'refused',
        ex.host,
        ex.requestId,
        decision.status === 407 ? { 'proxy-authenticate': 'Basic realm="Sluice", charset="UTF-8"' } : {},
      )
      return
    case 'redact': {
      if (read === undefined || decision.replacements.length === 0) {
        await forward(raw, lengthOf(raw))
        return
      }
      const body = encodeLike(read.encoding, read.texts.rebuild(decision.replacements))
      await forward(body, lengthOf(body))
      return
    }
  }
}

// The rewritten body goes out in the encoding it came in, so the Content-Encoding header stays true.
function encodeLike(encoding: string | undefined, body: Buffer): Buffer {
  const e = (encoding ?? 'identity').trim().toLowerCase()
  if (e === 'gzip' || e === 'x-gzip') return gzipSync(body)
  if (e === 'deflate') return deflateSync(body)
  if (e === 'br') return brotliCompressSync(body)
  return body
}
