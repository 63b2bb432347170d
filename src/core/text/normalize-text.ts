import { copyUnits } from './unit-copy.ts'

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
// syllables (NFKC-stable), compatibility jamo other than ㅡ (ㅋㅋ, ㅠㅠ: NFKC would only re-code them),
// common CJK ideographs and NFKC-stable punctuation of Korean prose (· ‘ ’ “ ” • → ※ 、。〈〉《》「」『』【】
// and geometric shapes). Everything else is looked at one by one.
const stable =
  '\\t\\n\\r\\x20-\\x7E\\u00B7\\u2018-\\u201D\\u2022\\u2192\\u203B\\u3001\\u3002\\u3008-\\u3011\\u25A0-\\u25FF' +
  '\\u3131-\\u3160\\u3162-\\u318E\\uAC00-\\uD7A3\\u4E00-\\u9FFF'
// Single-character NFKC results, memoised: the same few symbols recur in every document.
const nfkcCache = new Map<string, string>()

const zeroWidth = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad])
// NFKC leaves these dashes alone; users type them between digit groups (pii-detection.md §5.4).
const dashes = new Set([
  0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x30fc, 0xfe63, 0xff0d, 0x2043,
])
const spaces = new Set([0x00a0, 0x2002, 0x2003, 0x2009, 0x200a, 0x202f, 0x205f, 0x3000, 0x2007, 0x2008])
const HANGUL_EU = 0x3161 // ㅡ, typed as a dash between digits

const isDigit = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)

/**
 * The offset map is a list of pieces, not a per-character table: one-to-one pieces (unchanged text
 * and same-length replacements such as full-width digits) map by offset, other replacements map as a
 * whole. Prompts are mostly one-to-one, so the map stays tiny.
 */
interface Pieces {
  readonly normStart: number[]
  readonly origStart: number[]
  readonly origEnd: number[]
  readonly plain: boolean[]
}

// 1 for code units that never change (the `stable` set above), built once: the loop below tests each
// unit with one array load instead of restarting a regex at every special character.
const stableUnits = new Uint8Array(0x10000)
for (const m of stable.matchAll(
  /\\([tnr])|\\x([0-9A-F]{2})-\\x([0-9A-F]{2})|\\u([0-9A-F]{4})(?:-\\u([0-9A-F]{4}))?/g,
)) {
  if (m[1]) stableUnits[m[1] === 't' ? 9 : m[1] === 'n' ? 10 : 13] = 1
  const from = parseInt((m[2] ?? m[4]) as string, 16)
  const to = parseInt((m[3] ?? m[5] ?? m[2] ?? m[4]) as string, 16)
  if (!Number.isNaN(from)) stableUnits.fill(1, from, to + 1)
}

/** Normalises `original` for detection, keeping an offset map. Identity (no map) for plain text. */
export function normalizeText(original: string): NormalizedText {
  // Table reads over a typed copy, two units per step: several times faster than a regex search for
  // the first unit to change, and the loop below reads the same copy instead of calling charCodeAt.
  const { units, words } = copyUnits(original)
  const n = original.length
  let k = 0
  const fullWords = n >>> 1
  while (k < fullWords) {
    const w = words[k] as number
    if (((stableUnits[w & 0xffff] as number) & (stableUnits[w >>> 16] as number)) === 0) break
    k++
  }
  let first = 2 * k
  while (first < n && stableUnits[units[first] as number] === 1) first++
  if (first === n) return identity(original)
  const out: string[] = []
  const pieces: Pieces = { normStart: [], origStart: [], origEnd: [], plain: [] }
  let length = 0 // normalised length emitted so far
  let copied = 0 // original offset up to which text has been emitted
  let pieceStart = 0 // original offset where the current one-to-one piece began
  let pieceNormStart = 0
  const closePiece = (upTo: number): void => {
    if (upTo > pieceStart) {
      pieces.normStart.push(pieceNormStart)
      pieces.origStart.push(pieceStart)
      pieces.origEnd.push(upTo)
      pieces.plain.push(true)
    }
  }
  for (let i = first; i < n; i++) {
    const code = units[i] as number
    if (stableUnits[code] === 1) continue
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < n ? 2 : 1
    const replacement = replace(original, i, width, code)
    const end = i + width
    i = end - 1
    if (replacement.length === width) {
      // Same length (full-width digits, dashes): the piece stays one-to-one, only the text changes.
      if (replacement === original.slice(end - width, end)) continue
      out.push(original.slice(copied, end - width), replacement)
      length += end - width - copied + width
      copied = end
      continue
    }
    out.push(original.slice(copied, end - width))
    length += end - width - copied
    closePiece(end - width)
    if (replacement.length > 0) {
      pieces.normStart.push(length)
      pieces.origStart.push(end - width)
      pieces.origEnd.push(end)
      pieces.plain.push(false)
      out.push(replacement)
      length += replacement.length
    }
    copied = end
    pieceStart = end
    pieceNormStart = length
  }
  out.push(original.slice(copied))
  closePiece(n)
  if (pieces.normStart.length === 1 && pieces.plain[0]) return withOneToOne(original, out.join(''))
  return withMap(original, out.join(''), pieces)
}

function replace(s: string, i: number, width: number, code: number): string {
  if (zeroWidth.has(code)) return ''
  if (dashes.has(code)) return '-'
  if (spaces.has(code)) return ' '
  if (code === HANGUL_EU) return isDigit(s.charCodeAt(i - 1)) || isDigit(s.charCodeAt(i + 1)) ? '-' : 'ㅡ'
  const ch = s.slice(i, i + width)
  let folded = nfkcCache.get(ch)
  if (folded === undefined) {
    folded = ch.normalize('NFKC')
    if (nfkcCache.size < 4096) nfkcCache.set(ch, folded)
  }
  return folded
}

function withMap(original: string, text: string, p: Pieces): NormalizedText {
  const find = (index: number): number => {
    let lo = 0
    let hi = p.normStart.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((p.normStart[mid] as number) <= index) lo = mid
      else hi = mid - 1
    }
    return lo
  }
  return {
    original,
    text,
    toOriginalStart(index) {
      if (index >= text.length) return original.length
      const k = find(index)
      const base = p.origStart[k] as number
      return p.plain[k] ? base + (index - (p.normStart[k] as number)) : base
    },
    toOriginalEnd(index) {
      if (index <= 0) return 0
      const k = find(index - 1)
      return p.plain[k]
        ? (p.origStart[k] as number) + (index - (p.normStart[k] as number))
        : (p.origEnd[k] as number)
    },
  }
}

// Every change kept lengths: offsets are the same in both texts.
function withOneToOne(original: string, text: string): NormalizedText {
  return { original, text, toOriginalStart: (i) => i, toOriginalEnd: (i) => i }
}

function identity(original: string): NormalizedText {
  return { original, text: original, toOriginalStart: (i) => i, toOriginalEnd: (i) => i }
}
