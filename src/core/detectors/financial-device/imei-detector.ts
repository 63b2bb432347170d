import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import type { ScanInput } from '../../detection/scan-input.ts'
import { cardBrandOf } from '../../validators/card-brand.ts'
import { digitRunsOf } from '../korean-ids/digit-runs.ts'
import { contextTest } from './context-test.ts'
import { imeiContextWords } from './context-words.ts'
import { isDigitSpanEnd, isDigitSpanStart } from './digit-boundary.ts'
import { countDigits, isLuhnValidSpan, leadingDigits } from './digit-span.ts'

// 15 digits (IMEI) or 16 (IMEISV), bare, as AA-BBBBBB-CCCCCC-D[D] with '-' or ' ', or as the
// TAC-serial-check split BBBBBBBB-CCCCCC-D[D]. The grouped form's match starts at its BBBBBB group,
// its AA- prefix checked by the lookbehind. Tried only where a match can start (see detect).
const imeiPattern =
  /[0-9]{6}(?:[0-9]{9,10}|[0-9][0-9]-[0-9]{6}-[0-9]{1,2}|(?<=[0-9][0-9]([- ])[0-9]{6})\1[0-9]{6}\1[0-9]{1,2})(?![0-9A-Za-z])/y
// The grouped form's match starts at BBBBBB; its number starts at AA, three characters earlier.
const groupedLead = 3

const hasImeiContext = contextTest(imeiContextWords)

// GSMA reporting-body identifiers (first two TAC digits) that nearly all handsets in use carry:
// 01 (PTCRB/CTIA), 35 (BABT), 86 (TAF China), 99 (GHA). A bare Luhn-valid number with one of them
// is probably an IMEI; with any other prefix it needs a label.
const commonReportingBodies: ReadonlySet<number> = new Set([1, 35, 86, 99])

/** Scores behind the IMEI detector, exported so tests and tuning read the same numbers. */
export const imeiScores = {
  withContext: 0.95,
  grouped: 0.85,
  bareCommonPrefix: 0.6,
  bareOther: 0.4,
  cardShaped: 0.3,
  imeisvWithContext: 0.8,
} as const

function scoreImei(text: string, start: number, end: number): Finding | undefined {
  const digits = countDigits(text, start, end)
  if (digits === 16) {
    // IMEISV has no check digit: only a label tells it from any other 16-digit number.
    return hasImeiContext(text, start, end)
      ? { type: 'IMEI', start, end, score: imeiScores.imeisvWithContext, subtype: 'imeisv' }
      : undefined
  }
  if (!isLuhnValidSpan(text, start, end)) return undefined
  let score: number
  if (hasImeiContext(text, start, end)) score = imeiScores.withContext
  else if (end - start !== digits) score = imeiScores.grouped
  // 15-digit Amex, Diners and Maestro numbers are Luhn-valid too: the card detector claims those.
  else if (cardBrandOf(leadingDigits(text, start, 4), digits) !== undefined) score = imeiScores.cardShaped
  else {
    const body = leadingDigits(text, start, 2)
    score = commonReportingBodies.has(body) ? imeiScores.bareCommonPrefix : imeiScores.bareOther
  }
  return { type: 'IMEI', start, end, score, subtype: 'imei', validator: 'luhn' }
}

function detect(input: ScanInput): Finding[] {
  const { text } = input
  const findings: Finding[] = []
  const runs = digitRunsOf(input)
  // The same matches as a global search with the pattern from `lastIndex` on, tried only where one
  // can start: every form starts with six digits of one run and then either ends with the run (15 or
  // 16 digits: no digit may follow) or meets a separator after six or eight digits.
  let lastIndex = 0
  // End of the previous match: a number may not start inside it, even if its lookbehind reaches back.
  let floor = 0
  const attempt = (at: number): void => {
    if (at < lastIndex) return
    imeiPattern.lastIndex = at
    const m = imeiPattern.exec(text)
    if (m === null) return
    lastIndex = imeiPattern.lastIndex
    const start = m[1] === undefined ? at : at - groupedLead
    if (start < floor) {
      lastIndex = at + 1
      return
    }
    const end = imeiPattern.lastIndex
    floor = end
    if (!isDigitSpanStart(text, start) || !isDigitSpanEnd(text, end)) return
    const found = scoreImei(text, start, end)
    if (found) findings.push(found)
  }
  for (let k = 0; k < runs.count; k++) {
    const runStart = runs.bounds[2 * k] as number
    const runEnd = runs.bounds[2 * k + 1] as number
    if (runEnd - runStart < 6) continue
    const next = text.charCodeAt(runEnd)
    const separated = next === 45 || next === 32
    if (runEnd - 16 >= runStart) attempt(runEnd - 16)
    if (runEnd - 15 >= runStart) attempt(runEnd - 15)
    if (next === 45 && runEnd - 8 >= runStart) attempt(runEnd - 8)
    if (separated) attempt(runEnd - 6)
  }
  return findings
}

/** IMEI: 15-digit Luhn-checked handset identities (IMEISV 16 digits with a label only). */
export const imeiDetector: Detector = { id: 'imei', types: ['IMEI'], detect }
