// The overseas-transfer disclosure a privacy policy needs (PIPA Decree Art. 31(1)2: the ground and the
// five Art. 28-8(2) items for each transfer), built from the register and the flows the ledger saw.

import { buildConsentNotice, categoryName, personalCategories } from './consent.ts'
import { escapeHtml } from './consent-page.ts'
import { legalBasis } from './legal-bases.ts'
import { namesRecipient, type RecipientRegister, type RegisterRecipient } from './recipient-register.ts'
import type { BasisOnFile, Localized } from './transfers-config.ts'

/** What the ledger shows for one recipient (in one service's chain). */
export interface ObservedFlow {
  readonly service: string
  /** Recipient name as recorded. */
  readonly recipient: string
  readonly country: string
  /** Records whose content left for this recipient. */
  records: number
  /** Records per personal-information category. */
  readonly categories: Map<string, number>
  /** Legal bases recorded with those flows (decision `transfer` grounds), with counts. */
  readonly bases: Map<string, number>
  first: string
  last: string
}

/** One row of the disclosure table. */
export interface DisclosureRow {
  readonly recipient: string
  readonly country: string
  readonly role: string
  readonly services: readonly string[]
  readonly contact: string
  readonly domesticRepresentative: string | null
  /** Item 1: categories observed, with record counts. */
  readonly items: readonly { readonly category: string; readonly name: Localized; readonly records: number }[]
  /** Item 2: timing and method. */
  readonly timingAndMethod: Localized
  readonly purpose: Localized
  readonly retention: Localized
  /** Item 5. */
  readonly refusal: Localized
  /** Bases on file (config) and bases recorded with flows. */
  readonly bases: readonly {
    readonly code: string
    readonly article: string
    readonly reference: string | null
    readonly records: number
  }[]
  readonly records: number
  readonly first: string | null
  readonly last: string | null
  readonly suspended: string | null
}

/**
 * Builds the rows: one per foreign recipient that either received flows (per the ledger) or has a basis
 * on file for `tenant`. Recipients inside `homeCountry` are not overseas transfers and are left out.
 */
export function buildDisclosureTable(input: {
  readonly register: RecipientRegister
  readonly flows: readonly ObservedFlow[]
  readonly bases: readonly BasisOnFile[]
  readonly tenant?: string
  readonly homeCountry?: string
}): DisclosureRow[] {
  const home = input.homeCountry ?? 'KR'
  const rows = new Map<
    string,
    { recipient: RegisterRecipient; flows: ObservedFlow[]; services: Set<string> }
  >()
  const add = (recipient: RegisterRecipient, flow: ObservedFlow | undefined, service: string) => {
    if (recipient.country === home) return
    const key = `${recipient.legalName.toLowerCase()}\u0000${recipient.country}`
    const row = rows.get(key) ?? { recipient, flows: [], services: new Set<string>() }
    if (flow !== undefined) row.flows.push(flow)
    row.services.add(service)
    rows.set(key, row)
  }
  for (const flow of input.flows) {
    const known = input.register.find(flow.recipient, flow.service) ?? input.register.find(flow.recipient)
    add(known ?? unknownRecipient(flow), flow, flow.service)
  }
  const forTenant = input.bases.filter(
    (b) => b.tenant === undefined || input.tenant === undefined || b.tenant === input.tenant,
  )
  for (const b of forTenant) {
    for (const r of input.register.recipients.filter((x) => namesRecipient(x, b.recipient)))
      add(r, undefined, r.service)
  }
  return [...rows.values()]
    .map(({ recipient, flows, services }) =>
      toRow(input.register, recipient, flows, [...services].sort(), forTenant),
    )
    .sort((a, b) => b.records - a.records || a.recipient.localeCompare(b.recipient))
}

function unknownRecipient(flow: ObservedFlow): RegisterRecipient {
  return {
    name: flow.recipient,
    legalName: flow.recipient,
    country: flow.country,
    role: 'controller',
    service: flow.service,
    link: 'recipient',
    usesDataForOwnPurposes: 'unknown',
    certification: null,
    domesticRepresentative: null,
    contact: null,
    purpose: null,
    retention: null,
    suspended: null,
    reciprocityRestricted: false,
  }
}

