import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import type { ScanInput } from '../../detection/scan-input.ts'
import { buildTriePattern } from './build-trie-pattern.ts'
import { englishFirstNames, romanizedSurnames } from './english-name-data.ts'
import { findKoreanNameAfter, findKoreanNameBefore, type KoreanNameSpan } from './find-korean-name.ts'
import { isHangulAt } from './hangul-run.ts'
import {
  koreanHonorifics,
  koreanNameLabels,
  koreanPersonParticles,
  koreanRanks,
  koreanRoleLabels,
  koreanSelfIntroductions,
  startsWithCopula,
  startsWithTail,
  weakKoreanHonorifics,
} from './korean-person-cues.ts'
import { type EnglishName, isKnownNameWord, readEnglishName } from './read-english-name.ts'
import { isRomanizedKorean, scoreNamePair } from './score-name-pair.ts'

// Scores (engine floor 0.5): an explicit slot or honorific is strong evidence; a greeting, a
// valediction or a bare "First Last" pair is medium; particles alone (에게) are barely enough.
const labelColon = 0.9
const label = 0.85
const honorific = 0.85
const weakHonorific = 0.75
const rankBefore = 0.8
const dear = 0.8
const greeting = 0.7
const valediction = 0.75
const selfIntroduction = 0.8
const particle = 0.6
const role = 0.75
const beforeContact = 0.7
// After a role noun, a final 란 (column), 안 (plan), 표 (table)… makes a compound noun (회원 정보란).
const roleNounEndings = '란안표증권료비금법율량록단제'
const contextBoost = 0.15

type KoreanCue = 'label' | 'role' | 'self' | 'honorific' | 'weak-honorific' | 'rank' | 'particle'
const koreanCues = new Map<string, KoreanCue>()
for (const w of koreanPersonParticles) koreanCues.set(w, 'particle')
for (const w of koreanRanks) koreanCues.set(w, 'rank')
for (const w of koreanHonorifics)
  koreanCues.set(w, weakKoreanHonorifics.has(w) ? 'weak-honorific' : 'honorific')
for (const w of koreanNameLabels) koreanCues.set(w, 'label')
for (const w of koreanRoleLabels) koreanCues.set(w, 'role')
for (const w of koreanSelfIntroductions) koreanCues.set(w, 'self')

const englishHonorifics = 'Mr|Mrs|Ms|Mx|Dr|Prof|Professor|Mister|Miss|Madam|Mme|Sir|Dame|Doctor'
// Capitalised forms only ("Best regards," and "Yours sincerely," spelled out): each lower-case
// initial is one more letter the regex must stop on in English prose, and makes the pass ~10x slower.
const greetings = 'Dear|Hi|Hello|Hey'
const selfWords = "I am|I'm|This is|Call me"
const valedictions =
  'Regards|(?:Best|Kind|Warm|Many) (?:regards|thanks)|Sincerely|Yours (?:sincerely|truly|faithfully)|Cheers|Thanks|Best|Signed'
const colonLabels =
  'From|FROM|To|TO|Cc|CC|Attn|ATTN|Author|Contact|Owner|Assignee|Reporter|Sender|Recipient|Applicant|Guardian|Patient|Customer|Employee|Cardholder|Witness|Beneficiary|Signer|Signature'

// One pass: every alternative starts on a selective literal; names are read around it in code.
// Single-syllable honorifics consume the next character too: with a one-character alternative V8
// cannot skip ahead over Hangul text and the pass runs several times slower (the end of the text is
// checked separately). English alternatives carry no lookbehind for the same reason; the letter
// before them is checked in code.
const singleCues = [...koreanCues.keys()].filter((w) => w.length === 1)
const cuePattern = new RegExp(
  [
    `(${buildTriePattern([...koreanCues.keys()].filter((w) => w.length > 1))})`,
    `([${singleCues.join('')}])[^]`,
    `(${englishHonorifics})\\.?(?= )`,
    `(${greetings})(?=[ ,])`,
    `(${selfWords})(?= )`,
    `(${valedictions})(?=[ \\t]*[,:\\n]| by )`,
    `(${colonLabels})[ \\t]*:`,
    `((?:[Nn]ame|NAME)(?:["']?[ \\t]*[:=]| is | was ))`,
    '([A-Z][a-z]{1,20}(?:-[a-z]{2,10})?)(?= [A-Z])',
    // 홍길동(010-1234-5678), 김민수(35세): a name glued to the contact or age that follows it.
    '(\\()[0-9]',
  ].join('|'),
  'g',
)

