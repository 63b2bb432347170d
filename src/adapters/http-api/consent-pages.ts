// HTTP face of consent: the consent page (GET/POST /consent/<token>) and the consent API
// (/v1/consents: POST imports a JSON array, GET lists a subject's consents, DELETE /v1/consents/<id>
// withdraws, GET /v1/consents/notice shows the current notice and its hash).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { answerConsent, showConsentPage } from '../../app/consent/consent-flow.ts'
import {
  currentNotice,
  importConsents,
  listConsents,
  withdrawConsent,
} from '../../app/consent/manage-consents.ts'
import type { TransferDeps } from '../../app/consent/transfer-deps.ts'
import { isSluiceError, SluiceError } from '../../app/errors.ts'
import { statusByCode } from './error-status.ts'
import { readBody } from './read-body.ts'

/** What the consent handler needs from the composition root. */
export interface ConsentPagesDeps {
  readonly transfer: TransferDeps
  /**
   * The tenant calling the consent API (e.g. from its Sluice key), or undefined to refuse with 401.
   * The consent page itself needs no key: its signed link is the authority.
   */
  authorize(req: IncomingMessage): { readonly tenant: string } | undefined
  /** Largest import body (default 8 MiB). */
  readonly maxBodyBytes?: number
  readonly onError?: (error: unknown) => void
}

// The page holds a bearer link in its URL: no referrer may carry it away, nothing may frame or cache it.
const htmlHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
}

/** True when `path` belongs to the consent handler (the lead mounts it for these prefixes). */
export function isConsentPath(path: string): boolean {
  return path.startsWith('/consent/') || path === '/v1/consents' || path.startsWith('/v1/consents/')
}

/** Builds the handler for /consent/… and /v1/consents…; other paths answer 404. */
export function createConsentPages(
  deps: ConsentPagesDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  const limit = deps.maxBodyBytes ?? 8 * 1024 * 1024
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const path = url.pathname
    if (path.startsWith('/consent/')) {
      void servePage(deps, req, res, path).catch((error: unknown) => {
        deps.onError?.(error)
        if (!res.headersSent) res.writeHead(500, htmlHeaders)
        res.end()
      })
      return
    }
    void serveApi(deps, req, url, limit).then(
      ({ status, body }) => sendJson(res, status, body),
      (error: unknown) => {
        if (!isSluiceError(error)) deps.onError?.(error)
        const code = isSluiceError(error) ? error.code : 'INTERNAL'
        const message = isSluiceError(error) ? error.message : 'internal error'
        if (code === 'METHOD_NOT_ALLOWED') res.setHeader('allow', allowedFor(path))
        sendJson(res, statusByCode[code], { error: { type: `sluice_${code.toLowerCase()}`, code, message } })
      },
    )
  }
}

async function servePage(deps: ConsentPagesDeps, req: IncomingMessage, res: ServerResponse, path: string) {
  const token = path.slice('/consent/'.length)
  if (req.method === 'GET' || req.method === 'HEAD') {
    const outcome = showConsentPage(deps.transfer, token, path)
    res.writeHead(outcome.status, htmlHeaders)
    res.end(req.method === 'HEAD' ? undefined : outcome.html)
    return
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { ...htmlHeaders, allow: 'GET, POST' })
    res.end()
    return
  }
  const form = new URLSearchParams((await readBody(req, 16 * 1024)).toString('utf8'))
  const outcome = await answerConsent(deps.transfer, token, {
    decision: form.get('decision') ?? undefined,
    shownNotice: form.get('notice') ?? undefined,
  })
  res.writeHead(outcome.status, htmlHeaders)
  res.end(outcome.html)
}

function allowedFor(path: string): string {
  if (path === '/v1/consents') return 'GET, POST'
  if (path === '/v1/consents/notice') return 'GET'
  return 'DELETE'
}

async function serveApi(
  deps: ConsentPagesDeps,
  req: IncomingMessage,
  url: URL,
  limit: number,
): Promise<{ status: number; body: unknown }> {
  const path = url.pathname
  if (!path.startsWith('/v1/consents')) throw new SluiceError('NOT_FOUND', `no such endpoint: ${path}`)
  const caller = deps.authorize(req)
  if (caller === undefined) throw new SluiceError('UNAUTHENTICATED', 'the consent API needs your Sluice key')
  const method = req.method ?? 'GET'
  if (path === '/v1/consents/notice') {
    if (method !== 'GET') throw new SluiceError('METHOD_NOT_ALLOWED', `${path} accepts GET only`)
    const service = url.searchParams.get('service') ?? ''
    const items = (url.searchParams.get('items') ?? '').split(',').filter((s) => s !== '')
    const { notice, noticeHash } = currentNotice(deps.transfer, service, items)
    return { status: 200, body: { notice, noticeHash } }
  }
  if (path === '/v1/consents') {
    if (method === 'POST') {
      const body = parseJson(await readBody(req, limit))
      const records = await importConsents(deps.transfer, caller.tenant, body)
      return { status: 201, body: { imported: records.length, consents: records } }
    }
    if (method === 'GET') {
      const subject = url.searchParams.get('subject')
      if (subject === null || subject === '')
        throw new SluiceError('INVALID_INPUT', 'give ?subject=<subject>')
      const list = await listConsents(deps.transfer, caller.tenant, subject)
      return {
        status: 200,
        body: { consents: list.map((s) => ({ ...s.consent, valid: s.valid, problem: s.problem ?? null })) },
      }
    }
    throw new SluiceError('METHOD_NOT_ALLOWED', `${path} accepts GET and POST`)
  }
  const id = decodeURIComponent(path.slice('/v1/consents/'.length))
  if (id === '' || id.includes('/')) throw new SluiceError('NOT_FOUND', `no such endpoint: ${path}`)
  if (method !== 'DELETE') throw new SluiceError('METHOD_NOT_ALLOWED', `${path} accepts DELETE only`)
  return { status: 200, body: { consent: await withdrawConsent(deps.transfer, caller.tenant, id) } }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body))
  } catch (error) {
    throw new SluiceError('INVALID_JSON', `body is not valid JSON: ${(error as Error).message}`)
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(text)
}
