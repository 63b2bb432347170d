import { createContextMatcher } from './context-matcher.ts'

const phoneWords = [
  'phone',
  'tel',
  'call',
  'mobile',
  'cell',
  'fax',
  'contact',
  'whatsapp',
  'reach',
  'dial',
  'text me',
  'sms',
  'h.p',
  'hp:',
  'hp.',
]
// 담당자 (the person in charge) is how Korean mail and chat introduce whom to call.
const phoneWordsKo = [
  '전화',
  '연락',
  '휴대',
  '핸드폰',
  '폰',
  '팩스',
  '문의',
  '고객센터',
  '대표번호',
  '상담',
  '담당자',
]
const phoneLabel = createContextMatcher([...phoneWords, ...phoneWordsKo])
/**
 * True when a phone word is near [start, end): up to 48 units before, or after it on the same line
 * (the next line's "휴대폰" labels the next value).
 */
export function labelled(text: string, start: number, end: number): boolean {
  // Searches only the window: an unbounded indexOf would rescan a long text for every candidate.
  const after = text.slice(end, end + 16)
  const lineEnd = after.indexOf('\n')
  return phoneLabel(text, start, end, 48, lineEnd === -1 ? 16 : lineEnd)
}
/** True when a generic number word ("number", "번호") is near: a weak hint that lifts a valid range. */
export const numbered = createContextMatcher(['number', 'no.', '번호'])
const negativeEn = [
  'order',
  'invoice',
  'tracking',
  'account',
  'acct',
  'isbn',
  'serial',
  'sku',
  'ssn',
  'version',
  'card',
]
const negativeKo = [
  '주문',
  '송장',
  '계좌',
  '사업자',
  '주민',
  '일련',
  '승인',
  '모델',
  '버전',
  '우편',
  '카드',
  '학번',
  '사번',
  '여권',
  '면허',
]
const otherNumberLabel = createContextMatcher([...negativeEn, ...negativeKo])

/**
 * True when the label of another number that shares phone shapes (주문번호, 계좌, order …) sits just
 * before [start, end) on the same line; an account mentioned in the previous sentence does not count.
 */
export function otherNumber(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 24), start)
  return otherNumberLabel(text, start, end, before.length - before.lastIndexOf('\n') - 1, 0)
}
