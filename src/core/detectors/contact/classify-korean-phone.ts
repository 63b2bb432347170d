/** The finding subtypes a phone number can carry. */
export type PhoneKind = 'mobile' | 'landline' | 'voip' | 'personal' | 'business'

/**
 * A Korean number's kind, how many leading digits form its prefix, and whether it is an old or
 * irregular format (legacy mobile prefixes, a landline subscriber number starting with 0).
 */
export interface KoreanPhone {
  readonly kind: PhoneKind
  readonly prefixLength: number
  readonly legacy: boolean
}

const mobile: KoreanPhone = { kind: 'mobile', prefixLength: 3, legacy: false }
// 010-XXX-XXXX and the 011/016–019 prefixes predate the 2004 move to 010 but still circulate.
const legacyMobile: KoreanPhone = { kind: 'mobile', prefixLength: 3, legacy: true }
const seoul: KoreanPhone = { kind: 'landline', prefixLength: 2, legacy: false }
const area: KoreanPhone = { kind: 'landline', prefixLength: 3, legacy: false }
// Real subscriber numbers never start with 0, but generated and mistyped ones do; they keep the
// phone shape, so they are kept at a lower score rather than dropped.
const oddSeoul: KoreanPhone = { kind: 'landline', prefixLength: 2, legacy: true }
const oddArea: KoreanPhone = { kind: 'landline', prefixLength: 3, legacy: true }
const voip: KoreanPhone = { kind: 'voip', prefixLength: 3, legacy: false }
// 0502–0508 "safe numbers" forward to a hidden personal line; the rest of the 050 range is
// assigned too but rarely seen, so it is only taken next to a phone word.
const safe: KoreanPhone = { kind: 'personal', prefixLength: 4, legacy: false }
const otherPersonal: KoreanPhone = { kind: 'personal', prefixLength: 3, legacy: true }
// Pagers (015) are obsolete but still in the numbering plan.
const pager: KoreanPhone = { kind: 'mobile', prefixLength: 3, legacy: true }
const tollFree: KoreanPhone = { kind: 'business', prefixLength: 3, legacy: false }
const representative: KoreanPhone = { kind: 'business', prefixLength: 4, legacy: false }

// Ranges follow Google libphonenumber's KR metadata (pii-detection.md §3.8), written with the
// trunk 0. Dispatch on the second digit keeps this to a few pattern tests per candidate.
const rules: Readonly<Record<string, readonly (readonly [RegExp, KoreanPhone])[]>> = {
  '1': [
    [/^010\d{8}$/, mobile],
    [/^010\d{7}$/, legacyMobile],
    [/^01[16-9]\d{7,8}$/, legacyMobile],
    [/^015\d{7,8}$/, pager],
  ],
  '2': [
    [/^02[1-9]\d{6,7}$/, seoul],
    [/^020\d{6,7}$/, oddSeoul],
  ],
  '3': [
    [/^03[1-3][1-9]\d{6,7}$/, area],
    [/^03[1-3]0\d{6,7}$/, oddArea],
  ],
  '4': [
    [/^04[1-4][1-9]\d{6,7}$/, area],
    [/^04[1-4]0\d{6,7}$/, oddArea],
  ],
  '5': [
    [/^05[1-5][1-9]\d{6,7}$/, area],
    [/^05[1-5]0\d{6,7}$/, oddArea],
    [/^050[2-8]\d{7,8}$/, safe],
    [/^050\d{8}$/, otherPersonal],
  ],
  '6': [
    [/^06[1-4][1-9]\d{6,7}$/, area],
    [/^06[1-4]0\d{6,7}$/, oddArea],
    [/^060[2-9]\d{6}$/, tollFree],
  ],
  '7': [[/^070\d{8}$/, voip]],
  '8': [[/^080\d{7}$/, tollFree]],
}
// Representative numbers (UAN) 15XX/16XX/18XX-XXXX, only the assigned blocks.
const uan = /^1(?:5(?:22|33|44|66|77|88|99)|6(?:[07]0|44|6[0168]|88)|8(?:00|33|55|77|99))\d{4}$/

/**
 * Classifies a Korean number given as ASCII digits in national form (trunk 0 included, or a bare
 * 15XX/16XX/18XX representative number), or returns undefined when no Korean range fits.
 */
export function classifyKoreanPhone(digits: string): KoreanPhone | undefined {
  if (digits.charCodeAt(0) === 49) return uan.test(digits) ? representative : undefined
  if (digits.charCodeAt(0) !== 48) return undefined
  for (const [pattern, phone] of rules[digits.charAt(1)] ?? []) {
    if (pattern.test(digits)) return phone
  }
  return undefined
}
