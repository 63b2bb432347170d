import { termStarts } from './term-starts.ts'

/**
 * A compiled multi-pattern matcher over UTF-16 code units. ASCII letters are case-folded and tab,
 * CR and LF match a space, so callers that need exact case re-check the span themselves.
 */
export interface Automaton {
  /** Number of states, for sizing reports and tests. */
  readonly stateCount: number
  /** Number of Int32 transition cells, for sizing reports and tests. */
  readonly tableSize: number
  /** Calls `onMatch(pattern, end)` for every occurrence, overlapping ones included, in no set order. */
  scan(text: string, onMatch: (pattern: number, end: number) => void): void
}

const UNITS = 0x10000
// With more distinct code units than this a row per state gets too wide (Hangul dictionaries use
// thousands of syllables), so all but the most frequent units become two symbols: a high half read
// in a "boundary" state and a low half read in a "mid" state, each with its own narrow row.
const MAX_DIRECT = 255
const DIRECT_WHEN_SPLIT = 63

/** The unit the automaton sees for `c`: ASCII lower case, line breaks and tabs as spaces. */
export function foldUnit(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return c | 0x20
  return c === 0x09 || c === 0x0a || c === 0x0d ? 0x20 : c
}

/**
 * Symbols: `sym1` is a direct symbol (1..direct) or a high half (direct+1..); `sym2` is the low
 * half (1..) or 0. Rows of boundary states are `wide` cells, rows of mid states `narrow`; cell 0 of
 * every row holds the state's number, since transitions store row offsets.
 */
interface Alphabet {
  readonly sym1: Uint16Array
  readonly sym2: Uint16Array
  readonly direct: number
  readonly wide: number
  readonly narrow: number
}

/** Builds the automaton for `patterns` (indices are kept; empty patterns never match). */
export function buildAutomaton(patterns: readonly string[]): Automaton {
  const alphabet = assignSymbols(patterns)
  const { sym1, sym2 } = alphabet
  const trie = buildTrie(patterns, alphabet)
  const { delta, outLink } = linkStates(trie, alphabet)
  const { ownFirst, nextSame, depth } = trie
  const longest = patterns.reduce((m, p) => Math.max(m, p.length), 0)
  const next = (s: number, c: number): number => {
    const a = sym1[c] as number
    if (a === 0) return 0
    const b = sym2[c] as number
    return b === 0 ? (delta[s + a] as number) : (delta[(delta[s + a] as number) + b] as number)
  }
  const emit = (row: number, end: number, onMatch: (pattern: number, end: number) => void): void => {
    for (let t = delta[row] as number; t > 0; t = outLink[t] as number) {
      for (let p = ownFirst[t] as number; p >= 0; p = nextSame[p] as number) onMatch(p, end)
    }
  }
  // Every unit from `begin` on, in two independent walks over the two halves (each step waits on
  // the previous table read). The second starts `longest` units early to catch matches across the
  // seam, and leaves matches ending in the first half to the first.
  const walk = (text: string, begin: number, onMatch: (pattern: number, end: number) => void): void => {
    const n = text.length
    const seam = n - begin >= 4 * longest + 256 ? (begin + n) >> 1 : begin
    const from = Math.max(begin, seam - longest + 1)
    let s = 0
    let t = 0
    for (let i = begin, j = from; i < seam; i++, j++) {
      s = next(s, text.charCodeAt(i))
      t = next(t, text.charCodeAt(j))
      if (s < 0) {
        s = ~s
        emit(s, i + 1, onMatch)
      }
      if (t < 0) {
        t = ~t
        if (j >= seam) emit(t, j + 1, onMatch)
      }
    }
    for (let j = from + seam - begin; j < n; j++) {
      t = next(t, text.charCodeAt(j))
      if (t < 0) {
        t = ~t
        emit(t, j + 1, onMatch)
      }
    }
  }
  // Only the patterns that start at `at`: a trie walk, until the state's depth falls behind.
  const walkFrom = (text: string, at: number, onMatch: (pattern: number, end: number) => void): void => {
    let s = 0
    for (let i = at; i < text.length; i++) {
      s = next(s, text.charCodeAt(i))
      if (s < 0) s = ~s
      const state = delta[s] as number
      if (depth[state] !== i - at + 1) return
      for (let p = ownFirst[state] as number; p >= 0; p = nextSame[p] as number) onMatch(p, i + 1)
    }
  }
  const starts = termStarts(patterns, foldUnit)
  return {
    stateCount: trie.rows.length,
    tableSize: delta.length,
    scan(text, onMatch) {
      if (starts === undefined) return walk(text, 0, onMatch)
      // Skip to the units that can start a pattern and walk the trie from there; where such
      // starts are dense the full automaton is cheaper, so the rest of the text gets that.
      let hits = 0
      starts.each(text, (at) => {
        hits++
        if (hits > 64 && hits * denseStartSpacing > at) {
          walk(text, at, onMatch)
          return false
        }
        walkFrom(text, at, onMatch)
        return true
      })
    },
  }
}

