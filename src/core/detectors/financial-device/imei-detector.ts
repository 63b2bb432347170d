import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import type { ScanInput } from '../../detection/scan-input.ts'
import { cardBrandOf } from '../../validators/card-brand.ts'
import { contextTest } from './context-test.ts'
import { imeiContextWords } from './context-words.ts'
import { isDigitSpanEnd, isDigitSpanStart } from './digit-boundary.ts'
import { countDigits, isLuhnValidSpan, leadingDigits } from './digit-span.ts'

// 15 digits (IMEI) or 16 (IMEISV), bare, as AA-BBBBBB-CCCCCC-D[D] with '-' or ' ', or as the
// TAC-serial-check split BBBBBBBB-CCCCCC-D[D]. Every form holds six digits in a row, so the pattern
// starts with six digit classes, which irregexp skips through several times faster than a two-digit
// start (the grouped form is then matched from its BBBBBB group, its AA- prefix checked by the
// lookbehind); digits are spelled out one class at a time, which irregexp scans faster than {n}.
const imeiPattern =
  /[0-9][0-9][0-9][0-9][0-9][0-9](?:[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]?|[0-9][0-9]-[0-9]{6}-[0-9]{1,2}|(?<=[0-9][0-9]([- ])[0-9]{6})\1[0-9]{6}\1[0-9]{1,2})(?![0-9A-Za-z])/g
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
  // End of the previous match: a number may not start inside it, even if its lookbehind reaches back.
  let floor = 0
  imeiPattern.lastIndex = 0
  for (let m = imeiPattern.exec(text); m; m = imeiPattern.exec(text)) {
    const start = m[1] === undefined ? m.index : m.index - groupedLead
    if (start < floor) {
      imeiPattern.lastIndex = m.index + 1
      continue
    }
    const end = imeiPattern.lastIndex
    floor = end
    if (!isDigitSpanStart(text, start) || !isDigitSpanEnd(text, end)) continue
    const found = scoreImei(text, start, end)
    if (found) findings.push(found)
  }
  return findings
}

/** IMEI: 15-digit Luhn-checked handset identities (IMEISV 16 digits with a label only). */
export const imeiDetector: Detector = { id: 'imei', types: ['IMEI'], detect }
