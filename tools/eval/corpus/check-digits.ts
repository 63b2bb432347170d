// Check-digit rules written from research/pii-detection.md §3, on purpose NOT imported from src/:
// the corpus must stay an independent oracle for the detectors it measures.

const digitsOf = (s: string): number[] => [...s].map((c) => c.charCodeAt(0) - 48)

/** Luhn check digit that completes `body` (ISO/IEC 7812; cards, IMEI). */
export function luhnCheckDigit(body: string): number {
  let sum = 0
  const ds = digitsOf(body)
  for (let i = 0; i < ds.length; i++) {
    // Rightmost body digit is doubled, because the check digit will sit to its right.
    let d = ds[ds.length - 1 - i] as number
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return (10 - (sum % 10)) % 10
}

/** True when the digit string passes Luhn. */
export function passesLuhn(digits: string): boolean {
  return digits.length > 1 && luhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1))
}

const rrnWeights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]

function rrnSum(first12: string): number {
  return digitsOf(first12).reduce((s, d, i) => s + d * (rrnWeights[i] as number), 0)
}

/** RRN check digit, pre-October-2020 numbers: (11 − Σ mod 11) mod 10 (§3.1). */
export function rrnCheckDigit(first12: string): number {
  return (11 - (rrnSum(first12) % 11)) % 10
}

/** The ARN variant some validators use: (13 − Σ mod 11) mod 10 (§3.2). */
export function frnCheckDigit13(first12: string): number {
  return (13 - (rrnSum(first12) % 11)) % 10
}

/** 법인등록번호 check digit: weights 1,2,1,2… plain products, (10 − Σ mod 10) mod 10 (§3.6). */
export function crnCheckDigit(first12: string): number {
  const sum = digitsOf(first12).reduce((s, d, i) => s + d * (i % 2 === 0 ? 1 : 2), 0)
  return (10 - (sum % 10)) % 10
}

const brnWeights = [1, 3, 7, 1, 3, 7, 1, 3, 5]

/** 사업자등록번호 check digit: weights 1,3,7,1,3,7,1,3,5 plus floor(d9·5/10) (§3.5). */
export function brnCheckDigit(first9: string): number {
  const ds = digitsOf(first9)
  let sum = ds.reduce((s, d, i) => s + d * (brnWeights[i] as number), 0)
  sum += Math.floor(((ds[8] as number) * 5) / 10)
  return (10 - (sum % 10)) % 10
}

/** ISO 7064 MOD 97-10 remainder of an IBAN-ordered alphanumeric string (letters A=10 … Z=35). */
function mod97(s: string): number {
  let rest = 0
  for (const ch of s) {
    const code = ch.charCodeAt(0)
    const v = code >= 65 ? String(code - 55) : ch
    for (const c of v) rest = (rest * 10 + (c.charCodeAt(0) - 48)) % 97
  }
  return rest
}

/** The two IBAN check digits for a country code and BBAN (§3.12). */
export function ibanCheckDigits(country: string, bban: string): string {
  const r = mod97(`${bban}${country}00`)
  return String(98 - r).padStart(2, '0')
}

/** True when a compact IBAN passes mod 97. */
export function passesIban(iban: string): boolean {
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1
}
