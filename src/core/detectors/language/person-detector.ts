import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import { pairPassesOf } from '../text-scan/pair-passes.ts'
import { unitsOf } from '../text-scan/text-units.ts'
import { englishCuePattern, onEnglishCue } from './english-person-cues.ts'
import { findKoreanNameAfter, findKoreanNameBefore } from './find-korean-name.ts'
import { isHangulAt } from './hangul-run.ts'
import { type KoreanCue, koreanCues, startsWithCopula, startsWithTailAt } from './korean-person-cues.ts'
import { found as cueFound, nextPersonCue } from './person-cue-scan.ts'
import { createSink, type Sink, scores } from './person-sink.ts'

// After a role noun, a final 란 (column), 안 (plan), 표 (table)… makes a compound noun (회원 정보란).
const roleNounEndings = '란안표증권료비금법율량록단제'

const labelSeparator = /[ \t]*(?:[:=|][ \t]*)?(?:\n[ \t]*)?["'“‘「『([<]?/y

/** A Korean cue [start, end): a label reads forward, honorifics and ranks read backward. */
function onKoreanCue(text: string, sink: Sink, cue: KoreanCue, start: number, end: number): void {
  if (cue === 'label') {
    readAfterLabel(text, end, sink)
    return
  }
  if (cue === 'role' || cue === 'self') {
    if (text.charCodeAt(end) !== 0x20 || isHangulAt(text, start - 1)) return
    const score = cue === 'role' ? scores.role : scores.selfIntroduction
    const name = findKoreanNameAfter(text, end + 1, false, score)
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
  if (isHangulAt(text, end) && !startsWithTailAt(text, end)) return
  if (cue === 'particle') {
    if (isHangulAt(text, start - 1)) sink.korean(findKoreanNameBefore(text, start, false, scores.particle))
    return
  }
  const name = findKoreanNameBefore(
    text,
    start,
    cue === 'rank',
    cue === 'weak-honorific' ? scores.weakHonorific : scores.honorific,
  )
  if (name) sink.korean(name)
  else if (cue === 'rank' && text.charCodeAt(end) === 0x20) sink.after(end + 1, scores.rankBefore, 0, false)
}

const labelParticles: ReadonlySet<number> = new Set([...'은는이가란'].map((c) => c.charCodeAt(0)))
// What a label separator may start with; anything else leaves it empty.
const separatorStarts: ReadonlySet<number> = new Set([...' \t:=|\n"\'“‘「『([<'].map((c) => c.charCodeAt(0)))

/** After a Korean label: an optional topic particle (이름은), separators, then the name. */
function readAfterLabel(text: string, end: number, sink: Sink): void {
  let at = end
  if (labelParticles.has(text.charCodeAt(at)) && !isHangulAt(text, at + 1)) at++
  if (!separatorStarts.has(text.charCodeAt(at))) return
  labelSeparator.lastIndex = at
  const sep = labelSeparator.exec(text)?.[0] ?? ''
  if (sep.length === 0) return
  const colon = /[:=|]/.test(sep)
  sink.after(
    at + sep.length,
    colon ? scores.labelColon : scores.label,
    colon ? scores.label : scores.greeting,
    colon,
  )
}

/**
 * Finds personal names (Korean and English) next to labels, honorifics, ranks and greetings. One scan
 * finds every cue: Korean cue words exactly, English ones where a sticky regex then confirms them;
 * names are read around each cue in code.
 */
export const personDetector: Detector = {
  id: 'person',
  types: ['PERSON'],
  detect(input) {
    const { text } = input
    const found = new Map<string, Finding>()
    const sink = createSink(text, found)
    const passes = pairPassesOf(input).person
    const units = unitsOf(input)
    const length = text.length
    let from = 0
    for (
      let at = nextPersonCue(units, passes, 0, length);
      at >= 0;
      at = nextPersonCue(units, passes, from, length)
    ) {
      if (cueFound.kind === 'korean') {
        const cue = cueFound.cue
        from = at + cue.length
        onKoreanCue(text, sink, koreanCues.get(cue) as KoreanCue, at, from)
      } else if (cueFound.kind === 'contact') {
        // 홍길동(010-1234-5678), 김민수(35세): a name glued to the contact or age that follows it.
        sink.korean(findKoreanNameBefore(text, at, false, scores.beforeContact))
        from = at + 2
      } else {
        englishCuePattern.lastIndex = at
        const m = englishCuePattern.exec(text)
        if (!m) {
          from = at + 1
          continue
        }
        from = onEnglishCue(input, sink, m) ?? at + m[0].length
      }
    }
    // The scan reads a one-syllable cue only with a unit after it; the last one is read here.
    const lastCue = koreanCues.get(text.charAt(length - 1))
    if (lastCue !== undefined) onKoreanCue(text, sink, lastCue, length - 1, length)
    return [...found.values()]
  },
}