// Fewer units than this per possible start and a trie walk per start costs more than the automaton.
const denseStartSpacing = 16

function assignSymbols(patterns: readonly string[]): Alphabet {
  const counts = new Uint32Array(UNITS)
  for (const p of patterns) {
    for (let i = 0; i < p.length; i++) {
      const c = foldUnit(p.charCodeAt(i))
      counts[c] = (counts[c] as number) + 1
    }
  }
  const used: number[] = []
  for (let c = 0; c < UNITS; c++) if ((counts[c] as number) > 0) used.push(c)
  // Frequent units get the direct symbols: one table read per unit in the text loop.
  used.sort((x, y) => (counts[y] as number) - (counts[x] as number) || x - y)
  const sym1 = new Uint16Array(UNITS)
  const sym2 = new Uint16Array(UNITS)
  const direct = used.length <= MAX_DIRECT ? used.length : DIRECT_WHEN_SPLIT
  const rest = used.length - direct
  const low = rest === 0 ? 0 : Math.ceil(Math.sqrt(rest))
  const high = rest === 0 ? 0 : Math.ceil(rest / low)
  used.forEach((c, i) => {
    if (i < direct) {
      sym1[c] = i + 1
      return
    }
    sym1[c] = direct + 1 + Math.floor((i - direct) / low)
    sym2[c] = 1 + ((i - direct) % low)
  })
  for (let c = 0; c < UNITS; c++) {
    const f = foldUnit(c)
    if (f !== c) {
      sym1[c] = sym1[f] as number
      sym2[c] = sym2[f] as number
    }
  }
  return { sym1, sym2, direct, wide: 1 + direct + high, narrow: 1 + low }
}

interface Trie {
  readonly table: Int32Array
  /** Row offset of each state; state 0 is the root, state 1 the empty mid state. */
  readonly rows: Int32Array
  readonly mid: Uint8Array
  /** First pattern ending at a state (-1: none); patterns sharing a state are chained. */
  readonly ownFirst: Int32Array
  readonly nextSame: Int32Array
  /** Units read from the root to a boundary state; -1 for mid states. */
  readonly depth: Int32Array
}

/**
 * Inserts all patterns one level at a time, so states are numbered breadth first: a state's failure
 * state comes before it, and the shallow states a scan lives in share a few cache lines.
 */
