/**
 * Text as detectors see it: NFKC where it matters (full-width digits and letters, compatibility
 * forms), every dash variant folded to '-', zero-width characters removed, odd spaces folded to ' '.
 * `toOriginalStart`/`toOriginalEnd` map a span back to UTF-16 offsets of the original.
 */
export interface NormalizedText {
  readonly original: string
  readonly text: string
  toOriginalStart(index: number): number
  toOriginalEnd(index: number): number
}

// Characters that never change under our normalisation: ASCII printable plus whitespace, Hangul
// syllables (NFKC-stable), common CJK ideographs. Everything else is looked at one by one.
const needsWork = /[^\t\n\r\x20-\x7E\uAC00-\uD7A3\u4E00-\u9FFF]/

const zeroWidth = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad])
// NFKC leaves these dashes alone; users type them between digit groups (pii-detection.md §5.4).
const dashes = new Set([
  0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x30fc, 0xfe63, 0xff0d, 0x2043,
])
const spaces = new Set([0x00a0, 0x2002, 0x2003, 0x2009, 0x200a, 0x202f, 0x205f, 0x3000, 0x2007, 0x2008])
const HANGUL_EU = 0x3161 // ㅡ, typed as a dash between digits

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39
const isFullWidthDigit = (c: number | undefined): boolean => c !== undefined && c >= 0xff10 && c <= 0xff19

/** Normalises `original` for detection, keeping an offset map. Identity (no map) for plain text. */
export function normalizeText(original: string): NormalizedText {
  if (!needsWork.test(original)) return identity(original)
  const parts: string[] = []
  const starts: number[] = []
  const ends: number[] = []
  const emit = (s: string, from: number, to: number): void => {
    parts.push(s)
    for (let k = 0; k < s.length; k++) {
      starts.push(from)
      ends.push(to)
    }
  }
  let runStart = 0
  const flushPlain = (upTo: number): void => {
    if (upTo <= runStart) return
    parts.push(original.slice(runStart, upTo))
    for (let k = runStart; k < upTo; k++) {
      starts.push(k)
      ends.push(k + 1)
    }
  }
  const scanner = /[^\t\n\r\x20-\x7E\uAC00-\uD7A3\u4E00-\u9FFF]/g
  for (let m = scanner.exec(original); m; m = scanner.exec(original)) {
    const i = m.index
    flushPlain(i)
    const code = original.charCodeAt(i)
    let width = 1
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < original.length) width = 2
    scanner.lastIndex = i + width
    runStart = i + width
    if (zeroWidth.has(code)) continue
    if (dashes.has(code)) emit('-', i, i + 1)
    else if (spaces.has(code)) emit(' ', i, i + 1)
    else if (code === HANGUL_EU && besideDigit(original, i)) emit('-', i, i + 1)
    else emit(original.slice(i, i + width).normalize('NFKC'), i, i + width)
  }
  flushPlain(original.length)
  const text = parts.join('')
  const startMap = Int32Array.from(starts)
  const endMap = Int32Array.from(ends)
  return {
    original,
    text,
    toOriginalStart: (index) => (index >= startMap.length ? original.length : (startMap[index] ?? 0)),
    toOriginalEnd: (index) => (index <= 0 ? 0 : (endMap[index - 1] ?? original.length)),
  }
}

function besideDigit(s: string, i: number): boolean {
  const before = s.charCodeAt(i - 1)
  const after = s.charCodeAt(i + 1)
  return isDigit(before) || isDigit(after) || isFullWidthDigit(before) || isFullWidthDigit(after)
}

function identity(original: string): NormalizedText {
  return { original, text: original, toOriginalStart: (i) => i, toOriginalEnd: (i) => i }
}
