import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import type { ScanInput } from '../../detection/scan-input.ts'
import { ibanLengthAt, ibanMod97Span } from '../../validators/iban-mod97.ts'
import { digitRunsOf } from '../korean-ids/digit-runs.ts'
import { contextTest } from './context-test.ts'
import { ibanContextWords } from './context-words.ts'
import { isAsciiAlnum } from './digit-boundary.ts'

// Country letters, check digits, then up to 30 BBAN characters each optionally preceded by one space.
// Every iteration starts with a distinct character, so the loop cannot backtrack; the country length
// decides in code where the IBAN ends. Tried only where a match can start (see detect).
const ibanPattern = /[A-Z][A-Z][0-9][0-9](?: ?[0-9A-Z]){10,30}/y
const isUpper = (c: number): boolean => c >= 65 && c <= 90

/** Scores behind the IBAN detector, exported so tests and tuning read the same numbers. */
export const ibanScores = { valid: 0.95, withContext: 1 } as const

const hasIbanContext = contextTest(ibanContextWords)

// End offset of an IBAN of `length` characters starting at `start`, or -1. Spaces may only fall
// between groups of four (printed form), and the IBAN must not run on into more letters or digits.
function ibanEnd(text: string, start: number, length: number): number {
  let count = 0
  let i = start
  while (count < length && i < text.length) {
    const c = text.charCodeAt(i)
    if (c === 32) {
      if (count % 4 !== 0) return -1
    } else if (isAsciiAlnum(c)) count++
    else return -1
    i++
  }
  if (count < length) return -1
  return i < text.length && isAsciiAlnum(text.charCodeAt(i)) ? -1 : i
}

function detect(input: ScanInput): Finding[] {
  const { text } = input
  const findings: Finding[] = []
  const runs = digitRunsOf(input)
  // The same matches as a global search with the pattern from `lastIndex` on, tried only where one
  // can start: the check digits after the two country letters begin a run of two or more digits.
  let lastIndex = 0
  for (let k = 0; k < runs.count; k++) {
    const start = (runs.bounds[2 * k] as number) - 2
    if (start < lastIndex || !isUpper(text.charCodeAt(start)) || !isUpper(text.charCodeAt(start + 1)))
      continue
    ibanPattern.lastIndex = start
    if (!ibanPattern.test(text)) continue
    const matchEnd = ibanPattern.lastIndex
    const length = ibanLengthAt(text, start)
    const end = length === 0 ? -1 : ibanEnd(text, start, length)
    // The regex guarantees letters, digits and single spaces, check digits included; ibanEnd the
    // country's length: what is left of isValidIban is the checksum.
    const valid =
      end > 0 &&
      (start === 0 || !isAsciiAlnum(text.charCodeAt(start - 1))) &&
      ibanMod97Span(text, start, end) === 1
    if (valid) {
      const score = hasIbanContext(text, start, end) ? ibanScores.withContext : ibanScores.valid
      const subtype = text.slice(start, start + 2)
      findings.push({ type: 'IBAN_CODE', start, end, score, subtype, validator: 'iban-mod97' })
      lastIndex = end
    } else {
      // Another IBAN may start after a space inside this match ("XX12 DE89 3704 …").
      const space = text.indexOf(' ', start)
      lastIndex = space < 0 || space >= matchEnd ? matchEnd : space + 1
    }
  }
  return findings
}

/** IBAN_CODE: ISO 13616 account numbers, checked against the country length table and mod 97. */
export const ibanDetector: Detector = { id: 'iban', types: ['IBAN_CODE'], detect }
