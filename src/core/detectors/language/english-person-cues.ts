import type { ScanInput } from '../../detection/scan-input.ts'
import { contextTest } from '../financial-device/context-test.ts'
import { englishFirstNames, romanizedSurnames } from './english-name-data.ts'
import { isHangulAt } from './hangul-run.ts'
import { type Sink, scores } from './person-sink.ts'
import { isKnownNameWord, readEnglishName } from './read-english-name.ts'
import { scoreNamePair } from './score-name-pair.ts'

const englishHonorifics = 'Mr|Mrs|Ms|Mx|Dr|Prof|Professor|Mister|Miss|Madam|Mme|Sir|Dame|Doctor'
// Capitalised forms only ("Best regards," and "Yours sincerely," spelled out): each lower-case
// initial is one more position the scan must stop on in English prose.
const greetings = 'Dear|Hi|Hello|Hey'
const selfWords = "I am|I'm|This is|Call me"
const valedictions =
  'Regards|(?:Best|Kind|Warm|Many) (?:regards|thanks)|Sincerely|Yours (?:sincerely|truly|faithfully)|Cheers|Thanks|Best|Signed'
const colonLabels =
  'From|FROM|To|TO|Cc|CC|Attn|ATTN|Author|Contact|Owner|Assignee|Reporter|Sender|Recipient|Applicant|Guardian|Patient|Customer|Employee|Cardholder|Witness|Beneficiary|Signer|Signature'

/**
 * The English cues, tried (sticky) only where the scan found a possible start. English alternatives
 * carry no lookbehind; the letter before them is checked in code.
 */
export const englishCuePattern = new RegExp(
  [
    `(${englishHonorifics})\\.?(?= )`,
    `(${greetings})(?=[ ,])`,
    `(${selfWords})(?= )`,
    `(${valedictions})(?=[ \\t]*[,:\\n]| by )`,
    `(${colonLabels})[ \\t]*:`,
    `((?:[Nn]ame|NAME)(?:["']?[ \\t]*[:=]| is | was ))`,
    '([A-Z][a-z]{1,20}(?:-[a-z]{2,10})?)(?= [A-Z])',
  ].join('|'),
  'y',
)

/** The capitalised words a cue other than a "First Last" pair starts with (Dear, Mr, From, I…). */
export const englishCueFirstWords: readonly string[] = [
  ...new Set([
    ...([englishHonorifics, greetings, selfWords, valedictions, colonLabels]
      .join('|')
      .match(/[A-Z][A-Za-z]*/g) ?? []),
    'Name',
    'NAME',
  ]),
]

const valedictionSeparator = /[ \t]*(?:by[ \t]+|[,:][ \t]*)?(?:\n[ \t]*){0,2}/y
const nameValueSeparator = /["']?[ \t]*(?:[:=][ \t]*["']?[ \t]*|is |was )/y

// Words before "name:" that make it a person's name rather than a file's or a product's.
const personNamePrefixes: ReadonlySet<string> = new Set(
  ' full first last given family sur middle legal maiden customer client patient user account holder accountholder contact person employee member sender recipient owner applicant guardian author signer student passenger driver cardholder beneficiary emergencycontact my his her their your our'.split(
    ' ',
  ),
)
/** Words that make a capitalised pair more likely a person's name (lower-case, substring match). */
export const englishPersonContext = [
  'name',
  'contact',
  'call',
  'email',
  'phone',
  'said',
  'told',
  'met',
  'signed',
  'employee',
  'customer',
  'patient',
  'manager',
  'director',
  '성명',
  '이름',
  '담당',
  '고객',
  '직원',
  '씨',
]
// Reads the window in place; the same answers as ScanInput.hasContext without two lower-cased copies.
const hasPersonContext = contextTest(englishPersonContext)

/** An English cue matched by {@link englishCuePattern}; returns where the scan should resume when a name was consumed. */
export function onEnglishCue(input: ScanInput, sink: Sink, m: RegExpExecArray): number | undefined {
  const { text } = input
  const start = m.index
  const end = start + m[0].length
  // The name key may be glued to a prefix (customer_name); every other English cue starts a word.
  if (m[6] === undefined && isAsciiLetter(text.charCodeAt(start - 1)))
    return m[7] !== undefined ? end : undefined
  if (m[1] !== undefined) {
    const at = skipSpaces(text, end)
    if (isHangulAt(text, at)) sink.after(at, scores.honorific, 0, false)
    else {
      const name = readEnglishName(text, at)
      sink.english(name, name && name.words.length > 1 ? scores.honorific + 0.05 : scores.honorific)
    }
  } else if (m[2] !== undefined) {
    const name = readEnglishName(text, skipSpaces(text, text.charAt(end) === ',' ? end + 1 : end))
    const isDear = m[2].toLowerCase() === 'dear'
    // "Hi John," is a greeting; "Hi John Deere tractors" is not.
    if (name && (isDear || /^(?:[,!.:\n]|$)/.test(text.charAt(name.end))))
      sink.english(name, isDear ? scores.dear : scores.greeting)
  } else if (m[3] !== undefined) {
    const name = readEnglishName(text, skipSpaces(text, end))
    if (name && isKnownNameWord(name.words[0] as string)) sink.english(name, scores.selfIntroduction)
  } else if (m[4] !== undefined) {
    valedictionSeparator.lastIndex = end
    const at = end + (valedictionSeparator.exec(text)?.[0].length ?? 0)
    sink.after(at, scores.valediction, scores.valediction, false)
  } else if (m[5] !== undefined) {
    sink.after(skipSpaces(text, end), scores.labelColon, scores.label, true)
  } else if (m[6] !== undefined) {
    if (!isPersonNameKey(text, start)) return undefined
    nameValueSeparator.lastIndex = start + 4
    const sep = nameValueSeparator.exec(text)
    if (sep) sink.after(start + 4 + sep[0].length, scores.labelColon, scores.label, true)
  } else if (m[7] !== undefined) {
    return onNamePair(input, sink, m[7], start)
  }
  return undefined
}

/** A capitalised pair with no cue around it ("John Smith"): only known given names and romanised Korean. */
function onNamePair(input: ScanInput, sink: Sink, first: string, start: number): number | undefined {
  // Most capitalised pairs in prose (Prime Minister, New York) fail here, before any reading.
  if (!englishFirstNames.has(first) && !first.includes('-') && !romanizedSurnames.has(first.toLowerCase()))
    return undefined
  const name = readEnglishName(input.text, start)
  const score = name ? scoreNamePair(name.words) : 0
  if (!name || score === 0) return undefined
  const hasContext = hasPersonContext(input.text, name.start, name.end)
  sink.english(name, Math.min(hasContext ? score + scores.contextBoost : score, 0.9))
  return name.end
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
}

export function skipSpaces(text: string, at: number): number {
  let i = at
  while (text.charAt(i) === ' ' && i - at < 3) i++
  return i
}

/** "customer_name:", "Name is" and "my name is" qualify; "file name:" and "project name:" do not. */
function isPersonNameKey(text: string, start: number): boolean {
  let i = start
  while (i > 0 && /[A-Za-z_-]/.test(text.charAt(i - 1))) i--
  let prefix = text.slice(i, start)
  if (prefix === '' && text.charAt(start - 1) === ' ') {
    let j = start - 1
    while (j > 0 && /[A-Za-z]/.test(text.charAt(j - 1))) j--
    prefix = text.slice(j, start - 1)
  }
  return personNamePrefixes.has(prefix.toLowerCase().replace(/[_-]/g, ''))
}
