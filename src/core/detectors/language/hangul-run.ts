/** True when the UTF-16 unit at `index` is a precomposed Hangul syllable (가–힣). */
export function isHangulAt(text: string, index: number): boolean {
  const c = text.charCodeAt(index)
  return c >= 0xac00 && c <= 0xd7a3
}

/** Start of the run of Hangul syllables that ends at `end` (exclusive); `end` itself when there is none. */
export function hangulRunStart(text: string, end: number, limit: number): number {
  let i = end
  while (i > 0 && end - i < limit && isHangulAt(text, i - 1)) i--
  return i
}

/** End of the run of Hangul syllables that starts at `start`; `start` itself when there is none. */
export function hangulRunEnd(text: string, start: number, limit: number): number {
  let i = start
  while (i < text.length && i - start < limit && isHangulAt(text, i)) i++
  return i
}
