/** True for ASCII letters and digits: the characters a numeric identifier must not touch. */
export function isAsciiAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57

// Korean particles are not ASCII, so a glued 로/이고 never blocks either edge.
/** True when a digit span may start at `start`: no letter or digit before, not the tail of "2024-0101-…". */
export function isDigitSpanStart(text: string, start: number): boolean {
  if (start === 0) return true
  const before = text.charCodeAt(start - 1)
  if (isAsciiAlnum(before)) return false
  return !((before === 45 || before === 46) && start >= 2 && isDigit(text.charCodeAt(start - 2)))
}

/** True when a digit span may end at `end`: no letter or digit after it, and no "-digit" continuation. */
export function isDigitSpanEnd(text: string, end: number): boolean {
  if (end >= text.length) return true
  const after = text.charCodeAt(end)
  if (isAsciiAlnum(after)) return false
  return !(after === 45 && end + 1 < text.length && isDigit(text.charCodeAt(end + 1)))
}
