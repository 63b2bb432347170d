import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import { classifyKoreanPhone, type KoreanPhone } from './classify-korean-phone.ts'
import { makeFinding } from './make-finding.ts'
import { parseForeignPhone } from './parse-foreign-phone.ts'
import { forEachPhoneCandidate } from './phone-candidates.ts'
import { labelled, numbered, otherNumber } from './phone-labels.ts'

const foreignNational = ['GB', 'JP', 'DE', 'FR', 'AU'] as const

const digitsOf = (s: string): string => s.replace(/[^0-9]/g, '')
function isAllDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isDigitAt(s, i)) return false
  return true
}
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
  if (!hasSpacedDigits(raw)) return false
  return (
    (text[start - 1] === ' ' && isDigitAt(text, start - 2)) || (text[end] === ' ' && isDigitAt(text, end + 1))
  )
}

function hasSpacedDigits(raw: string): boolean {
  for (let i = raw.indexOf(' '); i >= 0; i = raw.indexOf(' ', i + 1)) {
    if (isDigitAt(raw, i - 1) && isDigitAt(raw, i + 1)) return true
  }
  return false
}

// The digit runs of the current candidate as [start, end) pairs in `raw`; reused between calls so
// that a candidate costs no array allocations.
const groupBounds: number[] = []

function readGroups(raw: string): number {
  let count = 0
  let from = -1
  for (let i = 0; i <= raw.length; i++) {
    const digit = isDigitAt(raw, i)
    if (digit && from < 0) from = i
    else if (!digit && from >= 0) {
      groupBounds[count * 2] = from
      groupBounds[count * 2 + 1] = i
      count++
      from = -1
    }
  }
  return count
}

const groupLength = (k: number): number => (groupBounds[k * 2 + 1] as number) - (groupBounds[k * 2] as number)

function joinedGroups(raw: string, count: number): string {
  if (count === 1) return raw.slice(groupBounds[0], groupBounds[1])
  let digits = ''
  for (let k = 0; k < count; k++) digits += raw.slice(groupBounds[k * 2], groupBounds[k * 2 + 1])
  return digits
}

function hasDotOrDash(raw: string): boolean {
  return raw.includes('-') || raw.includes('.')
}

function koreanNational(text: string, start: number, raw: string): Finding | undefined {
  const count = readGroups(raw)
  const phone = classifyKoreanPhone(count === 0 ? '' : joinedGroups(raw, count))
  if (!phone) return undefined
  const bare = count === 1
  const uan = phone.prefixLength === 4 && phone.kind === 'business'
  if (!bare) {
    if (uan ? count !== 2 : count !== 3) return undefined
    if (groupLength(0) !== phone.prefixLength || groupLength(uan ? 1 : 2) !== 4) return undefined
    if (!uan && (groupLength(1) < 3 || groupLength(1) > 4)) return undefined
  }
  const end = start + raw.length
  const strong = labelled(text, start, end)
  if (uan && !strong && looksLikeYearRange(raw, count)) return undefined
  if ((bare || uan) && (bare || !strong) && otherNumber(text, start, end)) return undefined
  const shape = { bare, spaced: !bare && !hasDotOrDash(raw), parens: raw.includes(')'), intl: false }
  let score = koreanScore(phone, shape)
  if (strong) score = boost(score)
  // "제 번호는 …" or a name followed by "(0287695181)": weaker hints that still lift a valid range.
  else if (score < 0.5 && (enclosed(text, start, end) || numbered(text, start, end))) score += 0.15
  return makeFinding('PHONE_NUMBER', start, end, score, phone.kind, 'kr-phone-ranges')
}

function enclosed(text: string, start: number, end: number): boolean {
  return text.charCodeAt(start - 1) === 40 && text.charCodeAt(end) === 41
}

// Reads the groups left by readGroups.
function looksLikeYearRange(raw: string, count: number): boolean {
  if (count !== 2) return false
  const a = Number(raw.slice(groupBounds[0], groupBounds[1]))
  const b = Number(raw.slice(groupBounds[2], groupBounds[3]))
  return a >= 1000 && b <= 2100 && b > a
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
  const formatted = !isAllDigits(raw)
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
  const count = readGroups(raw)
  const fewest = count > 2 ? Math.max(2, count - 2) : count
  for (let keep = count; keep >= fewest && keep > 0; keep--) {
    // internationalCandidate does not read groups, so groupBounds still holds raw's groups.
    const keptEnd = groupBounds[keep * 2 - 1] as number
    const found = internationalCandidate(text, start, keptEnd === raw.length ? raw : raw.slice(0, keptEnd))
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
    forEachPhoneCandidate(input, (match, at) => {
      let raw = match
      let start = at
      // "(0548381866)": the bracket opens a parenthesis around the number, not an area code.
      if (raw.charCodeAt(0) === 40 && !raw.includes(')')) {
        raw = raw.slice(1)
        start++
      }
      if (inSpacedChain(text, start, start + raw.length, raw)) return
      // Which branch matched follows from the first characters; no capture groups to allocate.
      const first = raw.charCodeAt(0)
      let f: Finding | undefined
      if (first === 43 || raw.startsWith('00') || raw.startsWith('(+')) f = international(text, start, raw)
      else if (first === 48 || raw.startsWith('(0'))
        f = koreanNational(text, start, raw) ?? foreignNationalPhone(text, start, raw)
      else f = koreanNational(text, start, raw) ?? northAmericanPhone(text, start, raw)
      if (f) found.push(f)
    })
    return found
  },
}
