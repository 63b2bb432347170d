// The page the proxy answers with when it cannot deliver a request (the web server is unreachable,
// too slow, the request cannot be read). Says what happened in Korean and English, with the request id;
// never the upstream address, resolver messages, file paths or stack traces.
import { escapeHtml, type NoticeLanguage } from './notice-page.ts'

/** Why the proxy could not deliver. */
export type ProxyFailure =
  | 'unreachable'
  | 'timeout'
  | 'bad-request'
  | 'too-large'
  | 'loop'
  | 'refused'
  | 'sign-in'

const texts: Readonly<Record<ProxyFailure, { readonly ko: string; readonly en: string }>> = {
  unreachable: { ko: '웹 서버에 연결할 수 없습니다.', en: 'The web server could not be reached.' },
  timeout: {
    ko: '웹 서버가 제한 시간 안에 응답하지 않았습니다.',
    en: 'The web server did not answer in time.',
  },
  'bad-request': {
    ko: '프록시가 이 요청을 처리할 수 없습니다.',
    en: 'The proxy cannot handle this request.',
  },
  'too-large': {
    ko: '요청 본문이 검사할 수 있는 크기를 넘어 전송하지 않았습니다.',
    en: 'The request body is larger than can be inspected, so it was not sent.',
  },
  loop: { ko: '요청이 프록시로 되돌아왔습니다.', en: 'The request looped back to the proxy.' },
  refused: {
    ko: '이 주소에서는 프록시를 사용할 수 없습니다.',
    en: 'This proxy cannot be used from your network address.',
  },
  'sign-in': { ko: '프록시 인증이 필요합니다.', en: 'Proxy authentication is required.' },
}

/** The HTTP status that goes with each failure. */
export const failureStatus: Readonly<Record<ProxyFailure, number>> = {
  unreachable: 502,
  timeout: 504,
  'bad-request': 400,
  'too-large': 413,
  loop: 508,
  refused: 403,
  'sign-in': 407,
}

/** A short complete HTML page for a proxy failure. */
export function renderProxyErrorPage(
  failure: ProxyFailure,
  host: string,
  requestId: string,
  lang: NoticeLanguage,
): string {
  const t = texts[failure]
  const other: NoticeLanguage = lang === 'ko' ? 'en' : 'ko'
  const label = lang === 'ko' ? '요청 번호' : 'Request ID'
  return `<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${failureStatus[failure]} — ${escapeHtml(host)}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto">
<h1 style="font-size:1.3rem">${escapeHtml(t[lang])}</h1>
<p lang="${other}">${escapeHtml(t[other])}</p>
<p>${escapeHtml(host)} · ${label}: ${escapeHtml(requestId)}</p>
</body>
</html>
`
}
