const weights = [1, 3, 7, 1, 3, 7, 1, 3, 5] as const

/**
 * True when 10 ASCII digits pass the 사업자등록번호 check: weights 1,3,7,1,3,7,1,3,5, plus
 * floor(d9 × 5 / 10), check = (10 − S mod 10) mod 10 (pii-detection.md §3.5).
 */
export function isKrBrnChecksumValid(digits: string): boolean {
  if (digits.length !== 10) return false
  let sum = 0
  for (let i = 0; i < 9; i++) {
    const d = digits.charCodeAt(i) - 48
    if (d < 0 || d > 9) return false
    sum += d * (weights[i] ?? 0)
  }
  sum += Math.floor(((digits.charCodeAt(8) - 48) * 5) / 10)
  return digits.charCodeAt(9) - 48 === (10 - (sum % 10)) % 10
}
