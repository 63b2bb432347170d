import { krRrnCheckDigit } from './kr-rrn-checksum.ts'

/**
 * True when 13 ASCII digits pass either published foreigner-number check: the RRN formula
 * (python-stdnum) or its 13-based variant, RRN digit + 2 mod 10 (Presidio). Sources disagree, so
 * either counts as consistent (pii-detection.md §3.2).
 */
export function isKrFrnChecksumValid(digits: string): boolean {
  const check = krRrnCheckDigit(digits)
  if (check < 0) return false
  const last = digits.charCodeAt(12) - 48
  return last === check || last === (check + 2) % 10
}
