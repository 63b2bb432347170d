// Answers the proxy writes itself: the notice page (or its JSON twin for scripts), failure pages, and
// raw responses on a CONNECT socket. Notices keep the connection open: every blocked navigation would
// otherwise pay a new TCP (and TLS) handshake.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { failureStatus, type ProxyFailure, renderProxyErrorPage } from '../../core/proxy/error-page.ts'
import { type NoticeView, renderNoticePage } from '../../core/proxy/notice-page.ts'
import { pickLanguage } from '../../core/proxy/pick-language.ts'

/**
 * True when the request comes from a script (fetch/XHR) rather than a navigation: it gets JSON it can
 * show, since a web app never renders an HTML page returned to a fetch.
 */
export function wantsJson(req: IncomingMessage): boolean {
  const h = req.headers
  if (h['x-requested-with']?.toString().toLowerCase() === 'xmlhttprequest') return true
  if (h['sec-fetch-mode'] === 'navigate') return false
  if (h['sec-fetch-dest'] === 'empty') return true
  const accept = (h.accept ?? '').toLowerCase()
  if (accept.includes('text/html')) return false
  if (accept.includes('application/json') || accept.includes('text/event-stream')) return true
  const type = (h['content-type'] ?? '').toLowerCase()
  return type.startsWith('application/json')
}

/** The JSON error a script receives for a block (the gateway's error shape, type sluice_policy_block). */
export function noticeJson(notice: NoticeView): string {
  return JSON.stringify({
    error: {
      type: 'sluice_policy_block',
      code: 'POLICY_BLOCK',
      message: `${notice.en} (rule ${notice.rule})`,
      rule: notice.rule,
      notice: { ko: notice.ko, en: notice.en },
      ...(notice.note === undefined ? {} : { note: notice.note }),
      host: notice.host,
      organisation: notice.tenantName,
      ...(notice.contact === undefined ? {} : { contact: notice.contact }),
      time: notice.time,
      requestId: notice.requestId,
    },
  })
}

/** Sends the notice: HTML in the browser's language, or JSON to a script. The connection stays open. */
export function sendNotice(
  req: IncomingMessage,
  res: ServerResponse,
  notice: NoticeView,
  status = 403,
): void {
  const json = wantsJson(req)
  const body = json
    ? noticeJson(notice)
    : renderNoticePage(notice, pickLanguage(req.headers['accept-language']))
  sendBody(req, res, status, json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8', body, {
    'x-request-id': notice.requestId,
  })
}

/** Sends a failure page (502, 504, 407…) with extra headers. */
export function sendFailure(
  req: IncomingMessage,
  res: ServerResponse,
  failure: ProxyFailure,
  host: string,
  requestId: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  const body = renderProxyErrorPage(failure, host, requestId, pickLanguage(req.headers['accept-language']))
  sendBody(req, res, failureStatus[failure], 'text/html; charset=utf-8', body, {
    ...headers,
    'x-request-id': requestId,
  })
}

function sendBody(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string>,
): void {
  const bytes = Buffer.from(body)
  res.writeHead(status, {
    ...headers,
    'content-type': type,
    'content-length': String(bytes.length),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  res.end(req.method === 'HEAD' ? undefined : bytes)
}

const reasons: Readonly<Record<number, string>> = {
  200: 'Connection Established',
  400: 'Bad Request',
  403: 'Forbidden',
  407: 'Proxy Authentication Required',
  502: 'Bad Gateway',
  504: 'Gateway Timeout',
}

/** Writes a complete HTTP/1.1 response on a raw (CONNECT or upgrade) socket and closes it. */
export function endRawResponse(
  socket: Socket,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
  reason?: string,
): void {
  if (socket.destroyed) return
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  const lines = [`HTTP/1.1 ${status} ${reason ?? reasons[status] ?? 'Error'}`]
  for (const [k, v] of Object.entries({
    ...headers,
    'content-length': String(bytes.length),
    connection: 'close',
  })) {
    lines.push(`${k}: ${v}`)
  }
  socket.end(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), bytes]))
}

/** The notice as a raw response body on a CONNECT socket (browsers never show it; curl and logs do). */
export function rawNotice(socket: Socket, notice: NoticeView, acceptLanguage: string | undefined): void {
  endRawResponse(
    socket,
    403,
    {
      'content-type': 'text/html; charset=utf-8',
      'x-request-id': notice.requestId,
      'cache-control': 'no-store',
    },
    renderNoticePage(notice, pickLanguage(acceptLanguage)),
  )
}

/** A failure page as a raw response on a CONNECT socket. */
export function rawFailure(
  socket: Socket,
  failure: ProxyFailure,
  host: string,
  requestId: string,
  acceptLanguage: string | undefined,
  headers: Record<string, string> = {},
): void {
  endRawResponse(
    socket,
    failureStatus[failure],
    { ...headers, 'content-type': 'text/html; charset=utf-8', 'x-request-id': requestId },
    renderProxyErrorPage(failure, host, requestId, pickLanguage(acceptLanguage)),
  )
}
