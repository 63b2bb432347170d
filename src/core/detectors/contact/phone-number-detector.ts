import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import { classifyKoreanPhone, type KoreanPhone } from './classify-korean-phone.ts'
import { makeFinding } from './make-finding.ts'
import { parseForeignPhone } from './parse-foreign-phone.ts'
import { labelled, numbered, otherNumber } from './phone-labels.ts'

// Between groups: nothing, one space, or '-'/'.' with optional spaces ("010-1234 -5678").
const sep = '(?: ?[-.] ?| )?'
// Extensions as written in the US ("x123", "ext. 123") stay inside the span.
const extension = String.raw`(?: ?(?:x|ext\.?) ?\d{1,5})?`
// '+CC', '(+CC)' or a 00 dialling prefix (00 82, 001-…) when a separator follows the country code.
const internationalShape = String.raw`(?:\(\+[1-9]\d{0,3}\)|\+[1-9]\d{0,3}|00(?:82|[1-9]\d{0,2}(?=[ .\-])))(?:[ .\-]?\(\d{1,4}\))?[ .\-]?\d{1,14}(?:[ .\-]\d{1,14}){0,6}${extension}`
const nationalShape = String.raw`\(?0\d{1,4}\)?${sep}\d{3,8}(?:${sep}\d{3,4})?`
const representativeShape = String.raw`1[568]\d{2}[ .\-]?\d{4}`
const northAmericanShape = String.raw`(?:1[ .\-]?)?\(?[2-9]\d{2}\)?[ .\-]?[2-9]\d{2}[ .\-]?\d{4}${extension}`
// Every alternative starts with a digit, '+' or '('. The edges refuse to start or end inside a
// longer digit chain joined by '-' or '.', so dates, versions and card numbers do not leak a phone.
const candidates = new RegExp(
  `(?<![0-9A-Za-z_+]|[0-9][-.])(?:${internationalShape}|${nationalShape}|${representativeShape}|${northAmericanShape})(?![0-9A-Za-z_]|[-.][0-9])`,
  'g',
)

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
  // Outside the 0502–0508 blocks a 050 number needs a phone word, whatever its form.
  if (phone.kind === 'personal' && phone.legacy) return 0.45
  // Eleven digits starting 010 or 070 are specific enough alone; shorter landline runs are not.
  if (shape.bare && !shape.intl) {
    if (modernMobile) return 0.7
    return phone.kind === 'voip' ? 0.6 : representativeNumber ? 0.35 : 0.45
  }
  let score = modernMobile ? 0.85 : phone.kind === 'mobile' ? 0.7 : phone.kind === 'landline' ? 0.75 : 0.8
  if (phone.kind === 'landline' && phone.legacy) score = 0.6
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
  return (
    (text[start - 1] === ' ' && isDigitAt(text, start - 2)) || (text[end] === ' ' && isDigitAt(text, end + 1))
  )
}

// Digit runs of a short candidate, without a regex allocation per call.
function digitGroups(raw: string): string[] {
  const groups: string[] = []
  let from = -1
  for (let i = 0; i <= raw.length; i++) {
    const digit = isDigitAt(raw, i)
    if (digit && from < 0) from = i
    else if (!digit && from >= 0) {
      groups.push(raw.slice(from, i))
      from = -1
    }
  }
  return groups
}

function koreanNational(text: string, start: number, raw: string): Finding | undefined {
  const groups = digitGroups(raw)
  const phone = classifyKoreanPhone(groups.length === 1 ? (groups[0] ?? '') : groups.join(''))
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
  if ((bare || uan) && (bare || !strong) && otherNumber(text, start, end)) return undefined
  const shape = { bare, spaced: !bare && !/[-.]/.test(raw), parens: raw.includes(')'), intl: false }
  let score = koreanScore(phone, shape)
  if (strong) score = boost(score)
  // "제 번호는 …" or a name followed by "(0287695181)": weaker hints that still lift a valid range.
  else if (score < 0.5 && (enclosed(text, start, end) || numbered(text, start, end))) score += 0.15
  return makeFinding('PHONE_NUMBER', start, end, score, phone.kind, 'kr-phone-ranges')
}

