// Separate consent to an overseas transfer (PIPA 28-8(1)1, GDPR 49(1)(a), PIPL 39), versioned by the
// five notice items of PIPA 28-8(2). A consent record keeps the hash of the notice it was given for;
// 28-8(3) requires fresh consent when any item changes, so a record is valid only while the notice
// Sluice would show today for the same items hashes the same.
import { createHash } from 'node:crypto'
import { canonicalJson } from '../ledger/canonical-json.ts'
import type { RegisterRecipient } from './recipient-register.ts'
import type { Localized } from './transfers-config.ts'

/** Detection categories that are personal information (device and network details count: §1.10). */
export const personalCategories: readonly string[] = Object.freeze([
  'personal_identifier',
  'sensitive',
  'device_information',
  'network_details',
])

const categoryNames: Readonly<Record<string, Localized>> = {
  personal_identifier: {
    ko: '개인 식별 정보(이름, 연락처, 주소, 식별번호 등)',
    en: 'personal identifiers (names, contact details, addresses, ID numbers)',
  },
  sensitive: { ko: '민감정보(건강 등)', en: 'sensitive information (health and similar)' },
  device_information: { ko: '기기 정보', en: 'device information' },
  network_details: { ko: '네트워크 정보(IP 주소, URL)', en: 'network details (IP addresses, URLs)' },
}

/** The personal categories among `categories`, sorted and without repeats. */
export function personalItems(categories: readonly string[]): string[] {
  return [...new Set(categories.filter((c) => personalCategories.includes(c)))].sort()
}

/** How a category is named in a notice. */
export function categoryName(category: string): Localized {
  return categoryNames[category] ?? { ko: category, en: category }
}

/** One recipient as the notice names it (item 3) with its purpose and retention (item 4). */
export interface NoticeRecipient {
  readonly legalName: string
  readonly country: string
  readonly role: string
  readonly contact: string
  readonly purpose: Localized
  readonly retention: Localized
}

/** The five PIPA 28-8(2) items for one service chain and one set of personal-information items. */
export interface ConsentNotice {
  readonly service: string
  readonly serviceName: string
  /** Item 1: personal-information items transferred (detection categories). */
  readonly items: readonly string[]
  /** Item 2: countries, timing and method. */
  readonly countries: readonly string[]
  readonly timingAndMethod: Localized
  /** Items 3 and 4: recipients with contact, purpose and retention. */
  readonly recipients: readonly NoticeRecipient[]
  /** Item 5: how to refuse, the procedure, and the effect of refusing. */
  readonly refusal: Localized
}

/** What a notice is built from. */
export interface NoticeInput {
  readonly service: string
  readonly serviceName: string
  readonly chain: readonly RegisterRecipient[]
  readonly categories: readonly string[]
}

const unknownContact =
  'not on record: ask your organisation’s privacy officer / 기록 없음: 소속 기관의 개인정보 보호책임자에게 문의'

