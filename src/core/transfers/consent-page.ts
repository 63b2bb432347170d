// The consent page Sluice serves: the five PIPA 28-8(2) items in Korean and English, and a form to
// accept or refuse. Pure HTML generation; every value is escaped.
import { type ConsentNotice, categoryName } from './consent.ts'
import { legalBasis } from './legal-bases.ts'

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** What the page shows besides the notice. */
export interface ConsentPageInput {
  readonly notice: ConsentNotice
  readonly noticeHash: string
  /** Consent bases obtained (shown with their articles). */
  readonly bases: readonly string[]
  /** Where the form posts (the same /consent/<token> URL). */
  readonly action: string
}

const page = (title: string, body: string): string => `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.4rem;vertical-align:top;text-align:left}
.en{color:#444}button{font-size:1rem;padding:.5rem 1.2rem;margin-right:1rem}</style></head>
<body>${body}</body></html>
`

const both = (ko: string, en: string): string =>
  `<div lang="ko">${escapeHtml(ko)}</div><div lang="en" class="en">${escapeHtml(en)}</div>`

/** The consent page for a notice. */
export function renderConsentPage(input: ConsentPageInput): string {
  const n = input.notice
  const items = n.items.map(categoryName)
  const recipients = n.recipients
    .map(
      (r) =>
        `<li>${escapeHtml(r.legalName)} (${escapeHtml(r.country)}, ${escapeHtml(r.role)}) — ${escapeHtml(r.contact)}</li>`,
    )
    .join('')
  const purposes = n.recipients
    .map(
      (r) =>
        `<li><strong>${escapeHtml(r.legalName)}</strong>${both(`이용 목적: ${r.purpose.ko} / 보유·이용 기간: ${r.retention.ko}`, `Purpose: ${r.purpose.en} / Retention: ${r.retention.en}`)}</li>`,
    )
    .join('')
  const bases = input.bases
    .map((code) => `${escapeHtml(code)} (${escapeHtml(legalBasis(code)?.article ?? code)})`)
    .join(', ')
  const row = (ko: string, en: string, cell: string): string =>
    `<tr><th>${both(ko, en)}</th><td>${cell}</td></tr>`
  const body = `<h1>${both('개인정보 국외 이전 동의', 'Consent to an overseas transfer of personal information')}</h1>
<p>${both(
    `${n.serviceName}에 보내는 요청에 개인정보가 포함되어 있습니다. 이 요청은 아래 수령자에게 국외 이전됩니다. 이 동의는 다른 동의와 별도로 받는 것입니다.`,
    `Your request to ${n.serviceName} contains personal information and would be transferred abroad to the recipients below. This consent is asked separately from any other consent.`,
  )}</p>
<table>
${row('1. 이전되는 개인정보 항목', '1. Personal information transferred', `<ul>${items.map((i) => `<li>${both(i.ko, i.en)}</li>`).join('')}</ul>`)}
${row('2. 이전되는 국가, 시기 및 방법', '2. Country, timing and method', `${escapeHtml(n.countries.join(', '))}${both(n.timingAndMethod.ko, n.timingAndMethod.en)}`)}
${row('3. 받는 자의 성명(명칭)과 연락처', '3. Recipient name and contact', `<ul>${recipients}</ul>`)}
${row('4. 받는 자의 이용 목적 및 보유·이용 기간', '4. Purpose, retention and use period', `<ul>${purposes}</ul>`)}
${row('5. 거부 방법·절차 및 거부의 효과', '5. How to refuse, and its effect', both(n.refusal.ko, n.refusal.en))}
</table>
<p class="en">Legal basis obtained: ${bases}</p>
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="notice" value="${escapeHtml(input.noticeHash)}">
<button type="submit" name="decision" value="accept">동의합니다 / I consent</button>
<button type="submit" name="decision" value="refuse">거부합니다 / Refuse</button>
</form>`
  return page('개인정보 국외 이전 동의 / Consent to overseas transfer', body)
}

/** The page shown after the form was answered (or for a link that no longer works). */
export function renderConsentResult(
  kind: 'accepted' | 'refused' | 'invalid' | 'changed',
  detail = '',
): string {
  const text: Record<typeof kind, [string, string]> = {
    accepted: [
      '동의가 기록되었습니다. 요청을 다시 보내면 전송됩니다. 동의는 언제든 철회할 수 있습니다.',
      'Your consent was recorded. Send the request again and it will go through. You can withdraw it at any time.',
    ],
    refused: [
      '거부하셨습니다. 동의는 기록되지 않았으며, 개인정보가 포함된 요청은 이 서비스로 전송되지 않습니다.',
      'Nothing was recorded. Requests containing personal information will not be sent to this service.',
    ],
    invalid: [
      '이 동의 링크는 유효하지 않거나 만료되었습니다. 요청을 다시 보내 새 링크를 받으세요.',
      'This consent link is invalid or has expired. Send the request again to get a new link.',
    ],
    changed: [
      '고지 내용이 바뀌었습니다. 페이지를 새로 고쳐 바뀐 내용을 확인한 뒤 다시 동의하세요.',
      'The notice has changed since this page was shown. Reload it, read the new notice and answer again.',
    ],
  }
  const [ko, en] = text[kind]
  return page(
    'Sluice',
    `<h1>Sluice</h1><p>${both(ko, en)}</p>${detail === '' ? '' : `<p class="en">${escapeHtml(detail)}</p>`}`,
  )
}