function enclosed(text: string, start: number, end: number): boolean {
  return text.charCodeAt(start - 1) === 40 && text.charCodeAt(end) === 41
}

function looksLikeYearRange(groups: readonly string[]): boolean {
  const [a = 0, b = 0] = groups.map(Number)
  return groups.length === 2 && a >= 1000 && b <= 2100 && b > a
}

function foreignNationalPhone(text: string, start: number, raw: string): Finding | undefined {
  const end = start + raw.length
  // A leading-0 national number means nothing without a country, so only a phone label lets it in.
  if (!labelled(text, start, end) || otherNumber(text, start, end)) return undefined
  for (const country of foreignNational) {
    const phone = parseForeignPhone(raw, country)
    if (phone?.valid) return makeFinding('PHONE_NUMBER', start, end, 0.75, phone.kind, 'libphonenumber')
  }
  return undefined
}

function northAmericanPhone(text: string, start: number, raw: string): Finding | undefined {
  const end = start + raw.length
  const strong = labelled(text, start, end)
  const formatted = digitsOf(raw).length !== raw.length
  // A bare run right after another number's label is that number (학번 2016023780), phone word or not.
  if ((!strong || !formatted) && otherNumber(text, start, end)) return undefined
  const weak = !strong && formatted && numbered(text, start, end)
  // Without a label the shape stays below the floor whatever libphonenumber says, so it is not asked:
  // a metadata check costs tens of microseconds and ten-digit numbers are common.
  if (!strong && !weak) return makeFinding('PHONE_NUMBER', start, end, formatted ? 0.45 : 0.3)
  const phone = parseForeignPhone(raw, 'US')
  if (!phone || (!strong && !phone.valid)) return undefined
  const score = strong ? (phone.valid ? 0.85 : 0.65) : 0.6
  return makeFinding('PHONE_NUMBER', start, end, score, phone.kind, 'libphonenumber')
}

// libphonenumber wants one leading '+': "00 82 …" and "(+82) …" are rewritten to "+82 …".
function withPlus(raw: string): string {
  if (raw.startsWith('00')) return `+${raw.slice(2)}`
  if (raw.startsWith('(+')) return `+${raw.slice(2).replace(')', '')}`
  return raw
}

function internationalCandidate(text: string, start: number, raw: string): Finding | undefined {
  const plus = withPlus(raw)
  const digits = digitsOf(plus)
  const end = start + raw.length
  if (digits.startsWith('82')) {
    const rest = digits.slice(2)
    const phone = classifyKoreanPhone(rest) ?? classifyKoreanPhone(rest.startsWith('0') ? rest : `0${rest}`)
    if (!phone) return undefined
    const score = koreanScore(phone, { bare: false, spaced: false, parens: false, intl: true })
    const context = labelled(text, start, end)
    return makeFinding(
      'PHONE_NUMBER',
      start,
      end,
      context ? score + 0.1 : score,
      phone.kind,
      'kr-phone-ranges',
    )
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
      let raw = m[0]
      let start = m.index
      // "(0548381866)": the bracket opens a parenthesis around the number, not an area code.
      if (raw.charCodeAt(0) === 40 && !raw.includes(')')) {
        raw = raw.slice(1)
        start++
      }
      if (inSpacedChain(text, start, start + raw.length, raw)) continue
      // Which branch matched follows from the first characters; no capture groups to allocate.
      const first = raw.charCodeAt(0)
      let f: Finding | undefined
      if (first === 43 || raw.startsWith('00') || raw.startsWith('(+')) f = international(text, start, raw)
      else if (first === 48 || raw.startsWith('(0'))
        f = koreanNational(text, start, raw) ?? foreignNationalPhone(text, start, raw)
      else f = koreanNational(text, start, raw) ?? northAmericanPhone(text, start, raw)
      if (f) found.push(f)
    }
    return found
  },
}
