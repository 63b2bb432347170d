// Weights over the first 12 digits of a resident registration number (pii-detection.md §3.1).
const weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] as const

/** The RRN check digit for 13 ASCII digits, (11 − Σ mod 11) mod 10; -1 when the input is not 13 digits. */
export function krRrnCheckDigit(digits: string): number {
  if (digits.length !== 13) return -1
  let sum = 0
  for (let i = 0; i < 12; i++) {
    const d = digits.charCodeAt(i) - 48
    if (d < 0 || d > 9) return -1
    sum += d * (weights[i] ?? 0)
  }
  return (11 - (sum % 11)) % 10
}

/**
 * True when 13 ASCII digits carry a correct RRN check digit. Only numbers assigned before
 * 5 October 2020 (and not changed since) have one, so a failure never proves a number fake.
 */
export function isKrRrnChecksumValid(digits: string): boolean {
  const check = krRrnCheckDigit(digits)
  return check >= 0 && digits.charCodeAt(12) - 48 === check
}
