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

/**
 * Checks one candidate (`+CC …`, or national digits with `country`) against Google's metadata;
 * undefined when it is not even a possible number. Called on candidates only, never on whole texts.
 */
export function parseForeignPhone(candidate: string, country?: CountryCode): ForeignPhone | undefined {
  // Not memoised: a cache would keep phone numbers in memory across requests, and would flatter the
  // benchmark, whose corpus repeats numbers.
  return check(candidate, country)
}

function check(candidate: string, country: CountryCode | undefined): ForeignPhone | undefined {
  const phone = country
    ? parsePhoneNumberFromString(candidate, country)
    : parsePhoneNumberFromString(candidate)
  if (!phone?.isPossible()) return undefined
  // With the full metadata a number is valid exactly when it has a type, so the type is looked up
  // once; isValid() only decides for a numbering plan without type patterns.
  const type = phone.getType()
  const valid = type !== undefined || phone.isValid()
  return { valid, kind: type ? kindOfType[type] : undefined }
}
