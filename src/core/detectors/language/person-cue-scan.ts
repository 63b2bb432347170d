import { firstAtOrAfter } from '../text-scan/pair-passes.ts'
import type { TextUnits } from '../text-scan/text-units.ts'
import {
  anyThird,
  englishThird,
  hangulBase,
  hangulCount,
  koreanCuesStartingWith,
  longestStartWord,
  nameKeyHashes,
  pairHash,
  runHash,
  singleCues,
  singleUnits,
  startHashes,
  tripleHash,
  withThird,
} from './person-cue-tables.ts'

// The PERSON cue scan: the shared language pass (language-passes.ts) finds the unit pairs that pass
// the cue tables, two lookups per unit; the few that pass are confirmed by the unit after them here,
// then read exactly. Korean
// cue words come out exact; English cues only as possible starts, which the caller's regex settles.

const isLower = (c: number): boolean => c >= 0x61 && c <= 0x7a
const isUpper = (c: number): boolean => c >= 0x41 && c <= 0x5a
const isLetter = (c: number): boolean => isLower(c) || isUpper(c)
const isLetterAt = (units: Uint16Array, i: number): boolean => i >= 0 && isLetter(units[i] as number)

/** What the last call of {@link nextPersonCue} found. */
export const found = { kind: 'korean' as 'korean' | 'english' | 'contact', cue: '' }

/**
 * The position of the next cue at or after `from`, or -1 (`passes`: the pairs that pass the cue tables). Korean cues (`found.cue`) and '(' before a
 * digit (a contact after a name) are exact; English positions need the caller's regex.
 */
export function nextPersonCue(
  text: TextUnits,
  passes: readonly number[],
  from: number,
  length: number,
): number {
  const { units } = text
  for (let k = firstAtOrAfter(passes, from); k < passes.length; k++) {
    const i = passes[k] as number
    if (!confirmed(units, i)) continue
    const at = cueAt(units, i, from, length)
    if (at >= 0) return at
  }
  return -1
}

/** Whether the units after a passing pair at `i` fit a cue (a necessary condition). */
function confirmed(units: Uint16Array, i: number): boolean {
  const a = units[i] as number
  const b = units[i + 1] as number
  if (a >= 0x80) {
    return (
      singleUnits[a] === 1 ||
      anyThird[pairHash(a, b)] === 1 ||
      withThird[tripleHash(a, b, units[i + 2] as number)] === 1
    )
  }
  if (a >= 0x41 && a <= 0x5a) {
    if (b === 0x20 || b === 0x27) return anyThird[pairHash(a, b)] === 1
    return withThird[tripleHash(a, b, englishThird(units[i + 2] as number))] === 1
  }
  if (a !== 0x61) return true
  // "am" of "name", and what may follow it (name:, name is, name="…").
  const after = units[i + 3] as number
  return (
    i > 0 &&
    units[i - 1] === 0x6e &&
    units[i + 2] === 0x65 &&
    (after === 0x20 || after === 0x09 || after === 0x3a || after === 0x3d || after === 0x22 || after === 0x27)
  )
}

/** The cue that starts at (or, for a hyphen or name key, before) a confirmed pair at `i`, or -1. */
function cueAt(units: Uint16Array, i: number, from: number, length: number): number {
  const c = units[i] as number
  if (c >= 0x80) return koreanCueAt(units, i, length) ? i : -1
  found.kind = 'english'
  if (isUpper(c)) return englishCueAt(units, i) ? i : -1
  if (c === 0x28) {
    found.kind = 'contact'
    return i
  }
  if (c === 0x2d) {
    // A hyphenated capitalised word (Gil-dong Hong) is a pair whatever its first part.
    let j = i
    while (j > i - 21 && isLower(units[j - 1] as number)) j--
    const ok = j < i && j - 1 >= from && isUpper(units[j - 1] as number) && !isLetterAt(units, j - 2)
    return ok ? j - 1 : -1
  }
  // "name" (customer_name:, my name is): "Name" and "NAME" start with a capital.
  return i - 1 >= from ? i - 1 : -1
}

function koreanCueAt(units: Uint16Array, i: number, length: number): boolean {
  const c = units[i] as number
  const next = units[i + 1] as number
  let cue: string | undefined
  if (c - hangulBase >= 0 && next - hangulBase >= 0 && next - hangulBase < hangulCount) {
    for (const w of koreanCuesStartingWith(c, next) ?? []) {
      if (startsAt(units, i, length, w)) {
        cue = w
        break
      }
    }
  }
  // A one-syllable cue needs a unit after it; the detector reads one at the very end itself.
  if (cue === undefined && i + 1 < length) cue = singleCues.get(c)
  if (cue === undefined) return false
  found.kind = 'korean'
  found.cue = cue
  return true
}

/** True when `word` (whose first two units already match) is at `i`. */
function startsAt(units: Uint16Array, i: number, length: number, word: string): boolean {
  if (i + word.length > length) return false
  for (let k = 2; k < word.length; k++) if (units[i + k] !== word.charCodeAt(k)) return false
  return true
}

/**
 * True when an English cue may start at `i` (an upper-case letter): a cue word or a name that can
 * begin a "First Last" pair starts here. Elsewhere a match would be a word glued to letters before
 * it, which reads nothing (except the name key: customer_Name), or a capitalised word that is no
 * name, which reads nothing either.
 */
function englishCueAt(units: Uint16Array, i: number): boolean {
  let h = 0
  let j = i
  while (j - i <= longestStartWord && isLetter(units[j] as number)) {
    h = runHash(h, units[j] as number)
    j++
  }
  if (j - i > longestStartWord) return false
  return isLetterAt(units, i - 1) ? nameKeyHashes.has(h) : startHashes.has(h)
}
