import type { EntityType } from '../../detection/entity-type.ts'
import { isCalendarDate } from '../../validators/calendar-date.ts'
import { isGtinChecksumValid } from '../../validators/gtin-checksum.ts'
import { isKrCrnChecksumValid } from '../../validators/kr-crn-checksum.ts'
import { isKrFrnChecksumValid } from '../../validators/kr-frn-checksum.ts'
import { isKrRrnChecksumValid } from '../../validators/kr-rrn-checksum.ts'
import { roundScore, withContext } from './nearest-label.ts'

/** What the nearest label says a 13-digit value is; 'any' is a generic 등록번호, 'other' a rival. */
export type RegistrationLabel = 'rrn' | 'frn' | 'crn' | 'any' | 'other'

/** A `######-#######` candidate: front six digits, back seven characters (G plus six digits or a mask). */
export interface RegistrationCandidate {
  readonly front: string
  readonly back: string
  readonly separator: 'hyphen' | 'space' | 'none'
  readonly label: RegistrationLabel | undefined
}

/** The one finding a candidate becomes. */
export interface RegistrationVerdict {
  readonly type: Extract<EntityType, 'KR_RRN' | 'KR_FRN' | 'KR_CRN'>
  readonly score: number
  readonly validator?: string
  readonly subtype?: string
}

const maskedTail = /^[0-9]{0,5}[*xX●○]+$/
// 법인등록번호 digits 5–6: corporation type codes (commercial, civil-law, special-law, other, foreign).
const crnTypeCode = /^(?:1[1-5]|2[12]|3[1-9]|4[0-9]|5[0-3]|71|8[1-6])$/
const unlabelledPenalty = 0.35

/** Decides RRN, FRN or CRN for one candidate, or nothing; see pii-detection.md §3.1, §3.2, §3.6. */
export function classifyRegistrationNumber(c: RegistrationCandidate): RegistrationVerdict | undefined {
  const g = c.back.charCodeAt(0) - 48
  const yy = twoDigits(c.front, 0)
  const dateOk = isCalendarDate(centuryOf(g) + yy, twoDigits(c.front, 2), twoDigits(c.front, 4))
  // Births from 2030 on cannot be live yet; without a clock in core this is only a penalty.
  const future = (g === 3 || g === 4 || g === 7 || g === 8) && yy >= 30 ? 0.2 : 0
  const personal = c.label === 'rrn' || c.label === 'frn' || c.label === 'any'
  const type = c.label === 'frn' || (g >= 5 && g <= 8) ? 'KR_FRN' : 'KR_RRN'
  if (!allDigits(c.back, 7)) {
    if (!maskedTail.test(c.back.slice(1)) || c.label === 'crn' || c.label === 'other') return undefined
    if (!dateOk) return undefined
    const base = 0.6 - future - (g === 9 || g === 0 ? 0.15 : 0)
    return {
      type,
      score: roundScore(personal ? withContext(base) : base),
      validator: 'date',
      subtype: 'masked',
    }
  }
  const digits = c.front + c.back
  if (c.label === 'crn') return labelledCrn(digits, c.front)
  if (!personal) {
    if (c.separator === 'none' && digits.startsWith('880') && isGtinChecksumValid(digits)) return undefined
    const crn = unlabelledCrn(digits, c, g, dateOk)
    if (crn) return crn
  }
  // The birth date is the one part of the number that is never random: an impossible date is
  // not an RRN, whatever the label says.
  if (!dateOk) return undefined
  const sum = type === 'KR_FRN' ? isKrFrnChecksumValid(digits) : isKrRrnChecksumValid(digits)
  let score = personBase(g, type, sum, c.separator) - future
  if (personal) score = withContext(score)
  else if (c.label === 'other') score -= unlabelledPenalty
  const validator = sum ? (type === 'KR_FRN' ? 'frn-checksum' : 'rrn-checksum') : 'date'
  return { type, score: roundScore(score), validator }
}

// The front is six ASCII digits (the detector's shape guarantees it).
function twoDigits(s: string, at: number): number {
  return (s.charCodeAt(at) - 48) * 10 + s.charCodeAt(at + 1) - 48
}

function allDigits(s: string, length: number): boolean {
  if (s.length !== length) return false
  for (let i = 0; i < length; i++) {
    const d = s.charCodeAt(i) - 48
    if (d < 0 || d > 9) return false
  }
  return true
}

function centuryOf(g: number): number {
  if (g === 1 || g === 2 || g === 5 || g === 6) return 1900
  if (g === 3 || g === 4 || g === 7 || g === 8) return 2000
  return 1800
}

function personBase(g: number, type: RegistrationVerdict['type'], sum: boolean, sep: string): number {
  const spaced = sep === 'space' ? 0.05 : 0
  // G 9/0 means born in the 1800s: nobody alive, so only a checksum makes it plausible.
  if (g === 9 || g === 0) return (sep === 'none' ? (sum ? 0.55 : 0.2) : sum ? 0.7 : 0.4) - spaced
  if (sep === 'none') return sum ? (type === 'KR_FRN' ? 0.7 : 0.8) : 0.4
  return (sum ? (type === 'KR_FRN' ? 0.9 : 0.95) : 0.65) - spaced
}

function labelledCrn(digits: string, front: string): RegistrationVerdict {
  if (isKrCrnChecksumValid(digits)) return { type: 'KR_CRN', score: 0.95, validator: 'crn-checksum' }
  return { type: 'KR_CRN', score: crnTypeCode.test(front.slice(4, 6)) ? 0.75 : 0.65 }
}

// Without a label a CRN is only claimed when no person could hold the number: G = 0 (1800s
// women) or an impossible birth date, plus a valid corporation type code.
function unlabelledCrn(
  digits: string,
  c: RegistrationCandidate,
  g: number,
  dateOk: boolean,
): RegistrationVerdict | undefined {
  if (!crnTypeCode.test(c.front.slice(4, 6))) return undefined
  const sum = isKrCrnChecksumValid(digits)
  const bare = c.separator === 'none'
  let score: number
  if (g === 0 && sum) score = bare ? 0.45 : 0.75
  else if (!dateOk && sum) score = bare ? 0.35 : 0.6
  else if (g === 0 && !(dateOk && isKrRrnChecksumValid(digits))) score = bare ? 0.2 : 0.4
  else return undefined
  if (c.label === 'other') score -= unlabelledPenalty
  return sum
    ? { type: 'KR_CRN', score: roundScore(score), validator: 'crn-checksum' }
    : { type: 'KR_CRN', score: roundScore(score) }
}