const labelSeparator = /[ \t]*(?:[:=|][ \t]*)?(?:\n[ \t]*)?["'“‘「『([<]?/y
const valedictionSeparator = /[ \t]*(?:by[ \t]+|[,:][ \t]*)?(?:\n[ \t]*){0,2}/y
const nameValueSeparator = /["']?[ \t]*(?:[:=][ \t]*["']?[ \t]*|is |was )/y

// Words before "name:" that make it a person's name rather than a file's or a product's.
const personNamePrefixes: ReadonlySet<string> = new Set(
  ' full first last given family sur middle legal maiden customer client patient user account holder accountholder contact person employee member sender recipient owner applicant guardian author signer student passenger driver cardholder beneficiary emergencycontact my his her their your our'.split(
    ' ',
  ),
)
const englishPersonContext = [
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

/** Where the handlers put what they find; one finding per span, the best score wins. */
interface Sink {
  korean(span: KoreanNameSpan | undefined): void
  english(name: EnglishName | undefined, score: number): void
  /** Reads a name at `at`; without `explicit` (a colon label) an English name must contain a known name. */
  after(at: number, koreanScore: number, englishScore: number, explicit: boolean): void
}

function createSink(text: string, found: Map<string, Finding>): Sink {
  const add = (start: number, end: number, score: number, subtype: string): void => {
    const key = `${start}:${end}`
    const prev = found.get(key)
    if (!prev || prev.score < score) found.set(key, { type: 'PERSON', start, end, score, subtype })
  }
  const sink: Sink = {
    korean: (span) => {
      if (span) add(span.start, span.end, span.score, 'korean')
    },
    english: (name, score) => {
      if (name)
        add(name.start, name.end, score, isRomanizedKorean(name.words) ? 'romanized-korean' : 'english')
    },
    after: (at, koreanScore, englishScore, explicit) => {
      if (isHangulAt(text, at)) {
        sink.korean(findKoreanNameAfter(text, at, explicit, koreanScore))
        return
      }
      const name = readEnglishName(text, at)
      if (name && (explicit || name.words.some(isKnownNameWord))) sink.english(name, englishScore)
    },
  }
  return sink
}

/** A Korean cue [start, end): a label reads forward, honorifics and ranks read backward. */
function onKoreanCue(text: string, sink: Sink, cue: KoreanCue, start: number, end: number): void {
  if (cue === 'label') {
    readAfterLabel(text, end, sink)
    return
  }
  if (cue === 'role' || cue === 'self') {
    if (text.charAt(end) !== ' ' || isHangulAt(text, start - 1)) return
    const name = findKoreanNameAfter(text, end + 1, false, cue === 'role' ? role : selfIntroduction)
    if (!name) return
    if (
      cue === 'self'
        ? startsWithCopula(text.slice(name.end, name.end + 3))
        : !roleNounEndings.includes(text.charAt(name.end - 1))
    )
      sink.korean(name)
    return
  }
  // 대표적, 이사회, 씨앗: the cue is the start of another word.
  if (isHangulAt(text, end) && !startsWithTail(text.slice(end, end + 3))) return
  if (cue === 'particle') {
    if (isHangulAt(text, start - 1)) sink.korean(findKoreanNameBefore(text, start, false, particle))
    return
  }
  const name = findKoreanNameBefore(
    text,
    start,
    cue === 'rank',
    cue === 'weak-honorific' ? weakHonorific : honorific,
  )
  if (name) sink.korean(name)
  else if (cue === 'rank' && text.charAt(end) === ' ') sink.after(end + 1, rankBefore, 0, false)
}

/** An English cue; returns where the scan should resume when a name was consumed. */
function onEnglishCue(input: ScanInput, sink: Sink, m: RegExpExecArray): number | undefined {
  const { text } = input
  const start = m.index
  const end = start + m[0].length
  // The name key may be glued to a prefix (customer_name); every other English cue starts a word.
  if (m[8] === undefined && isAsciiLetter(text.charCodeAt(start - 1)))
    return m[9] !== undefined ? end : undefined
  if (m[3] !== undefined) {
    const at = skipSpaces(text, end)
    if (isHangulAt(text, at)) sink.after(at, honorific, 0, false)
    else {
      const name = readEnglishName(text, at)
      sink.english(name, name && name.words.length > 1 ? honorific + 0.05 : honorific)
    }
  } else if (m[4] !== undefined) {
    const name = readEnglishName(text, skipSpaces(text, text.charAt(end) === ',' ? end + 1 : end))
    const isDear = m[4].toLowerCase() === 'dear'
    // "Hi John," is a greeting; "Hi John Deere tractors" is not.
    if (name && (isDear || /^(?:[,!.:\n]|$)/.test(text.charAt(name.end))))
      sink.english(name, isDear ? dear : greeting)
  } else if (m[5] !== undefined) {
    const name = readEnglishName(text, skipSpaces(text, end))
    if (name && isKnownNameWord(name.words[0] as string)) sink.english(name, selfIntroduction)
  } else if (m[6] !== undefined) {
    valedictionSeparator.lastIndex = end
    sink.after(end + (valedictionSeparator.exec(text)?.[0].length ?? 0), valediction, valediction, false)
  } else if (m[7] !== undefined) {
    sink.after(skipSpaces(text, end), labelColon, label, true)
  } else if (m[8] !== undefined) {
    if (!isPersonNameKey(text, start)) return undefined
    nameValueSeparator.lastIndex = start + 4
    const sep = nameValueSeparator.exec(text)
    if (sep) sink.after(start + 4 + sep[0].length, labelColon, label, true)
  } else if (m[9] !== undefined) {
    // Most capitalised pairs in prose (Prime Minister, New York) fail here, before any reading.
    const first = m[9]
    if (
      !englishFirstNames.has(first) &&
      !first.includes('-') &&
      !romanizedSurnames.has(first.toLowerCase())
    ) {
      return undefined
    }
    const name = readEnglishName(text, start)
    const score = name ? scoreNamePair(name.words) : 0
    if (!name || score === 0) return undefined
    const hasContext = input.hasContext(name.start, name.end, englishPersonContext)
    sink.english(name, Math.min(hasContext ? score + contextBoost : score, 0.9))
    return name.end
  }
  return undefined
}

/** Finds personal names (Korean and English) next to labels, honorifics, ranks and greetings. */
export const personDetector: Detector = {
  id: 'person',
  types: ['PERSON'],
  detect(input) {
    const { text } = input
    const found = new Map<string, Finding>()
    const sink = createSink(text, found)
    cuePattern.lastIndex = 0
    for (let m = cuePattern.exec(text); m; m = cuePattern.exec(text)) {
      const cue = m[1] ?? m[2]
      if (m[10] !== undefined) {
        const name = findKoreanNameBefore(text, m.index, false, beforeContact)
        if (name) sink.korean(name)
        continue
      }
      if (cue === undefined) {
        const resume = onEnglishCue(input, sink, m)
        if (resume !== undefined) cuePattern.lastIndex = resume
        continue
      }
      const end = m.index + cue.length
      onKoreanCue(text, sink, koreanCues.get(cue) as KoreanCue, m.index, end)
      cuePattern.lastIndex = end
    }
    const last = text.slice(-1)
    const lastCue = koreanCues.get(last)
    if (lastCue !== undefined && last.length === 1)
      onKoreanCue(text, sink, lastCue, text.length - 1, text.length)
    return [...found.values()]
  },
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
}

function skipSpaces(text: string, at: number): number {
  let i = at
  while (text.charAt(i) === ' ' && i - at < 3) i++
  return i
}

/** After a Korean label: an optional topic particle (이름은), separators, then the name. */
function readAfterLabel(text: string, end: number, sink: Sink): void {
  let at = end
  if ('은는이가란'.includes(text.charAt(at)) && !isHangulAt(text, at + 1)) at++
  labelSeparator.lastIndex = at
  const sep = labelSeparator.exec(text)?.[0] ?? ''
  if (sep.length === 0) return
  const colon = /[:=|]/.test(sep)
  sink.after(at + sep.length, colon ? labelColon : label, colon ? label : greeting, colon)
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
