import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import { isCalendarDate } from '../../validators/calendar-date.ts'
import { isKrBrnChecksumValid } from '../../validators/kr-brn-checksum.ts'
import { isKrRrnChecksumValid } from '../../validators/kr-rrn-checksum.ts'
import { type BankAccountFormat, bankAccountFormats, knownAccountGroupings } from './bank-accounts.ts'
import { createLabelMatcher, type Label, roundScore } from './nearest-label.ts'
import { matchAtRunStarts } from './numeric-runs.ts'

// 10–14 bare digits, or 2–4 hyphen-joined groups (lengths and total are checked in code).
const shape =
  /(?<![0-9A-Za-z]|[0-9][-.])(?:[0-9]{10,14}|[0-9]{2,7}(?:-[0-9]{1,8}){1,3})(?![0-9A-Za-z]|[-.][0-9])/y
// 10–14 bare digits, or a first group of 2–7 before a hyphen.
const fits = (digits: number, next: number): boolean =>
  (digits >= 10 && digits <= 14) || (digits >= 2 && digits <= 7 && next === 45)

const generic = [
  '계좌',
  '입금',
  '이체',
  '송금',
  '예금주',
  '예금',
  '적금',
  '통장',
  '은행',
  '뱅크',
  '출금',
  '타행',
  '환불',
  'bank',
  'account',
  'acct',
  'payout',
  'payee',
  'beneficiary',
  'deposit',
  'remit',
]
// Labels of other numbers: when one of these is nearer than any bank word, the number is theirs.
const rivals = [
  '주문',
  'order',
  '송장',
  'tracking',
  '승인번호',
  '거래번호',
  '전화',
  '연락처',
  '휴대폰',
  '핸드폰',
  'tel',
  'phone',
  'fax',
  '팩스',
  '사업자',
  '주민',
  '카드',
  'card',
  '면허',
  '여권',
  'passport',
  '인증번호',
  '고객번호',
  '회원번호',
  '접수번호',
  '예약번호',
  'isbn',
  '보험',
  '증번호',
  'invoice',
  '일련번호',
  'serial',
  'account id',
  'aws',
  'timestamp',
  'epoch',
  '학번',
  '사번',
  '직원번호',
  '군번',
  '수험번호',
  'student',
  'employee',
]
const bankNames: readonly Label<string>[] = bankAccountFormats.flatMap((b) =>
  b.names.map((word) => ({ word, kind: b.id })),
)
const labels = createLabelMatcher([
  ...generic.map((word) => ({ word, kind: 'generic' })),
  ...rivals.map((word) => ({ word, kind: 'rival' })),
  ...bankNames,
])
const named = createLabelMatcher(bankNames)
const byId = new Map(bankAccountFormats.map((b) => [b.id, b]))
const byShortName = new Map(bankAccountFormats.flatMap((b) => b.shortNames.map((word) => [word, b] as const)))
const shortNames = [...byShortName.keys()]
// ASCII letters as two-case classes: the `i` flag slows the Hangul alternatives several times over.
const asciiShortNames = shortNames
  .filter((w) => w.charCodeAt(0) < 128)
  .map((w) => w.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`))
  .join('|')
const hangulShortNames = shortNames.filter((w) => w.charCodeAt(0) >= 128).join('|')
// A short name directly before the number, past spaces and punctuation; ASCII ones as whole words.
const adjacentShortName = new RegExp(
  `(?:(?<![A-Za-z0-9])(?:${asciiShortNames})|${hangulShortNames})(?=[\\s:()[\\]/,.·-]*$)`,
)
const phoneShape = /^0(?:1[016789]|2|[3-6][1-5]|70|50[2-8]|80)-?[0-9]{3,4}-?[0-9]{4}$/

/** 계좌번호: 10–14 digits in bank-typical groups, reported only near a bank or transfer word. */
export const bankAccountDetector: Detector = {
  id: 'kr-bank-account',
  types: ['KR_BANK_ACCOUNT'],
  detect(input) {
    const text = input.text
    const found: Finding[] = []
    matchAtRunStarts(input, shape, fits, (m, at) => {
      const value = m[0]
      const code = groupCode(value)
      const digitCount = value.length - (groupCount(code) - 1)
      if (!plausibleAccount(value, code, digitCount)) return
      const end = at + value.length
      const hyphenated = code > 0xf
      const known = knownAccountGroupings.has(code) || (digitCount === 13 && value.startsWith('3333'))
      const bank = bankFor(text, at, end)
      if (bank === undefined) {
        if (known && hyphenated) found.push({ type: 'KR_BANK_ACCOUNT', start: at, end, score: 0.3 })
        return
      }
      const format = bank === 'generic' ? undefined : bank
      const lengthFits = format?.lengths.includes(digitCount) === true
      let score = (hyphenated ? 0.8 : 0.7) + (known ? 0.1 : 0)
      if (format) score += lengthFits ? 0.05 : -0.1
      const finding: Finding = {
        type: 'KR_BANK_ACCOUNT',
        start: at,
        end,
        score: roundScore(Math.min(score, 0.95)),
      }
      if (!format) found.push(finding)
      else if (lengthFits) found.push({ ...finding, subtype: format.id, validator: 'bank-length' })
      else found.push({ ...finding, subtype: format.id })
    })
    return found
  },
}

// Group lengths packed four bits each (6-2-6 → 0x626, 13 bare digits → 0xd), so shapes compare
// without allocating; every group is at most 14 digits.
function groupCode(value: string): number {
  let code = 0
  let run = 0
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) === 45) {
      code = code * 16 + run
      run = 0
    } else run++
  }
  return code * 16 + run
}

function groupCount(code: number): number {
  let count = 1
  for (let c = code >> 4; c > 0; c >>= 4) count++
  return count
}

function plausibleAccount(value: string, code: number, digitCount: number): boolean {
  if (digitCount < 10 || digitCount > 14) return false
  // Phone numbers, including the international form 0082-10-….
  if (value.charCodeAt(0) === 48 && (phoneShape.test(value) || value.charCodeAt(1) === 48)) return false
  if (code > 0xf) {
    // First group of three or more, inner groups of two or more.
    let first = code
    while (first > 0xf) {
      if ((first & 0xf) < (first === code ? 1 : 2)) return false
      first >>= 4
    }
    if (first < 3) return false
    // Shapes that belong to other identifiers: the RRN/FRN/CRN 6-7 shape, a checksummed BRN.
    if (code === 0x67) return false
    if (code === 0x325) return !isKrBrnChecksumValid(value.replaceAll('-', ''))
    return true
  }
  // A bare 13-digit birth date only yields to the RRN detector when the RRN checksum backs it.
  if (digitCount === 13 && isBirthDate(value) && isKrRrnChecksumValid(value)) return false
  // yyyymmdd[hh[mm[ss]]] timestamps.
  const y = numberAt(value, 0, 4)
  return !(y >= 1900 && y <= 2099 && isCalendarDate(y, numberAt(value, 4, 2), numberAt(value, 6, 2)))
}

function numberAt(digits: string, from: number, length: number): number {
  let n = 0
  for (let i = from; i < from + length; i++) n = n * 10 + digits.charCodeAt(i) - 48
  return n
}

function isBirthDate(digits: string): boolean {
  const g = digits.charCodeAt(6) - 48
  if (g < 1 || g > 8) return false
  const century = g === 1 || g === 2 || g === 5 || g === 6 ? 1900 : 2000
  return isCalendarDate(century + numberAt(digits, 0, 2), numberAt(digits, 2, 2), numberAt(digits, 4, 2))
}

// The bank the number belongs to ('generic' when only a transfer word says it is an account), or
// undefined when nothing does. A short name right before the number beats any label.
function bankFor(text: string, start: number, end: number): BankAccountFormat | 'generic' | undefined {
  const adjacent = adjacentShortName.exec(text.slice(Math.max(0, start - 10), start))
  if (adjacent) return byShortName.get(adjacent[0].toLowerCase())
  const kind = labels.nearest(text, start, end)
  if (kind === undefined || kind === 'rival') return undefined
  if (kind !== 'generic') return byId.get(kind)
  const bank = named.nearest(text, start, end)
  return (bank === undefined ? undefined : byId.get(bank)) ?? 'generic'
}
