/** True when an ASCII digit string (EAN-8/UPC-A/EAN-13/GTIN-14) passes the GS1 mod-10 check digit. */
export function isGtinChecksumValid(digits: string): boolean {
  if (digits.length < 8) return false
  let sum = 0
  for (let i = digits.length - 1, weight = 1; i >= 0; i--, weight = 4 - weight) {
    const d = digits.charCodeAt(i) - 48
    if (d < 0 || d > 9) return false
    sum += d * weight
  }
  return sum % 10 === 0
}
