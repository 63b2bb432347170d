/** Card schemes told apart by issuer identification number (IIN) prefix and length. */
export type CardBrand =
  | 'visa'
  | 'mastercard'
  | 'amex'
  | 'discover'
  | 'jcb'
  | 'diners'
  | 'unionpay'
  | 'maestro'
  | 'kr_domestic'
  | 'uatp'

const between = (value: number, low: number, high: number): boolean => value >= low && value <= high

/** The brand whose IIN range and allowed lengths fit an ASCII digit string, or undefined. */
export function cardBrand(digits: string): CardBrand | undefined {
  const n = digits.length
  if (n < 13 || n > 19) return undefined
  return cardBrandOf(Number(digits.slice(0, 4)), n)
}

// Ranges follow pii-detection.md §3.10; specific ranges are tested before the broad Maestro 56–69 block.
/**
 * The brand of a card number of `n` digits whose first four digits, read as one number, are `p4`
 * (0–9999), or undefined. Lets callers skip building the digit string.
 */
export function cardBrandOf(p4: number, n: number): CardBrand | undefined {
  if (n < 13 || n > 19) return undefined
  const p1 = Math.floor(p4 / 1000)
  const p2 = Math.floor(p4 / 100)
  const p3 = Math.floor(p4 / 10)
  switch (p1) {
    case 1:
      // UATP (airline) cards are 15 digits; detectors treat them as context-only.
      return n === 15 ? 'uatp' : undefined
    case 2:
      return between(p4, 2221, 2720) && n === 16 ? 'mastercard' : undefined
    case 3:
      if (p2 === 34 || p2 === 37) return n === 15 ? 'amex' : undefined
      if (between(p4, 3528, 3589)) return n >= 16 ? 'jcb' : undefined
      if (between(p3, 300, 305) || p2 === 36 || p2 === 38 || p2 === 39) return n >= 14 ? 'diners' : undefined
      return undefined
    case 4:
      return n === 13 || n === 16 || n === 19 ? 'visa' : undefined
    case 5:
      if (between(p2, 51, 55)) return n === 16 ? 'mastercard' : undefined
      return p2 === 50 || p2 >= 56 ? 'maestro' : undefined
    case 6:
      if (p4 === 6011 || between(p3, 644, 649) || p2 === 65) return n >= 16 ? 'discover' : undefined
      if (p2 === 62) return n >= 16 ? 'unionpay' : undefined
      return 'maestro'
    case 9:
      // Korean domestic-only cards (국내전용) start with 9 and have 16 digits.
      return n === 16 ? 'kr_domestic' : undefined
    default:
      return undefined
  }
}