function toRow(
  register: RecipientRegister,
  recipient: RegisterRecipient,
  flows: readonly ObservedFlow[],
  services: readonly string[],
  bases: readonly BasisOnFile[],
): DisclosureRow {
  const names = services.map((s) => register.serviceName(s))
  // The notice builder holds the one wording of items 2, 4 and 5; the table reuses it.
  const notice = buildConsentNotice({
    service: services[0] ?? recipient.service,
    serviceName: names.join(', '),
    chain: [recipient],
    categories: [],
  })
  const nr = notice.recipients[0]
  const categories = new Map<string, number>()
  const recorded = new Map<string, number>()
  let first: string | null = null
  let last: string | null = null
  for (const f of flows) {
    for (const [c, n] of f.categories) categories.set(c, (categories.get(c) ?? 0) + n)
    for (const [b, n] of f.bases) recorded.set(b, (recorded.get(b) ?? 0) + n)
    if (first === null || f.first < first) first = f.first
    if (last === null || f.last > last) last = f.last
  }
  const onFile = bases.filter((b) => namesRecipient(recipient, b.recipient))
  const codes = [...new Set([...onFile.map((b) => b.basis), ...recorded.keys()])].sort()
  return {
    recipient: recipient.legalName,
    country: recipient.country,
    role: recipient.role,
    services,
    contact: nr?.contact ?? '',
    domesticRepresentative:
      recipient.domesticRepresentative === null
        ? null
        : `${recipient.domesticRepresentative.name} (${recipient.domesticRepresentative.contact})`,
    items: personalCategories
      .filter((c) => categories.has(c))
      .map((c) => ({ category: c, name: categoryName(c), records: categories.get(c) ?? 0 })),
    timingAndMethod: notice.timingAndMethod,
    purpose: nr?.purpose ?? { ko: '-', en: '-' },
    retention: nr?.retention ?? { ko: '-', en: '-' },
    refusal: notice.refusal,
    bases: codes.map((code) => ({
      code,
      article: legalBasis(code)?.article ?? code,
      reference: onFile.find((b) => b.basis === code)?.reference ?? null,
      records: recorded.get(code) ?? 0,
    })),
    records: flows.reduce((n, f) => n + f.records, 0),
    first,
    last,
    suspended:
      recipient.suspended === null
        ? null
        : `${recipient.suspended.orderRef} from ${recipient.suspended.from}`,
  }
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')

function itemsText(row: DisclosureRow, lang: 'ko' | 'en'): string {
  if (row.items.length === 0)
    return lang === 'ko' ? '관측된 개인정보 없음' : 'no personal information observed'
  return row.items.map((i) => `${i.name[lang]} (${i.records})`).join('; ')
}

function basesText(row: DisclosureRow): string {
  if (row.bases.length === 0) return 'none on file / 근거 없음'
  return row.bases
    .map(
      (b) =>
        `${b.code} (${b.article})${b.reference === null ? '' : ` ref ${b.reference}`}${b.records > 0 ? `, ${b.records} flows` : ''}`,
    )
    .join('; ')
}

/** The table as Markdown (Korean first, English below, per cell). */
export function renderDisclosureMarkdown(rows: readonly DisclosureRow[], title: string): string {
  const head = [
    '받는 자 / Recipient (contact)',
    '국가 / Country',
    '이전 항목 / Items transferred',
    '이전 시기·방법 / Timing and method',
    '이용 목적·보유 기간 / Purpose and retention',
    '이전 근거 / Legal basis',
    '거부 방법 / How to refuse',
    '기록 / Flows',
  ]
  const lines = [`# ${title}`, '', `| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`]
  for (const r of rows) {
    const who = `${r.recipient} (${r.role}; ${r.contact})${r.domesticRepresentative === null ? '' : `; 국내대리인 / domestic representative: ${r.domesticRepresentative}`}${r.suspended === null ? '' : `; SUSPENDED ${r.suspended}`}`
    lines.push(
      `| ${[
        who,
        r.country,
        `${itemsText(r, 'ko')}<br>${itemsText(r, 'en')}`,
        `${r.timingAndMethod.ko}<br>${r.timingAndMethod.en}`,
        `${r.purpose.ko} / ${r.retention.ko}<br>${r.purpose.en} / ${r.retention.en}`,
        basesText(r),
        `${r.refusal.ko}<br>${r.refusal.en}`,
        r.records === 0 ? '0' : `${r.records} (${r.first} – ${r.last})`,
      ]
        .map(cell)
        .join(' | ')} |`,
    )
  }
  if (rows.length === 0)
    lines.push('', 'No overseas transfer observed or on file. / 관측되거나 등록된 국외 이전이 없습니다.')
  return `${lines.join('\n')}\n`
}

/** The table as a standalone HTML page (every value escaped). */
export function renderDisclosureHtml(rows: readonly DisclosureRow[], title: string): string {
  const e = escapeHtml
  const both = (l: Localized) => `<div lang="ko">${e(l.ko)}</div><div lang="en">${e(l.en)}</div>`
  const body = rows
    .map(
      (
        r,
      ) => `<tr><td>${e(r.recipient)}<br><small>${e(r.role)}; ${e(r.contact)}${r.domesticRepresentative === null ? '' : `<br>국내대리인 / domestic representative: ${e(r.domesticRepresentative)}`}${r.suspended === null ? '' : `<br><strong>SUSPENDED ${e(r.suspended)}</strong>`}</small></td>
<td>${e(r.country)}</td><td>${both({ ko: itemsText(r, 'ko'), en: itemsText(r, 'en') })}</td><td>${both(r.timingAndMethod)}</td>
<td>${both({ ko: `${r.purpose.ko} / ${r.retention.ko}`, en: `${r.purpose.en} / ${r.retention.en}` })}</td><td>${e(basesText(r))}</td>
<td>${both(r.refusal)}</td><td>${r.records}${r.first === null ? '' : `<br><small>${e(r.first)} – ${e(r.last ?? '')}</small>`}</td></tr>`,
    )
    .join('\n')
  return `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>${e(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}th,td{border:1px solid #999;padding:.4rem;vertical-align:top}</style></head>
<body><h1>${e(title)}</h1>
<table><thead><tr><th>받는 자 / Recipient</th><th>국가 / Country</th><th>이전 항목 / Items</th><th>시기·방법 / Timing and method</th><th>목적·보유 기간 / Purpose and retention</th><th>근거 / Legal basis</th><th>거부 방법 / How to refuse</th><th>기록 / Flows</th></tr></thead>
<tbody>
${body}
</tbody></table>${rows.length === 0 ? '<p>No overseas transfer observed or on file. / 관측되거나 등록된 국외 이전이 없습니다.</p>' : ''}
</body></html>
`
}
