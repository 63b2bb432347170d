import type { TextUnits } from '../text-scan/text-units.ts'

// Where a classification marking may start. Every marking contains, at both parities, a pair of
// adjacent units from a short list (two capitals; "Co", "Of", "fi", "ff" of Confidential and
// Official; "(" before a capital, a capital before ")" or "/"; 급비밀, 대외비 and 예고문), so only
// the aligned pairs (units 2k and 2k+1) are tested, in the shared language pass (language-passes.ts).
// The few pairs that pass are examined in code; the caller's sticky regex decides.

/** Pair tables of the marking scan (bits 0–11, one per rule below). */
export const markingFirstBits = new Uint16Array(0x10000)
export const markingSecondBits = new Uint16Array(0x10000)
const firstBits = markingFirstBits
const secondBits = markingSecondBits

function rule(bit: number, firsts: string, seconds: string): void {
  for (const c of firsts) firstBits[c.charCodeAt(0)] = (firstBits[c.charCodeAt(0)] as number) | bit
  for (const c of seconds) secondBits[c.charCodeAt(0)] = (secondBits[c.charCodeAt(0)] as number) | bit
}

const capitals = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
// One bit per rule: (first units, second units).
const rules: readonly (readonly [string, string])[] = [
  [capitals, capitals],
  ['(', capitals],
  [capitals, ')/'],
  ['C', 'o'],
  ['O', 'f'],
  ['f', 'if'],
  ['123IⅠⅡⅢ ', '급'],
  ['급', '비 '],
  ['대', '외'],
  ['외', '비'],
  ['예', '고'],
  ['고', '문'],
]
for (const [bit, [firsts, seconds]] of rules.entries()) rule(1 << bit, firsts, seconds)

const isLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
const isWordUnit = (c: number): boolean => isLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f

// The first word of every English marking; a capital pair elsewhere starts nothing.
const bannerFirstWords: ReadonlySet<string> = new Set(
  'COSMIC NATO TOP SECRET STRICTLY CONFIDENTIAL UNCLASSIFIED OFFICIAL FOR FOUO CUI SBU SENSITIVE RESTRICTED Strictly Confidential For'.split(
    ' ',
  ),
)

/**
 * Positions where a marking may start, ascending (with repeats), from the words whose aligned pair
 * passes (`passes`, ascending word indices; see language-passes.ts).
 */
export function markingStarts(text: string, { units }: TextUnits, passes: readonly number[]): number[] {
  const starts: number[] = []
  let next = 0 // index into passes
  for (let k = 0; next < passes.length; k++) {
    while (next < passes.length && (passes[next] as number) < k) next++
    if (next === passes.length) break
    k = passes[next] as number
    const q = 2 * k
    const a = units[q] as number
    const b = units[q + 1] as number
    if (a >= 0x80 || b >= 0x80) koreanStarts(text, q, starts)
    if (isLetter(a) || isLetter(b) || a === 0x28) {
      // Every pass inside the same word gives the same starts: go on after it.
      const end = englishStarts(text, units, q, starts)
      k = Math.max(k, (end >>> 1) - 1)
    }
  }
  // Passes come in order, so the starts nearly are: sort only when needed.
  for (let i = 1; i < starts.length; i++) {
    if ((starts[i] as number) < (starts[i - 1] as number)) return starts.sort((x, y) => x - y)
  }
  return starts
}

/** Starts near an English pass at `q`: a banner word, Confidential/Official, a portion mark. */
function englishStarts(text: string, units: Uint16Array, q: number, starts: number[]): number {
  // A portion mark: "(" and a capital near q, at the start of a line.
  for (let o = Math.max(0, q - 2); o <= q + 1; o++) {
    if (units[o] !== 0x28 || !'TSCU'.includes(text.charAt(o + 1))) continue
    let s = o
    while (s > 0 && (units[s - 1] === 0x20 || units[s - 1] === 0x09)) s--
    if (s === 0 || units[s - 1] === 0x0a) starts.push(s)
  }
  // The word around q.
  let ws = q + (units[q] === 0x28 ? 1 : 0)
  while (ws > 0 && ws > q - 30 && isLetter(units[ws - 1] as number)) ws--
  let we = q + 1
  while (we < q + 30 && isLetter(units[we] as number)) we++
  if (ws > 0 && isWordUnit(units[ws - 1] as number)) return we
  const word = text.slice(ws, we)
  if (bannerFirstWords.has(word)) starts.push(ws)
  if (word === 'Confidential' && text.startsWith('Strictly ', ws - 9)) starts.push(ws - 9)
  if (word === 'Official' && text.startsWith('For ', ws - 4)) starts.push(ws - 4)
  return we
}

/** Starts near a Korean pass at `q`: a 급 비밀 grade, 대외비, 예고문. */
function koreanStarts(text: string, q: number, starts: number[]): void {
  // Every grade passes with a pair that holds its 급: (numeral or space, 급) or (급, 비 or space).
  for (let g = q; g <= q + 1; g++) {
    if (text.charCodeAt(g) !== 0xae09) continue
    if (!text.startsWith('비밀', g + 1) && !text.startsWith(' 비밀', g + 1)) continue
    gradeStarts(text, g, starts)
  }
  for (let s = Math.max(0, q - 1); s <= q; s++) {
    if (text.startsWith('대외비', s) || text.startsWith('예고문', s)) starts.push(s)
  }
}

/** Where (군사 ?)?(III|II|I|Ⅲ|Ⅱ|Ⅰ|[123]) ? may start before the 급 at `g`. */
function gradeStarts(text: string, g: number, starts: number[]): void {
  const last = text.charCodeAt(g - 1) === 0x20 ? g - 2 : g - 1
  let first = last
  if (text.charCodeAt(last) === 0x49) while (first > last - 2 && text.charCodeAt(first - 1) === 0x49) first--
  else if (!'123ⅠⅡⅢ'.includes(text.charAt(last)) || last < 0) return
  for (let numeral = first; numeral <= last; numeral++) {
    for (const start of [numeral - 3, numeral - 2, numeral]) {
      if (start < 0 || (start < numeral && !text.startsWith(start === numeral - 2 ? '군사' : '군사 ', start)))
        continue
      // (?<![0-9A-Za-z]) before the match.
      const before = text.charCodeAt(start - 1)
      if (!(before >= 0x30 && before <= 0x39) && !isLetter(before)) starts.push(start)
    }
  }
}
