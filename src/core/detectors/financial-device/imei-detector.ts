import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import type { ScanInput } from '../../detection/scan-input.ts'
import { cardBrand } from '../../validators/card-brand.ts'
import { isLuhnValid } from '../../validators/luhn.ts'
import { imeiContextWords } from './context-words.ts'
import { isDigitSpanEnd, isDigitSpanStart } from './digit-boundary.ts'

// 15 digits (IMEI) or 16 (IMEISV), bare, as AA-BBBBBB-CCCCCC-D[D] with '-' or ' ', or as the
// TAC-serial-check split BBBBBBBB-CCCCCC-D[D]. Leading digits are spelled out one class at a time:
// irregexp skips ahead far faster on `[0-9][0-9]…` than on `[0-9]{n}` (measured ~2.5x on Node 24).
const imeiPattern =
  /[0-9][0-9](?:[0-9][0-9][0-9][0-9](?:[0-9]{9,10}|[0-9][0-9]-[0-9]{6}-[0-9]{1,2})|([- ])[0-9]{6}\1[0-9]{6}\1[0-9]{1,2})(?![0-9A-Za-z])/g
const separators = /[- ]/g

// GSMA reporting-body identifiers (first two TAC digits) that nearly all handsets in use carry:
// 01 (PTCRB/CTIA), 35 (BABT), 86 (TAF China), 99 (GHA). A bare Luhn-valid number with one of them
// is probably an IMEI; with any other prefix it needs a label.
const commonReportingBodies: ReadonlySet<string> = new Set(['01', '35', '86', '99'])

/** Scores behind the IMEI detector, exported so tests and tuning read the same numbers. */
export const imeiScores = {
  withContext: 0.95,
  grouped: 0.85,
  bareCommonPrefix: 0.6,
  bareOther: 0.4,
  cardShaped: 0.3,
  imeisvWithContext: 0.8,
} as const

function scoreImei(
  input: ScanInput,
  start: number,
  end: number,
  raw: string,
  digits: string,
): Finding | undefined {
  const context = input.hasContext(start, end, imeiContextWords)
  if (digits.length === 16) {
    // IMEISV has no check digit: only a label tells it from any other 16-digit number.
    return context
      ? { type: 'IMEI', start, end, score: imeiScores.imeisvWithContext, subtype: 'imeisv' }
      : undefined
  }
  if (!isLuhnValid(digits)) return undefined
  let score: number
  if (context) score = imeiScores.withContext
  else if (raw.length !== digits.length) score = imeiScores.grouped
  // 15-digit Amex, Diners and Maestro numbers are Luhn-valid too: the card detector claims those.
  else if (cardBrand(digits) !== undefined) score = imeiScores.cardShaped
  else
    score = commonReportingBodies.has(digits.slice(0, 2)) ? imeiScores.bareCommonPrefix : imeiScores.bareOther
  return { type: 'IMEI', start, end, score, subtype: 'imei', validator: 'luhn' }
}

function detect(input: ScanInput): Finding[] {
  const { text } = input
  const findings: Finding[] = []
  for (const m of text.matchAll(imeiPattern)) {
    const start = m.index
    const raw = m[0]
    const end = start + raw.length
    if (!isDigitSpanStart(text, start) || !isDigitSpanEnd(text, end)) continue
    const found = scoreImei(input, start, end, raw, raw.replace(separators, ''))
    if (found) findings.push(found)
  }
  return findings
}

/** IMEI: 15-digit Luhn-checked handset identities (IMEISV 16 digits with a label only). */
export const imeiDetector: Detector = { id: 'imei', types: ['IMEI'], detect }
