// The "access restricted" page a browser shows when Sluice stops a web request to an AI service. It says
// what was stopped, by which rule of which organisation, when, and whom to ask; every value is escaped,
// and the view carries nothing internal (no upstream URLs, file paths or stack traces) to leak.

/** What the notice page shows. Built by the proxy use case from the decision; all plain text. */
export interface NoticeView {
  /** Tenant id (shown only as a reference next to the name). */
  readonly tenant: string
  /** The organisation's display name. */
  readonly tenantName: string
  /** Whom to contact (tenants.X.contact), when configured. */
  readonly contact?: string
  /** Id of the policy rule that decided, or 'default'. */
  readonly rule: string
  /** The AI service's name from the catalog, when the host is a catalogued service. */
  readonly service?: string
  readonly host: string
  /** When the decision was taken, ISO 8601. */
  readonly time: string
  readonly requestId: string
  /** The rule's own wording. */
  readonly ko: string
  readonly en: string
  /** Extra explanation when the policy's action means something else on the web (warn, route). */
  readonly note?: { readonly ko: string; readonly en: string }
}

/** The page languages. */
export type NoticeLanguage = 'ko' | 'en'

const labels = {
  ko: {
    title: '접속 제한',
    heading: '이 AI 서비스 접속이 제한되었습니다',
    service: '서비스',
    host: '주소',
    rule: '적용 규칙',
    organisation: '기관',
    time: '시각',
    requestId: '요청 번호',
    contact: '문의처',
    noContact: '기관의 정보보안 담당자에게 문의하세요.',
    askWith: '문의할 때 요청 번호를 알려 주세요.',
    other: 'English',
  },
  en: {
    title: 'Access restricted',
    heading: 'Access to this AI service is restricted',
    service: 'Service',
    host: 'Address',
    rule: 'Rule',
    organisation: 'Organisation',
    time: 'Time',
    requestId: 'Request ID',
    contact: 'Contact',
    noContact: "Contact your organisation's information security officer.",
    askWith: 'Please quote the request ID when you ask.',
    other: '한국어',
  },
} as const

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  )
}

/**
 * The complete notice page (UTF-8 HTML, no external resources, no script) in `lang`, with the other
 * language's wording below it so a reader of either can follow.
 */
export function renderNoticePage(view: NoticeView, lang: NoticeLanguage): string {
  const t = labels[lang]
  const other: NoticeLanguage = lang === 'ko' ? 'en' : 'ko'
  const e = escapeHtml
  const rows: [string, string][] = [
    ...(view.service === undefined ? [] : [[t.service, view.service] as [string, string]]),
    [t.host, view.host],
    [t.organisation, view.tenantName],
    [t.rule, view.rule],
    [t.time, view.time],
    [t.requestId, view.requestId],
    [t.contact, view.contact ?? t.noContact],
  ]
  const note = view.note === undefined ? '' : `\n<p class="note">${e(view.note[lang])}</p>`
  const otherNote = view.note === undefined ? '' : ` ${e(view.note[other])}`
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${e(t.title)} — ${e(view.host)}</title>
<style>
body{font-family:system-ui,"Malgun Gothic","Apple SD Gothic Neo",sans-serif;margin:0;background:#f4f5f7;color:#1d1f23}
main{max-width:40rem;margin:3rem auto;background:#fff;border-radius:8px;padding:2rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin-top:0;color:#b3261e}
.reason{font-size:1.1rem}
.note{background:#fff4e5;padding:.6rem .8rem;border-radius:4px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}
dt{color:#5f6368}dd{margin:0;word-break:break-all}
.other{margin-top:1.5rem;border-top:1px solid #ddd;padding-top:1rem;color:#5f6368;font-size:.9rem}
</style>
</head>
<body>
<main>
<h1>${e(t.heading)}</h1>
<p class="reason">${e(view[lang])}</p>${note}
<dl>
${rows.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('\n')}
</dl>
<p>${e(t.askWith)}</p>
<section class="other" lang="${other}">
<p><strong>${e(labels[other].heading)}</strong></p>
<p>${e(view[other])}${otherNote}</p>
</section>
</main>
</body>
</html>
`
}
