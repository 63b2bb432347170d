// The keys the device-id detector is anchored on, found without one big case-insensitive alternation
// (which made irregexp try every alternative at every position, ~20 ms per 10 MB on Node 24). Every key
// holds "id" in some case, or is 식별자, so one small regex finds the anchors and the key around each is
// confirmed in code. The keys are exactly the matches of
//   idf[av] | [ga]aid | adid | ad[_-]id | advertising[ _-]?id(?:entifier)? | device[ _-]?id
//   | android[ _-]?id | ssaid                                    (English, any case)
//   | (?<=(?:광고|기기|단말기?) ?)(?:id|ID|Id) | (?<=광고 ?)식별자
// (The regex this replaces wrote the English keys as (?i:…), which on Node 24 does not case-fold the
// [ga] of "[ga]aid", so "GAID" and "AAID" were missed; here they are keys like "gaid" and "aaid".)

/** A key found in the text: [start, end). */
export interface KeyCandidate {
  readonly start: number
  readonly end: number
}

// Sticky: tried only at the "id" and 식별 pairs of the shared pair pass, in text order.
const anchor = /[Ii][Dd]|식별자/y

// Lower-case ASCII letters compare with `| 32`; no other character maps onto one that way.
const lower = (text: string, i: number): number => text.charCodeAt(i) | 32
const isSeparator = (c: number): boolean => c === 32 || c === 95 || c === 45

// True when text[at, at + word.length) spells `word` (lower-case letters) in any case.
function spells(text: string, at: number, word: string): boolean {
  if (at < 0) return false
  for (let k = 0; k < word.length; k++) {
    if (lower(text, at + k) !== word.charCodeAt(k)) return false
  }
  return true
}

// Start of `word[ _-]?` ending right before `idAt`, or -1.
function wordBefore(text: string, idAt: number, word: string): number {
  if (spells(text, idAt - word.length, word)) return idAt - word.length
  const sep = idAt - 1
  return isSeparator(text.charCodeAt(sep)) && spells(text, sep - word.length, word) ? sep - word.length : -1
}

// The Korean lookbehind (?<=(?:광고|기기|단말기?) ?) at `at` (`adOnly`: (?<=광고 ?)).
function koreanBefore(text: string, at: number, adOnly: boolean): boolean {
  const end = text.charCodeAt(at - 1) === 32 ? at - 1 : at
  if (end >= 2 && text.startsWith('광고', end - 2)) return true
  if (adOnly) return false
  if (end >= 2 && (text.startsWith('기기', end - 2) || text.startsWith('단말', end - 2))) return true
  return end >= 3 && text.startsWith('단말기', end - 3)
}

const longKeys = ['advertising', 'device', 'android'] as const

// Start of the English key ending with the "id" at `a`, or -1. At most one can end there.
function keyEndingAt(text: string, a: number): number {
  const c1 = lower(text, a - 1)
  const c2 = lower(text, a - 2)
  if (c1 === 97 && (c2 === 103 || c2 === 97)) return a - 2 // gaid, aaid
  if (c1 === 100 && c2 === 97) return a - 2 // adid
  const raw1 = text.charCodeAt(a - 1)
  if ((raw1 === 95 || raw1 === 45) && c2 === 100 && lower(text, a - 3) === 97) return a - 3 // ad_id
  if (c1 === 97 && spells(text, a - 3, 'ssa')) return a - 3
  for (const word of longKeys) {
    const start = wordBefore(text, a, word)
    if (start >= 0) return start
  }
  return -1
}

// Pushes the keys around the "id" at `a`: one ending there, then one starting there. A Korean-labelled
// "id" only counts where idfa/idfv does not start: a failed idfa key leaves the shorter "id" key
// nothing to find (same values, less room), and a matching one wins as the earlier alternative.
function pushKeysAt(text: string, a: number, keys: KeyCandidate[]): void {
  const start = keyEndingAt(text, a)
  if (start >= 0) {
    // Only "advertising" keys are 11 or more characters long before their "id".
    const entifier = a - start >= 11 && spells(text, a + 2, 'entifier')
    keys.push({ start, end: entifier ? a + 10 : a + 2 })
  }
  const f = lower(text, a + 2)
  const v = lower(text, a + 3)
  if (f === 102 && (v === 97 || v === 118))
    keys.push({ start: a, end: a + 4 }) // idfa, idfv
  else if ((text.charCodeAt(a) === 73 || text.charCodeAt(a + 1) === 100) && koreanBefore(text, a, false)) {
    // (?:id|ID|Id) after a Korean word: "iD" is not a key.
    keys.push({ start: a, end: a + 2 })
  }
}

/** Every key in `text`, sorted by start; `pairs`: where an anchor may start, ascending. */
export function findDeviceKeys(text: string, pairs: readonly number[]): KeyCandidate[] {
  const keys: KeyCandidate[] = []
  let sorted = true
  let lastIndex = 0
  for (const at of pairs) {
    if (at < lastIndex) continue
    anchor.lastIndex = at
    if (!anchor.test(text)) continue
    const end = anchor.lastIndex
    lastIndex = end
    const before = keys.length
    if (text.charCodeAt(end - 1) === 0xc790) {
      // 식별자
      if (koreanBefore(text, end - 3, true)) keys.push({ start: end - 3, end })
    } else pushKeysAt(text, end - 2, keys)
    const prev = keys[before - 1]
    const first = keys[before]
    if (prev !== undefined && first !== undefined && prev.start > first.start) sorted = false
  }
  return sorted ? keys : keys.sort((x, y) => x.start - y.start)
}
