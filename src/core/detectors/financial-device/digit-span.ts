// Checks over a span of digits and separators read straight from the text: no digit string is built.

const isDigit = (c: number): boolean => c >= 48 && c <= 57

/** How many ASCII digits text[start, end) holds. */
export function countDigits(text: string, start: number, end: number): number {
  let n = 0
  for (let i = start; i < end; i++) if (isDigit(text.charCodeAt(i))) n++
  return n
}

/** The Luhn (ISO/IEC 7812) check over the digits of text[start, end), other characters skipped. */
export function isLuhnValidSpan(text: string, start: number, end: number): boolean {
  let sum = 0
  let double = false
  let digits = 0
  for (let i = end - 1; i >= start; i--) {
    let d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9) continue
    digits++
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return digits > 0 && sum % 10 === 0
}

/** The first `count` digits of text[start, …) read as one number, separators skipped. */
export function leadingDigits(text: string, start: number, count: number): number {
  let value = 0
  for (let i = start; count > 0 && i < text.length; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9) continue
    value = value * 10 + d
    count--
  }
  return value
}
