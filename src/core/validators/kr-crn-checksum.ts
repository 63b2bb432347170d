/**
 * True when 13 ASCII digits pass the 법인등록번호 check: weights 1,2,1,2… as plain products (no
 * digit folding), check = (10 − Σ mod 10) mod 10. Numbers issued from 31 January 2025 have no
 * check digit, so a failure only lowers confidence.
 */
export function isKrCrnChecksumValid(digits: string): boolean {
  if (digits.length !== 13) return false
  let sum = 0
  for (let i = 0; i < 12; i++) {
    const d = digits.charCodeAt(i) - 48
    if (d < 0 || d > 9) return false
    sum += i % 2 === 0 ? d : d * 2
  }
  return digits.charCodeAt(12) - 48 === (10 - (sum % 10)) % 10
}
