const weights = [7, 3, 1] as const

/**
 * The ICAO 9303 machine-readable-zone check digit of `field` (digits, A–Z, '<' as filler), with
 * weights 7,3,1 repeating; -1 when the field holds any other character.
 */
export function icaoCheckDigit(field: string): number {
  let sum = 0
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i)
    let value: number
    if (c >= 48 && c <= 57) value = c - 48
    else if (c >= 65 && c <= 90) value = c - 55
    else if (c === 60) value = 0
    else return -1
    sum += value * (weights[i % 3] ?? 0)
  }
  return sum % 10
}
