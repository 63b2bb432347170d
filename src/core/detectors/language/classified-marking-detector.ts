import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import type { ScanInput } from '../../detection/scan-input.ts'
import { contextTest } from '../financial-device/context-test.ts'
import { pairPassesOf } from '../text-scan/pair-passes.ts'
import { unitsOf } from '../text-scan/text-units.ts'
import { markingStarts } from './classified-marking-scan.ts'
import { isHangulAt } from './hangul-run.ts'

// One pass over three families: Korean grades (Ⅰ/Ⅱ/Ⅲ급 비밀 in every numeral form; NFKC has already
// turned Ⅱ into II), 대외비 and 예고문 lines; upper-case English banners with optional //controls;
// portion marks at the start of a line. Case matters: prose "secret" and "confidential" never match.
const markingPattern = new RegExp(
  [
    '(?<![0-9A-Za-z])(군사 ?)?(III|II|I|Ⅲ|Ⅱ|Ⅰ|[123]) ?급 ?비밀',
    '(대외비)',
    '(예고문)',
    '(?<![A-Za-z0-9_])(COSMIC TOP SECRET|NATO (?:RESTRICTED|CONFIDENTIAL|SECRET)|TOP SECRET|SECRET|STRICTLY CONFIDENTIAL|CONFIDENTIAL|UNCLASSIFIED|OFFICIAL[- ]SENSITIVE|OFFICIAL|FOR OFFICIAL USE ONLY|FOUO|CUI|SBU|SENSITIVE BUT UNCLASSIFIED|RESTRICTED|Strictly Confidential|Confidential|For Official Use Only)(?![A-Za-z0-9_])((?://[A-Z0-9][A-Z0-9 ,-]{0,40}){0,6})',
    '(?<=^|\\n)[ \\t]*\\((TS|S|C|U)((?://[A-Z0-9][A-Z0-9 ,-]{0,30}){0,4})\\)(?=[ \\t]|$|\\n)',
  ].join('|'),
  'y',
)

const gradeNumber: Readonly<Record<string, string>> = { I: '1', II: '2', III: '3', Ⅰ: '1', Ⅱ: '2', Ⅲ: '3' }
// 비밀번호 (password), 비밀유지 (NDA), 비밀스러운, 비밀리에 (secretly): not a grade marking.
const notAfterSecret = /^(?:번호|유지|스러|스럽|리에|리 )/
// What may follow 대외비 inside a word: particles, copulas and document nouns. 대외비용 (cost),
// 대외비율 (ratio), 대외비교 (comparison) are other words.
const afterRestricted =
  /^(?:로|으로|문서|자료|입니|임|이|인|는|은|를|을|가|의|에|와|과|도|만|사항|등급|표시|정보|보고|취급|분류|지정|였|라)/
