// The page Sluice answers with when it cannot complete an intercepted request upstream. It names the
// problem in Korean and English and never shows internals beyond the host and the TLS error code.

/** Why the upstream request failed. */
export type UpstreamProblem = 'certificate' | 'timeout' | 'unreachable'

const wording: Record<UpstreamProblem, { title: string; ko: string; en: string; status: 502 | 504 }> = {
  certificate: {
    status: 502,
    title: 'Certificate not verified / 인증서 확인 실패',
    ko: '이 사이트의 인증서를 확인할 수 없어 연결을 중단했습니다.',
    en: "The site's certificate could not be verified, so Sluice did not connect to it.",
  },
  timeout: {
    status: 504,
    title: 'Site did not answer / 응답 시간 초과',
    ko: '사이트가 제한 시간 안에 응답하지 않았습니다.',
    en: 'The site did not answer in time.',
  },
  unreachable: {
    status: 502,
    title: 'Site unreachable / 연결할 수 없음',
    ko: '사이트에 연결할 수 없습니다.',
    en: 'The site could not be reached.',
  },
}

/** Status code and HTML of the error page for `problem` at `host` (`detail`: e.g. the TLS error code). */
export function upstreamErrorPage(
  problem: UpstreamProblem,
  host: string,
  detail: string,
): { status: 502 | 504; html: string } {
  const w = wording[problem]
  const html = `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>${w.title}</title></head>
<body>
<h1>${w.title}</h1>
<p lang="ko">${w.ko}</p>
<p lang="en">${w.en}</p>
<p>Host: <code>${escapeHtml(host)}</code>${detail === '' ? '' : ` — <code>${escapeHtml(detail)}</code>`}</p>
</body></html>
`
  return { status: w.status, html }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