/** Builds the notice for a service chain from the register (defaults where the register is silent). */
export function buildConsentNotice(input: NoticeInput): ConsentNotice {
  const name = input.serviceName
  const recipients = input.chain.map(
    (r): NoticeRecipient => ({
      legalName: r.legalName,
      country: r.country,
      role: r.role,
      contact: r.contact ?? unknownContact,
      purpose: r.purpose ?? {
        ko: `${name}을(를) 통한 요청 처리 및 응답 생성`,
        en: `processing the request and generating the answer through ${name}`,
      },
      retention: r.retention ?? {
        ko: '수령자의 약관에 따름 (Sluice 등록부에 기록되지 않음)',
        en: 'as the recipient’s terms state (not recorded in Sluice’s register)',
      },
    }),
  )
  return {
    service: input.service,
    serviceName: name,
    items: personalItems(input.categories),
    countries: [...new Set(input.chain.map((r) => r.country))].sort(),
    timingAndMethod: {
      ko: `요청할 때마다, HTTPS로 ${name}의 API에 전송`,
      en: `at each request, over HTTPS, to the API of ${name}`,
    },
    recipients,
    refusal: {
      ko: '이 화면에서 "거부"를 누르거나 동의하지 않으면 됩니다. 동의 후에도 언제든 철회할 수 있습니다. 거부하면 개인정보가 포함된 요청은 이 서비스로 전송되지 않으며, 개인정보를 뺀 요청은 계속 사용할 수 있습니다.',
      en: 'Choose "Refuse" on this page, or simply do not consent; a consent given can be withdrawn at any time. If you refuse, requests containing personal information are not sent to this service; requests without personal information still work.',
    },
  }
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

/** SHA-256 (hex) of the notice's canonical JSON: changes when any of the five items changes. */
export function noticeHash(notice: ConsentNotice): string {
  return sha256(canonicalJson(notice))
}

/** SHA-256 (hex) over the chain's identity (legal name, country, role of each link, in order). */
export function chainHash(
  chain: readonly Pick<RegisterRecipient, 'legalName' | 'country' | 'role'>[],
): string {
  return sha256(canonicalJson(chain.map((r) => [r.legalName, r.country, r.role])))
}

/** A stored consent of one data subject to transfers to one service chain. */
export interface ConsentRecord {
  readonly id: string
  readonly tenant: string
  /** The pseudonymous subject the ledger uses (never a plain identity). */
  readonly subject: string
  readonly service: string
  /** The consent bases this consent satisfies (KR_PIPA_28_8_1_1, GDPR_49_1_A, CN_PIPL_39). */
  readonly bases: readonly string[]
  /** Personal-information items consented to (notice item 1). */
  readonly items: readonly string[]
  /** Legal names of the chain at the time (for display and queries; the hashes decide validity). */
  readonly recipients: readonly string[]
  readonly chainHash: string
  readonly noticeHash: string
  readonly givenAt: string
  readonly expiresAt: string | null
  readonly withdrawnAt: string | null
  /** 'page': accepted on Sluice's consent page; 'import': imported by API. */
  readonly source: 'page' | 'import'
  /** Where an imported consent's proof is kept (form id, document reference). */
  readonly evidence: string | null
}

/** Why a consent record does not cover a transfer now. */
export type ConsentProblem =
  | 'withdrawn'
  | 'expired'
  | 'not-yet-given'
  | 'notice-changed'
  | 'items-not-covered'

/** Words for each {@link ConsentProblem}, for reasons shown to people. */
export const consentProblemText: Readonly<Record<ConsentProblem, string>> = {
  withdrawn: 'was withdrawn',
  expired: 'has expired',
  'not-yet-given': 'is dated in the future',
  'notice-changed':
    'was given for a notice that has since changed (PIPA Art. 28-8(3) requires fresh consent)',
  'items-not-covered': 'does not cover every item now being transferred',
}

/**
 * Whether `record` covers a transfer of `categories` at `now`. `currentNoticeHash(items)` is the hash of
 * the notice Sluice would show today for those items (built from the current register); a different
 * hash means some of the five items changed.
 */
export function consentProblem(
  record: ConsentRecord,
  at: {
    readonly now: string
    readonly categories: readonly string[]
    currentNoticeHash(items: readonly string[]): string
  },
): ConsentProblem | undefined {
  const now = Date.parse(at.now)
  if (record.withdrawnAt !== null && Date.parse(record.withdrawnAt) <= now) return 'withdrawn'
  if (record.expiresAt !== null && Date.parse(record.expiresAt) <= now) return 'expired'
  if (Date.parse(record.givenAt) > now) return 'not-yet-given'
  if (at.currentNoticeHash(record.items) !== record.noticeHash) return 'notice-changed'
  const covered = new Set(record.items)
  if (!personalItems(at.categories).every((c) => covered.has(c))) return 'items-not-covered'
  return undefined
}