function buildTrie(patterns: readonly string[], alphabet: Alphabet): Trie {
  const { sym1, sym2, direct, wide, narrow } = alphabet
  const bound = countStates(patterns, sym2)
  const table = new Int32Array(bound.boundary * wide + bound.mid * narrow)
  let used = 0
  const rows: number[] = []
  const mid: number[] = []
  const ownFirst: number[] = []
  const depth: number[] = []
  const addState = (isMid: boolean, units: number): number => {
    const row = used
    used += isMid ? narrow : wide
    table[row] = rows.length
    rows.push(row)
    mid.push(isMid ? 1 : 0)
    ownFirst.push(-1)
    depth.push(isMid ? -1 : units)
    return row
  }
  addState(false, 0)
  // Where a high half leads when nothing continues it: a mid state whose low halves all go to the root.
  addState(true, -1)
  const nextSame = new Int32Array(patterns.length).fill(-1)
  const at = new Int32Array(patterns.length) // row each pattern has reached
  const half = new Uint8Array(patterns.length) // 1: the high half of the current unit is consumed
  const done = new Int32Array(patterns.length) // units consumed
  let active = patterns.map((_, index) => index).filter((index) => (patterns[index] as string).length > 0)
  while (active.length > 0) {
    const still: number[] = []
    for (const index of active) {
      const p = patterns[index] as string
      const c = p.charCodeAt(done[index] as number)
      const row = at[index] as number
      const b = sym2[c] as number
      const symbol = half[index] ? b : (sym1[c] as number)
      const toMid = symbol > direct && !half[index]
      let child = table[row + symbol] as number
      if (child === 0) {
        child = addState(toMid, (done[index] as number) + 1)
        table[row + symbol] = child
      }
      at[index] = child
      if (toMid) half[index] = 1
      else {
        half[index] = 0
        done[index] = (done[index] as number) + 1
      }
      if ((done[index] as number) < p.length) {
        still.push(index)
        continue
      }
      const state = table[child] as number
      nextSame[index] = ownFirst[state] as number
      ownFirst[state] = index
    }
    active = still
  }
  return {
    // Mid states were over-counted; give a large unused tail back rather than pin it.
    table: used < table.length * 0.75 ? table.slice(0, used) : table.subarray(0, used),
    rows: Int32Array.from(rows),
    mid: Uint8Array.from(mid),
    ownFirst: Int32Array.from(ownFirst),
    nextSame,
    depth: Int32Array.from(depth),
  }
}

/** Upper bounds on the state counts: distinct folded prefixes, and split units among them. */
function countStates(patterns: readonly string[], sym2: Uint16Array): { boundary: number; mid: number } {
  const folded = patterns.map((p) =>
    p.replace(/[A-Z\t\n\r]/g, (c) => String.fromCharCode(foldUnit(c.charCodeAt(0)))),
  )
  folded.sort()
  let boundary = 1
  let mid = 1
  let previous = ''
  for (const p of folded) {
    let common = 0
    while (common < p.length && p.charCodeAt(common) === previous.charCodeAt(common)) common++
    for (let i = common; i < p.length; i++) {
      boundary++
      if (sym2[p.charCodeAt(i)] !== 0) mid++
    }
    previous = p
  }
  return { boundary, mid }
}

/**
 * Turns the trie into a full DFA in place. Transitions into a state that reports a
 * match are stored as `~row`, so the text loop tests one sign bit.
 */
function linkStates(trie: Trie, alphabet: Alphabet): { delta: Int32Array; outLink: Int32Array } {
  const { table: delta, rows, mid, ownFirst } = trie
  const count = rows.length
  const emptyMid = rows[1] as number
  const fail = new Int32Array(count)
  const outLink = new Int32Array(count)
  for (let state = 0; state < count; state++) {
    if (state === 1) continue
    const row = rows[state] as number
    const failRow = fail[state] as number
    const width = mid[state] ? alphabet.narrow : alphabet.wide
    for (let a = 1; a < width; a++) {
      const fallback =
        state === 0 ? (a > alphabet.direct ? emptyMid : 0) : decode(delta[failRow + a] as number)
      const child = delta[row + a] as number
      if (child === 0) {
        delta[row + a] = state === 0 ? fallback : (delta[failRow + a] as number)
        continue
      }
      const c = delta[child] as number
      const f = delta[fallback] as number
      fail[c] = fallback
      outLink[c] = (ownFirst[f] as number) >= 0 ? f : (outLink[f] as number)
      delta[row + a] = (ownFirst[c] as number) >= 0 || outLink[c] !== 0 ? ~child : child
    }
  }
  return { delta, outLink }
}

const decode = (entry: number): number => (entry < 0 ? ~entry : entry)