const noticeContent = /[0-9]{2,4} ?[.년-]|재분류|파기|일반문서|비밀|대외비|해제|보호기간/
const decoration = /^[\s*#=_~|:.,\-[\](){}<>【】「」『』〔〕]*$/
const openers = '[【<(「『〔'
const closers = ']】>)」』〕'
// Words that make an upper-case SECRET/CONFIDENTIAL in running text a classification, not emphasis.
/** Words that make a bare SECRET or CONFIDENTIAL a marking (lower-case, substring match). */
export const markingContextWords = [
  'classif',
  'marked',
  'marking',
  'banner',
  'clearance',
  '기밀',
  '비밀',
  '등급',
  '보안',
]
const hasMarkingContext = contextTest(markingContextWords)

interface Line {
  readonly before: string
  readonly after: string
  readonly end: number
}

// Lines are looked at within a bounded window so that text without newlines stays linear.
const lineWindow = 160

function lineAround(text: string, start: number, end: number): Line {
  const from = Math.max(0, start - lineWindow)
  const lineStart = from + text.slice(from, start).lastIndexOf('\n') + 1
  const ahead = text.slice(end, end + lineWindow)
  const newline = ahead.indexOf('\n')
  const lineEnd = newline < 0 ? end + ahead.length : end + newline
  return { before: text.slice(lineStart, start), after: text.slice(end, lineEnd), end: lineEnd }
}

const isAlone = (line: Line): boolean => decoration.test(line.before) && decoration.test(line.after)
const isBracketed = (text: string, start: number, end: number): boolean =>
  openers.includes(text.charAt(start - 1)) && closers.includes(text.charAt(end))

function koreanGrade(text: string, m: RegExpExecArray): Finding | undefined {
  const end = m.index + m[0].length
  if (notAfterSecret.test(text.slice(end, end + 3))) return undefined
  const prominent = isBracketed(text, m.index, end) || isAlone(lineAround(text, m.index, end))
  const subtype = `kr-${m[1] ? 'military-' : ''}grade-${gradeNumber[m[2] as string] ?? m[2]}`
  return { type: 'CLASSIFIED_MARKING', start: m.index, end, score: prominent ? 0.95 : 0.9, subtype }
}

function restricted(text: string, start: number): Finding | undefined {
  const end = start + 3
  if (isHangulAt(text, end) && !afterRestricted.test(text.slice(end, end + 4))) return undefined
  const line = lineAround(text, start, end)
  const score =
    isBracketed(text, start, end) || isAlone(line) ? 0.95 : decoration.test(line.before) ? 0.9 : 0.8
  return { type: 'CLASSIFIED_MARKING', start, end, score, subtype: 'kr-restricted' }
}

function notice(text: string, start: number): Finding {
  const line = lineAround(text, start, start + 3)
  const end = start + 3 + line.after.trimEnd().length
  const score = noticeContent.test(line.after) ? 0.9 : 0.4
  return { type: 'CLASSIFIED_MARKING', start, end, score, subtype: 'kr-notice' }
}

/** Score of an English marking word by its place: //controls, alone on a line, line start, prose. */
function bannerScore(
  input: ScanInput,
  word: string,
  hasControls: boolean,
  line: Line,
  start: number,
): number {
  if (hasControls) return 0.95
  if (word !== word.toUpperCase()) return isAlone(line) ? 0.75 : 0
  if (isAlone(line)) return /^(?:OFFICIAL|RESTRICTED|SBU|CUI)$/.test(word) ? 0.6 : 0.9
  const leads = decoration.test(line.before) && /^\s*(?::|-|$)/.test(line.after)
  if (leads && /CONFIDENTIAL|TOP SECRET|FOUO|FOR OFFICIAL/.test(word)) return 0.8
  if (/COSMIC|NATO|SENSITIVE|FOR OFFICIAL|FOUO/.test(word)) return 0.85
  if (word === 'TOP SECRET') return 0.75
  if (/^(?:SECRET|CONFIDENTIAL|STRICTLY CONFIDENTIAL|CUI)$/.test(word)) {
    return hasMarkingContext(input.text, start, start + word.length) ? 0.7 : 0.45
  }
  return 0
}

function englishSubtype(word: string, controls: string): string {
  if (/NATO|COSMIC/.test(word)) return 'nato'
  if (word.startsWith('OFFICIAL')) return 'uk'
  if (/FOUO|FOR OFFICIAL/.test(word + controls) && !/SECRET|CONFIDENTIAL/.test(word)) return 'us-fouo'
  if (/CUI|SBU|SENSITIVE BUT/.test(word)) return 'us-cui'
  if (word !== word.toUpperCase() || word === 'STRICTLY CONFIDENTIAL') return 'corporate'
  return 'us-banner'
}

function englishMarking(input: ScanInput, m: RegExpExecArray): Finding | undefined {
  const word = m[5] as string
  const controls = (m[6] ?? '').replace(/[ ,]+$/, '')
  // UNCLASSIFIED is a marking only with a protective control: UNCLASSIFIED//FOR OFFICIAL USE ONLY.
  if (word === 'UNCLASSIFIED' && !/FOUO|FOR OFFICIAL USE ONLY|CUI|LES|SBU|LIMDIS/.test(controls))
    return undefined
  const start = m.index
  const end = start + word.length + controls.length
  const score = bannerScore(input, word, controls.length > 0, lineAround(input.text, start, end), start)
  if (score === 0) return undefined
  return { type: 'CLASSIFIED_MARKING', start, end, score, subtype: englishSubtype(word, controls) }
}

/** (TS) (S) (C) (S//NF) at a line start; (U) alone marks unclassified text and is not reported. */
function portionMark(text: string, m: RegExpExecArray): Finding | undefined {
  const grade = m[7] as string
  const controls = m[8] ?? ''
  if (grade === 'U' && !/FOUO|CUI|LES|SBU/.test(controls)) return undefined
  const start = m.index + m[0].indexOf('(')
  const end = m.index + m[0].length
  // (A) (B) (C) is an enumeration, not a portion mark: look for the previous letter just above.
  if (controls === '' && grade.length === 1) {
    const previous = `(${String.fromCharCode(grade.charCodeAt(0) - 1)})`
    const above = text.slice(Math.max(0, start - lineWindow), start)
    if (above.includes(previous)) return undefined
  }
  const score = controls !== '' || grade === 'TS' ? 0.9 : grade === 'S' ? 0.8 : 0.75
  return { type: 'CLASSIFIED_MARKING', start, end, score, subtype: 'portion' }
}

/**
 * Finds classification markings: Korean 비밀 grades, 대외비, 예고문, and US/UK/NATO banners and portions.
 * A scan finds where one may start; the marking pattern, sticky, is tried only there.
 */
export const classifiedMarkingDetector: Detector = {
  id: 'classified-marking',
  types: ['CLASSIFIED_MARKING'],
  detect(input) {
    const { text } = input
    const findings: Finding[] = []
    let next = 0
    let tried = -1
    const passes = pairPassesOf(input).marking
    for (const start of markingStarts(text, unitsOf(input), passes)) {
      if (start < next || start === tried) continue
      tried = start
      markingPattern.lastIndex = start
      const m = markingPattern.exec(text)
      if (!m) continue
      next = start + m[0].length
      let found: Finding | undefined
      if (m[2] !== undefined) found = koreanGrade(text, m)
      else if (m[3] !== undefined) found = restricted(text, m.index)
      else if (m[4] !== undefined) {
        found = notice(text, m.index)
        next = found.end
      } else if (m[5] !== undefined) found = englishMarking(input, m)
      else if (m[7] !== undefined) found = portionMark(text, m)
      if (found) findings.push(found)
    }
    return findings
  },
}
