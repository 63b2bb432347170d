import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import type { ScanInput } from '../../detection/scan-input.ts'
import { type CardBrand, cardBrandOf } from '../../validators/card-brand.ts'
import { digitRunsOf } from '../korean-ids/digit-runs.ts'
import { contextTest } from './context-test.ts'
import { cardContextWords, imeiContextWords, referenceContextWords } from './context-words.ts'
import { isDigitSpanEnd, isDigitSpanStart } from './digit-boundary.ts'
import { countDigits, isLuhnValidSpan, leadingDigits } from './digit-span.ts'

// One pass: four leading digits, then either a bare run or groups joined by one repeated separator
// (4-4-4-4[-3], 4-6-5 Amex, 4-6-4 Diners, 4-4-4-1…). '*', 'x', 'X', '#' and '•' admit masked receipts.
// Tried only where a match can start (see detect), never as a search over the whole text.
const cardPattern =
  /[0-9]{4}(?:[0-9*xX#•]{9,15}|([- ])(?:[0-9*xX#•]{6}\1[0-9*xX#•]{4,5}|[0-9*xX#•]{4}\1[0-9*xX#•]{4}\1[0-9*xX#•]{1,4}(?:\1[0-9*xX#•]{1,3})?))(?![0-9A-Za-z*#•])/y
const isMask = (c: number): boolean => c === 42 || c === 120 || c === 88 || c === 35 || c === 0x2022
const isStretchUnit = (c: number): boolean => (c >= 48 && c <= 57) || isMask(c)

// Brands whose IIN range is narrow and well known; the others (Maestro 50/56–69, the Korean 9-series)
// cover wide prefix blocks where random Luhn-valid numbers land more often.
const strongBrands: ReadonlySet<CardBrand> = new Set([
  'visa',
  'mastercard',
  'amex',
  'discover',
  'jcb',
  'diners',
  'unionpay',
])

/** Scores behind the card detector, exported so tests and tuning read the same numbers. */
export const cardScores = {
  strongGrouped: 0.9,
  strongBare: 0.85,
  weakGrouped: 0.8,
  weakBare: 0.75,
  strongBoost: 0.15,
  weakBoost: 0.2,
  /** UATP numbers and Luhn-failing UnionPay numbers: below the floor until card words are near. */
  contextGated: 0.4,
  uatpBoost: 0.4,
  unionPayBoost: 0.35,
  referencePenalty: 0.45,
  masked: 0.2,
} as const

// Reference labels precede the number ("주문번호 …", "Order ID: …"); "charge … for the order" is a card.
const referenceWindow = { before: 24, after: 0 } as const
const hasCardContext = contextTest(cardContextWords)
const hasImeiContext = contextTest(imeiContextWords)
const hasReferenceContext = contextTest(referenceContextWords)

function baseAndBoost(brand: CardBrand, luhn: boolean, grouped: boolean): [number, number] | undefined {
  // Some older UnionPay numbers carry no Luhn check digit: keep them, but only with context.
  if (!luhn) return brand === 'unionpay' ? [cardScores.contextGated, cardScores.unionPayBoost] : undefined
  if (brand === 'uatp') return [cardScores.contextGated, cardScores.uatpBoost]
  if (strongBrands.has(brand)) {
    return [grouped ? cardScores.strongGrouped : cardScores.strongBare, cardScores.strongBoost]
  }
  return [grouped ? cardScores.weakGrouped : cardScores.weakBare, cardScores.weakBoost]
}

// Scores text[start, end), digits and separators only; undefined when it is no card.
function score(text: string, start: number, end: number): Finding | undefined {
  const digits = countDigits(text, start, end)
  const brand = cardBrandOf(leadingDigits(text, start, 4), digits)
  if (brand === undefined) return undefined
  const luhn = isLuhnValidSpan(text, start, end)
  const scoring = baseAndBoost(brand, luhn, end - start !== digits)
  if (scoring === undefined) return undefined
  const hasCard = hasCardContext(text, start, end)
  // IMEIs are 15 Luhn digits (IMEISV 16): the device label wins unless the text also speaks of cards.
  if (!hasCard && hasImeiContext(text, start, end)) return undefined
  let value = scoring[0]
  if (hasCard) value += scoring[1]
  else if (hasReferenceContext(text, start, end, referenceWindow)) value -= cardScores.referencePenalty
  const finding: Finding = {
    type: 'CREDIT_CARD',
    start,
    end,
    score: Math.min(1, Math.round(value * 100) / 100),
    subtype: brand,
  }
  return luhn ? { ...finding, validator: 'luhn' } : finding
}

function count(text: string, start: number, end: number, test: (c: number) => boolean): number {
  let n = 0
  for (let i = start; i < end; i++) if (test(text.charCodeAt(i))) n++
  return n
}

// "4111 1111 1111 1111 123": a trailing short group may be a separate number (CVC, amount), so the
// card without it is tried too. Dash-joined tails stay attached and fail as a whole.
function scoreCandidates(text: string, start: number, end: number): Finding | undefined {
  if (!isDigitSpanEnd(text, end)) return undefined
  const whole = score(text, start, end)
  if (whole || count(text, start, end, (c) => c === 32) !== 4) return whole
  return score(text, start, text.lastIndexOf(' ', end - 1))
}

function detect(input: ScanInput): Finding[] {
  const { text } = input
  const findings: Finding[] = []
  const runs = digitRunsOf(input)
  // The same matches, in the same order, as a global search with the pattern: it is tried at every
  // place a match can start, in text order, from the end of the previous match on. A match starts
  // four digits into a digit run and either ends its run there ([- ] groups follow) or, bare, lies
  // 13–19 units before the end of the run's [0-9*xX#•] stretch (the lookahead takes no stretch unit).
  let lastIndex = 0
  const attempt = (at: number): void => {
    if (at < lastIndex) return
    cardPattern.lastIndex = at
    if (!cardPattern.test(text)) return
    lastIndex = cardPattern.lastIndex
    const found = judge(text, at, lastIndex)
    if (found) findings.push(found)
  }
  for (let k = 0; k < runs.count; k++) {
    const runStart = runs.bounds[2 * k] as number
    const runEnd = runs.bounds[2 * k + 1] as number
    const grouped = runEnd - 4
    if (grouped < runStart || grouped < lastIndex) continue
    let stretchEnd = runEnd
    while (isStretchUnit(text.charCodeAt(stretchEnd))) stretchEnd++
    const last = Math.min(grouped, stretchEnd - 13)
    for (let at = Math.max(runStart, stretchEnd - 19); at <= last; at++) attempt(at)
    const next = text.charCodeAt(runEnd)
    if (grouped > last && (next === 45 || next === 32)) attempt(grouped)
  }
  return findings
}

function judge(text: string, start: number, end: number): Finding | undefined {
  if (!isDigitSpanStart(text, start)) return undefined
  const masks = count(text, start, end, isMask)
  if (masks > 0) {
    // An already-masked receipt number: recognised, reported far below the alert floor.
    if (masks >= 4 && isDigitSpanEnd(text, end)) {
      return { type: 'CREDIT_CARD', start, end, score: cardScores.masked, subtype: 'masked' }
    }
    return undefined
  }
  return scoreCandidates(text, start, end)
}

/** CREDIT_CARD: 13–19 digit card numbers with a known IIN range, Luhn-checked, with or without groups. */
export const creditCardDetector: Detector = { id: 'credit-card', types: ['CREDIT_CARD'], detect }
