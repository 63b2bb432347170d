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
  const at = (k: number, field: number): number => hits[k * 3 + field] as number
  const order = Array.from({ length: hits.length / 3 }, (_, k) => k)
  order.sort((x, y) => at(x, 2) - at(y, 2) || at(x, 0) - at(y, 0) || at(y, 1) - at(x, 1))
  const findings: Finding[] = []
  let dictionary = -1
  let covered = 0
  for (const k of order) {
    const d = at(k, 2)
    if (d !== dictionary) {
      dictionary = d
      covered = 0
    }
    const start = at(k, 0)
    if (start < covered) continue
    covered = at(k, 1)
    const { name, score = defaultDictionaryScore } = dictionaries[d] as Dictionary
    findings.push({ type: 'DICTIONARY_TERM', start, end: covered, score, subtype: name })
  }
  return findings.sort((a, b) => a.start - b.start)
}
