import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import { classifyKoreanPhone, type KoreanPhone } from './classify-korean-phone.ts'
import { createContextMatcher } from './context-matcher.ts'
import { makeFinding } from './make-finding.ts'
import { parseForeignPhone } from './parse-foreign-phone.ts'

// Between groups: nothing, one space, or '-'/'.' with optional spaces ("010-1234 -5678").
const sep = '(?: ?[-.] ?| )?'
const internationalShape = String.raw`(?:\+[1-9]\d{0,3}|0082)(?:[ .\-]?\(\d{1,4}\))?[ .\-]?\d{1,14}(?:[ .\-]\d{1,14}){0,6}`
const nationalShape = String.raw`\(?0\d{1,4}\)?${sep}\d{3,8}(?:${sep}\d{3,4})?`
const representativeShape = String.raw`1[568]\d{2}[ .\-]?\d{4}`
const northAmericanShape = String.raw`(?:1[ .\-]?)?\(?[2-9]\d{2}\)?[ .\-]?[2-9]\d{2}[ .\-]?\d{4}`
// Every alternative starts with a digit, '+' or '('. The edges refuse to start or end inside a
// longer digit chain joined by '-' or '.', so dates, versions and card numbers do not leak a phone.
const candidates = new RegExp(
  String.raw`(?<![0-9A-Za-z_+]|[0-9][-.])(?:(${internationalShape})|(${nationalShape})|(${representativeShape})|(${northAmericanShape}))(?![0-9A-Za-z_]|[-.][0-9])`,
  'g',
)

const phoneWords = ['phone', 'tel', 'call', 'mobile', 'cell', 'fax', 'contact', 'whatsapp', 'sms', 'h.p', 'hp:', 'hp.']
const phoneWordsKo = ['전화', '연락', '휴대', '핸드폰', '폰', '팩스', '문의', '고객센터', '대표번호', '상담']
const labelled = createContextMatcher([...phoneWords, ...phoneWordsKo])
const numbered = createContextMatcher(['number', 'no.', '번호'])
const negativeEn = ['order', 'invoice', 'tracking', 'account', 'acct', 'isbn', 'serial', 'sku', 'ssn', 'version', 'card']
const negativeKo = ['주문', '송장', '계좌', '사업자', '주민', '일련', '승인', '모델', '버전', '우편', '카드', '학번', '사번', '여권', '면허']
// Labels of other numbers that share phone shapes; they only veto shapes that are weak on their own.
const otherNumber = createContextMatcher([...negativeEn, ...negativeKo])
const foreignNational = ['GB', 'JP', 'DE', 'FR', 'AU'] as const

const digitsOf = (s: string): string => s.replace(/[^0-9]/g, '')
const isDigitAt = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i)
  return c >= 48 && c <= 57
}

interface Shape {
  readonly bare: boolean
  readonly spaced: boolean
  readonly parens: boolean
  readonly intl: boolean
}

function koreanScore(phone: KoreanPhone, shape: Shape): number {
  const representativeNumber = phone.kind === 'business' && phone.prefixLength === 4
  const modernMobile = phone.kind === 'mobile' && !phone.legacy
  if (shape.bare && !shape.intl) return modernMobile ? 0.7 : representativeNumber ? 0.35 : 0.45
  let score = modernMobile ? 0.85 : phone.kind === 'mobile' ? 0.7 : phone.kind === 'landline' ? 0.75 : 0.8
  if (phone.kind === 'business') score = representativeNumber ? 0.6 : 0.7
  if (shape.parens) score += 0.05
  // Space-separated groups are also how tables and lists print unrelated numbers.
  if (shape.spaced && !modernMobile) score -= representativeNumber ? 0.15 : 0.1
  return shape.intl ? Math.max(0.8, score + 0.1) : score
}

function boost(score: number): number {
  return score + (score < 0.5 ? 0.3 : 0.15)
}

// A space-separated candidate next to another digit group is a slice of a longer number (a card,
// an account) rather than a phone.
function inSpacedChain(text: string, start: number, end: number, raw: string): boolean {
  if (!/[0-9] [0-9]/.test(raw)) return false
  return (text[start - 1] === ' ' && isDigitAt(text, start - 2)) || (text[end] === ' ' && isDigitAt(text, end + 1))
}

