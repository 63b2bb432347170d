import type { ScanInput } from '../../detection/scan-input.ts'
import { digitRunsOf } from '../korean-ids/digit-runs.ts'

// Between groups: nothing, one space, or '-'/'.' with optional spaces ("010-1234 -5678").
const sep = '(?: ?[-.] ?| )?'
// Extensions as written in the US ("x123", "ext. 123") stay inside the span.
const extension = String.raw`(?: ?(?:x|ext\.?) ?\d{1,5})?`
// '+CC', '(+CC)' or a 00 dialling prefix (00 82, 001-…) when a separator follows the country code.
const internationalShape = String.raw`(?:\(\+[1-9]\d{0,3}\)|\+[1-9]\d{0,3}|00(?:82|[1-9]\d{0,2}(?=[ .\-])))(?:[ .\-]?\(\d{1,4}\))?[ .\-]?\d{1,14}(?:[ .\-]\d{1,14}){0,6}${extension}`
const nationalShape = String.raw`\(?0\d{1,4}\)?${sep}\d{3,8}(?:${sep}\d{3,4})?`
const representativeShape = String.raw`1[568]\d{2}[ .\-]?\d{4}`
const northAmericanShape = String.raw`(?:1[ .\-]?)?\(?[2-9]\d{2}\)?[ .\-]?[2-9]\d{2}[ .\-]?\d{4}${extension}`
// Every alternative starts with a digit, '+' or '('. The edges refuse to start or end inside a
// longer digit chain joined by '-' or '.', so dates, versions and card numbers do not leak a phone.
// Sticky: it is tried only where a candidate can start (see below), in text order, which yields
// exactly the matches a global search would.
const candidate = new RegExp(
  `(?<![0-9A-Za-z_+]|[0-9][-.])(?:${internationalShape}|${nationalShape}|${representativeShape}|${northAmericanShape})(?![0-9A-Za-z_]|[-.][0-9])`,
  'y',
)

const isSeparator = (c: number): boolean => c === 32 || c === 45 || c === 46 // ' ' '-' '.'

/**
 * Whether a candidate can start at the digit run [from, end) (two or more digits), from its first
 * digit, its length and the unit after it. A match ends every digit group at a run boundary (its
 * edge refuses a following digit), so the groups each shape allows fix the run lengths:
 * 0…: national 0 + 1–4 digits, or 00 + country code, before ')', '(' or a separator, or 5+ bare;
 * 1…: 1588-style 4+4 or 8, or a North American number with its trunk 1 glued on (4, 7, 11);
 * 2–9…: a North American area code (3), area code and exchange (6), or all ten digits.
 */
function runCanStart(text: string, from: number, end: number): boolean {
  const digits = end - from
  const next = text.charCodeAt(end)
  const first = text.charCodeAt(from)
  if (first === 48) return digits >= 5 || isSeparator(next) || next === 41 || next === 40
  if (first === 49) {
    if (digits === 4) return isSeparator(next) || next === 41
    return (digits === 7 && isSeparator(next)) || digits === 8 || digits === 11
  }
  if (digits === 3) return isSeparator(next) || next === 41
  return (digits === 6 && isSeparator(next)) || digits === 10
}

/**
 * Calls `visit(raw, start)` for every phone-number candidate in `input`, in text order, as a global
 * search with the candidate pattern would. Starts are looked for only where one can be: on the
 * shared digit runs (a first digit, '(' before it, or a trunk "1" and separator before an area
 * code) and at each '+'.
 */
export function forEachPhoneCandidate(input: ScanInput, visit: (raw: string, start: number) => void): void {
  const text = input.text
  const runs = digitRunsOf(input)
  let covered = 0
  let tried = -1
  const attempt = (at: number): void => {
    if (at < covered || at <= tried) return
    tried = at
    candidate.lastIndex = at
    const m = candidate.exec(text)
    if (m === null) return
    covered = at + m[0].length
    visit(m[0], at)
  }
  let plus = text.indexOf('+')
  // '+CC' and '(+CC' starts before `limit`, in order ('+' is rare, so indexOf finds them fast).
  const plusesBefore = (limit: number): void => {
    for (; plus >= 0 && plus < limit; plus = text.indexOf('+', plus + 1)) {
      const next = text.charCodeAt(plus + 1)
      if (next < 49 || next > 57) continue
      if (text.charCodeAt(plus - 1) === 40) attempt(plus - 1)
      attempt(plus)
    }
  }
  const at = (p: number): void => {
    plusesBefore(p)
    attempt(p)
  }
  for (let k = 0; k < runs.count; k++) {
    const from = runs.bounds[k * 2] as number
    if (!runCanStart(text, from, runs.bounds[k * 2 + 1] as number)) continue
    const b1 = text.charCodeAt(from - 1)
    if (text.charCodeAt(from) >= 50) {
      // "1 (212) …", "1-212-…", "1(212)…": the trunk prefix starts the match.
      const b2 = text.charCodeAt(from - 2)
      if (b1 === 40 && isSeparator(b2) && text.charCodeAt(from - 3) === 49) at(from - 3)
      if ((isSeparator(b1) || b1 === 40) && b2 === 49) at(from - 2)
    }
    if (b1 === 40) at(from - 1)
    at(from)
  }
  plusesBefore(text.length)
}
