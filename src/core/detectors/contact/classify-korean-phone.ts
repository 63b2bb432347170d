/** The finding subtypes a phone number can carry. */
export type PhoneKind = 'mobile' | 'landline' | 'voip' | 'personal' | 'business'

/** A Korean number's kind, how many leading digits form its prefix, and whether it is an old format. */
export interface KoreanPhone {
  readonly kind: PhoneKind
  readonly prefixLength: number
  readonly legacy: boolean
}

// Ranges follow Google libphonenumber's KR metadata (pii-detection.md §3.8), written with the
// trunk 0. Landline subscriber numbers never start with 0.
const rules: readonly [RegExp, KoreanPhone][] = [
  [/^010\d{8}$/, { kind: 'mobile', prefixLength: 3, legacy: false }],
  // 010-XXX-XXXX and the 011/016–019 prefixes predate the 2004 move to 010 but still circulate.
  [/^010\d{7}$/, { kind: 'mobile', prefixLength: 3, legacy: true }],
  [/^01[16-9]\d{7,8}$/, { kind: 'mobile', prefixLength: 3, legacy: true }],
  [/^02[1-9]\d{6,7}$/, { kind: 'landline', prefixLength: 2, legacy: false }],
  [/^0(?:3[1-3]|4[1-4]|5[1-5]|6[1-4])[1-9]\d{6,7}$/, { kind: 'landline', prefixLength: 3, legacy: false }],
  [/^070\d{8}$/, { kind: 'voip', prefixLength: 3, legacy: false }],
  // 0502–0508 "safe numbers" forward to a hidden personal line.
  [/^050[2-8]\d{7,8}$/, { kind: 'personal', prefixLength: 4, legacy: false }],
  [/^080\d{7}$/, { kind: 'business', prefixLength: 3, legacy: false }],
  [/^060[2-9]\d{6}$/, { kind: 'business', prefixLength: 3, legacy: false }],
  // Representative numbers (UAN) 15XX/16XX/18XX-XXXX, only the assigned blocks.
  [
    /^1(?:5(?:22|33|44|66|77|88|99)|6(?:[07]0|44|6[0168]|88)|8(?:00|33|55|77|99))\d{4}$/,
    { kind: 'business', prefixLength: 4, legacy: false },
  ],
]

/**
 * Classifies a Korean number given as ASCII digits in national form (trunk 0 included, or a bare
 * 15XX/16XX/18XX representative number), or returns undefined when no Korean range fits.
 */
export function classifyKoreanPhone(digits: string): KoreanPhone | undefined {
  for (const [pattern, phone] of rules) {
    if (pattern.test(digits)) return phone
  }
  return undefined
}
