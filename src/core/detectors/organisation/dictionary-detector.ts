import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import { normalizeText } from '../../text/normalize-text.ts'
import { buildAutomaton, foldUnit } from './aho-corasick.ts'

/** A named list of organisation terms (project code names, client names, internal systems). */
export interface Dictionary {
  readonly name: string
  readonly terms: readonly string[]
  /** Default false: ASCII letters match in either case. */
  readonly caseSensitive?: boolean
  /** Default true: an end of a term that is an ASCII letter or digit must not touch another one. */
  readonly wholeWord?: boolean
  /** Default {@link defaultDictionaryScore}. */
  readonly score?: number
}

/** Score of a dictionary finding when the dictionary does not set one. */
export const defaultDictionaryScore = 0.9

/** A term as it is matched: normalised like scanned text, trimmed, inner whitespace collapsed. */
export function normalizeTerm(term: string): string {
  return normalizeText(term).text.trim().replace(/\s+/g, ' ')
}

const isAsciiWordUnit = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)

interface PatternTable {
  readonly texts: string[]
  readonly dictionary: number[]
  readonly exactCase: boolean[]
  readonly guardStart: boolean[]
  readonly guardEnd: boolean[]
}

function collectPatterns(dictionaries: readonly Dictionary[]): PatternTable {
  const table: PatternTable = { texts: [], dictionary: [], exactCase: [], guardStart: [], guardEnd: [] }
  dictionaries.forEach((dictionary, d) => {
    const exactCase = dictionary.caseSensitive ?? false
    const wholeWord = dictionary.wholeWord ?? true
    const seen = new Set<string>()
    for (const raw of dictionary.terms) {
      const term = normalizeTerm(raw)
      const identity = exactCase ? term : fold(term)
      if (term === '' || seen.has(identity)) continue
      seen.add(identity)
      table.texts.push(term)
      table.dictionary.push(d)
      table.exactCase.push(exactCase)
      // Only ASCII ends are guarded: Korean particles attach directly to a Hangul term's end.
      table.guardStart.push(wholeWord && isAsciiWordUnit(term.charCodeAt(0)))
      table.guardEnd.push(wholeWord && isAsciiWordUnit(term.charCodeAt(term.length - 1)))
    }
  })
  return table
}

const fold = (s: string): string =>
  s.replace(/[A-Z\t\n\r]/g, (c) => String.fromCharCode(foldUnit(c.charCodeAt(0))))

/** True when `text` at `start` equals `term` exactly, except that any line break or tab matches a space. */
function matchesExactly(text: string, start: number, term: string): boolean {
  for (let i = 0; i < term.length; i++) {
    const t = term.charCodeAt(i)
    const c = text.charCodeAt(start + i)
    if (c !== t && !(t === 0x20 && foldUnit(c) === 0x20)) return false
  }
  return true
}

/**
 * One detector for all `dictionaries`: a single Aho–Corasick pass finds every term, then each
 * dictionary keeps its leftmost-longest non-overlapping matches (subtype: the dictionary's name).
 */
export function createDictionaryDetector(dictionaries: readonly Dictionary[]): Detector {
  const table = collectPatterns(dictionaries)
  const automaton = buildAutomaton(table.texts)
  const lengths = Int32Array.from(table.texts, (t) => t.length)
  const owner = Int32Array.from(table.dictionary)
  return {
    id: 'organisation-dictionary',
    types: ['DICTIONARY_TERM'],
    detect(input) {
      const text = input.text
      const hits: number[] = [] // (start, end, dictionary) triples
      automaton.scan(text, (p, end) => {
        const start = end - (lengths[p] as number)
        if (table.guardStart[p] && start > 0 && isAsciiWordUnit(text.charCodeAt(start - 1))) return
        if (table.guardEnd[p] && end < text.length && isAsciiWordUnit(text.charCodeAt(end))) return
        if (table.exactCase[p] && !matchesExactly(text, start, table.texts[p] as string)) return
        hits.push(start, end, owner[p] as number)
      })
      return hits.length === 0 ? [] : leftmostLongest(hits, dictionaries)
    },
  }
}

function leftmostLongest(hits: readonly number[], dictionaries: readonly Dictionary[]): Finding[] {
  // Hit indices by dictionary, start, longest first: an insertion sort, as a text holds few hits.
  const count = hits.length / 3
  // A plain array: a typed array per prompt costs more to allocate than the sort takes.
  const order: number[] = new Array(count).fill(0)
  for (let k = 0; k < count; k++) {
    const d = hits[k * 3 + 2] as number
    const start = hits[k * 3] as number
    const end = hits[k * 3 + 1] as number
    let i = k
    for (; i > 0; i--) {
      const o = (order[i - 1] as number) * 3
      const od = hits[o + 2] as number
      const os = hits[o] as number
      if (od < d || (od === d && (os < start || (os === start && (hits[o + 1] as number) >= end)))) break
      order[i] = order[i - 1] as number
    }
    order[i] = k
  }
  const findings: Finding[] = []
  let dictionary = -1
  let covered = 0
  let sorted = true
  for (let i = 0; i < count; i++) {
    const h = (order[i] as number) * 3
    const d = hits[h + 2] as number
    if (d !== dictionary) {
      dictionary = d
      covered = 0
    }
    const start = hits[h] as number
    if (start < covered) continue
    covered = hits[h + 1] as number
    const { name, score = defaultDictionaryScore } = dictionaries[d] as Dictionary
    const last = findings[findings.length - 1]
    if (last !== undefined && last.start > start) sorted = false
    findings.push({ type: 'DICTIONARY_TERM', start, end: covered, score, subtype: name })
  }
  return sorted ? findings : findings.sort((a, b) => a.start - b.start)
}
