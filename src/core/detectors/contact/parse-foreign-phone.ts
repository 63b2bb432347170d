import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max'
import type { PhoneKind } from './classify-korean-phone.ts'

/** How far libphonenumber vouches for a number: valid (a real range) or only possible (right length). */
export interface ForeignPhone {
  readonly valid: boolean
  readonly kind: PhoneKind | undefined
}

const kindOfType: Readonly<Record<string, PhoneKind>> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'landline',
  VOIP: 'voip',
  PERSONAL_NUMBER: 'personal',
  TOLL_FREE: 'business',
  UAN: 'business',
  SHARED_COST: 'business',
  PREMIUM_RATE: 'business',
}

// The answers check() can give, built once so that a candidate allocates no result object.
const possibleOnly: ForeignPhone = { valid: false, kind: undefined }
const validUntyped: ForeignPhone = { valid: true, kind: undefined }
const validByType: Readonly<Record<string, ForeignPhone>> = Object.fromEntries(
  Object.entries(kindOfType).map(([type, kind]) => [type, { valid: true, kind }]),
)

/**
 * For the national formats the detector tries, the national-number lengths [min, max + 1] that can
 * be possible: the union of possibleLengths over the countries sharing the calling code, plus one
 * for the trunk 0 that parsing may strip. A national candidate (ASCII digits, spaces, '-', '.',
 * brackets; first digit 0, not 00 or the country's IDD) keeps the default country's calling code
 * and loses at most that 0, so a digit count outside this range is never a possible number.
 * Checked against the metadata in parse-foreign-phone.test.ts.
 */
export const nationalDigitRange: Readonly<Partial<Record<CountryCode, readonly [number, number]>>> = {
  GB: [7, 11], // GB, GG, IM, JE: 7, 9, 10
  JP: [8, 18], // 8–17
  DE: [4, 16], // 4–15
  FR: [9, 10], // 9
  AU: [5, 13], // AU, CC, CX: 5–10, 12
}

// Whether `candidate` is a national number that `country` cannot hold (see nationalDigitRange).
function impossibleNational(candidate: string, country: CountryCode): boolean {
  const range = nationalDigitRange[country]
  if (range === undefined) return false
  let digits = 0
  let first = -1
  for (let i = 0; i < candidate.length; i++) {
    const c = candidate.charCodeAt(i)
    if (c >= 48 && c <= 57) {
      if (digits === 0) first = i
      digits++
    } else if (c !== 32 && c !== 45 && c !== 46 && c !== 40 && c !== 41) return false
  }
  if (digits === 0 || candidate.charCodeAt(first) !== 48) return false
  // A second 0 may start an international (IDD) prefix: 00 everywhere here, 010 in Japan.
  const second = candidate.charCodeAt(nextDigit(candidate, first + 1))
  if (second === 48) return false
  if (
    country === 'JP' &&
    second === 49 &&
    candidate.charCodeAt(nextDigit(candidate, nextDigit(candidate, first + 1) + 1)) === 48
  )
    return false
  return digits < range[0] || digits > range[1]
}

function nextDigit(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 48 && c <= 57) return i
  }
  return s.length
}

/**
 * Checks one candidate (`+CC …`, or national digits with `country`) against Google's metadata;
 * undefined when it is not even a possible number. Called on candidates only, never on whole texts.
 */
export function parseForeignPhone(candidate: string, country?: CountryCode): ForeignPhone | undefined {
  // Not memoised: a cache would keep phone numbers in memory across requests, and would flatter the
  // benchmark, whose corpus repeats numbers.
  if (country && impossibleNational(candidate, country)) return undefined
  return check(candidate, country)
}

function check(candidate: string, country: CountryCode | undefined): ForeignPhone | undefined {
  const phone = country
    ? parsePhoneNumberFromString(candidate, country)
    : parsePhoneNumberFromString(candidate)
  if (!phone?.isPossible()) return undefined
  // isValid() is "getType() is defined" for a numbering plan with type patterns, and every plan in
  // the full metadata has them (asserted in parse-foreign-phone.test.ts), so the type is looked up
  // once and isValid() is never asked to repeat the search.
  const type = phone.getType()
  return type === undefined ? possibleOnly : (validByType[type] ?? validUntyped)
}
