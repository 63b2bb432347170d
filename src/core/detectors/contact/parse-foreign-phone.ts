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

// Metadata checks cost tens of microseconds and the same numbers recur (a signature, a contact
// repeated through a conversation that is re-sent every turn), so results are remembered: the
// answer depends on the candidate alone. Bounded, oldest entry out first.
const cacheLimit = 4096
const cache = new Map<string, ForeignPhone | null>()

/**
 * Checks one candidate (`+CC …`, or national digits with `country`) against Google's metadata;
 * undefined when it is not even a possible number. Called on candidates only, never on whole texts.
 */
export function parseForeignPhone(candidate: string, country?: CountryCode): ForeignPhone | undefined {
  const key = country === undefined ? candidate : `${country} ${candidate}`
  const known = cache.get(key)
  if (known !== undefined) return known ?? undefined
  const result = check(candidate, country)
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value as string)
  cache.set(key, result ?? null)
  return result
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