function koreanNational(text: string, start: number, raw: string): Finding | undefined {
  const groups = raw.match(/[0-9]+/g) ?? []
  const phone = classifyKoreanPhone(groups.join(''))
  if (!phone) return undefined
  const bare = groups.length === 1
  const uan = phone.prefixLength === 4 && phone.kind === 'business'
  if (!bare) {
    const [first = '', middle = '', last = ''] = groups
    if (uan ? groups.length !== 2 : groups.length !== 3) return undefined
    if (first.length !== phone.prefixLength || (uan ? middle : last).length !== 4) return undefined
    if (!uan && (middle.length < 3 || middle.length > 4)) return undefined
  }
  const end = start + raw.length
  const strong = labelled(text, start, end)
  if (uan && !strong && looksLikeYearRange(groups)) return undefined
  if ((bare || uan) && !strong && otherNumber(text, start, end)) return undefined
  const shape = { bare, spaced: !bare && !/[-.]/.test(raw), parens: raw.includes(')'), intl: false }
  const score = koreanScore(phone, shape)
  return makeFinding('PHONE_NUMBER', start, end, strong ? boost(score) : score, phone.kind, 'kr-phone-ranges')
}

function looksLikeYearRange(groups: readonly string[]): boolean {
  const [a = 0, b = 0] = groups.map(Number)
  return groups.length === 2 && a >= 1000 && b <= 2100 && b > a
}

function foreignNationalPhone(text: string, start: number, raw: string): Finding | undefined {
  const end = start + raw.length
  // A leading-0 national number means nothing without a country, so only a phone label lets it in.
  if (!labelled(text, start, end)) return undefined
  for (const country of foreignNational) {
    const phone = parseForeignPhone(raw, country)
    if (phone?.valid) return makeFinding('PHONE_NUMBER', start, end, 0.75, phone.kind, 'libphonenumber')
  }
  return undefined
}

function northAmericanPhone(text: string, start: number, raw: string): Finding | undefined {
  const end = start + raw.length
  const strong = labelled(text, start, end)
  if (!strong && otherNumber(text, start, end)) return undefined
  const phone = parseForeignPhone(raw, 'US')
  if (!phone || (!strong && !phone.valid)) return undefined
  const formatted = digitsOf(raw).length !== raw.length
  let score: number
  if (strong) score = phone.valid ? 0.85 : 0.65
  else if (formatted && numbered(text, start, end)) score = 0.6
  else score = formatted ? 0.45 : 0.3
  return makeFinding('PHONE_NUMBER', start, end, score, phone.kind, 'libphonenumber')
}

function internationalCandidate(text: string, start: number, raw: string): Finding | undefined {
  const plus = raw.startsWith('00') ? `+${raw.slice(2)}` : raw
  const digits = digitsOf(plus)
  const end = start + raw.length
  if (digits.startsWith('82')) {
    const rest = digits.slice(2)
    const phone = classifyKoreanPhone(rest) ?? classifyKoreanPhone(rest.startsWith('0') ? rest : `0${rest}`)
    if (!phone) return undefined
    const score = koreanScore(phone, { bare: false, spaced: false, parens: false, intl: true })
    const context = labelled(text, start, end)
    return makeFinding('PHONE_NUMBER', start, end, context ? score + 0.1 : score, phone.kind, 'kr-phone-ranges')
  }
  const phone = parseForeignPhone(plus)
  if (!phone) return undefined
  const context = labelled(text, start, end)
  const score = phone.valid ? (context ? 0.95 : 0.85) : context ? 0.75 : 0.55
  return makeFinding('PHONE_NUMBER', start, end, score, phone.kind, 'libphonenumber')
}

function international(text: string, start: number, raw: string): Finding | undefined {
  // The pattern is greedy across spaces, so "+1 212 555 1234 2024" may carry a stray group.
  const runs = [...raw.matchAll(/[0-9]+/g)]
  const fewest = runs.length > 2 ? Math.max(2, runs.length - 2) : runs.length
  for (let keep = runs.length; keep >= fewest && keep > 0; keep--) {
    const last = runs[keep - 1]
    if (!last) break
    const found = internationalCandidate(text, start, raw.slice(0, last.index + last[0].length))
    if (found) return found
  }
  return undefined
}

/**
 * Finds phone numbers: Korean numbers by their national ranges (mobile, landline, VoIP 070, safe
 * 050X, business 080/15XX/16XX/18XX), `+CC` numbers checked against libphonenumber metadata, and
 * North American or other national formats when a phone label is near.
 */
export const phoneNumberDetector: Detector = {
  id: 'contact-phone-number',
  types: ['PHONE_NUMBER'],
  detect(input) {
    const text = input.text
    const found: Finding[] = []
    for (const m of text.matchAll(candidates)) {
      const raw = m[0]
      const start = m.index
      if (inSpacedChain(text, start, start + raw.length, raw)) continue
      let f: Finding | undefined
      if (m[1] !== undefined) f = international(text, start, raw)
      else if (m[2] !== undefined) f = koreanNational(text, start, raw) ?? foreignNationalPhone(text, start, raw)
      else if (m[3] !== undefined) f = koreanNational(text, start, raw) ?? northAmericanPhone(text, start, raw)
      else f = northAmericanPhone(text, start, raw)
      if (f) found.push(f)
    }
    return found
  },
}
