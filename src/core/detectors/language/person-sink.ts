import type { Finding } from '../../detection/finding.ts'
import { findKoreanNameAfter, type KoreanNameSpan } from './find-korean-name.ts'
import { isHangulAt } from './hangul-run.ts'
import { type EnglishName, isKnownNameWord, readEnglishName } from './read-english-name.ts'
import { isRomanizedKorean } from './score-name-pair.ts'

// PERSON scores (engine floor 0.5): an explicit slot or honorific is strong evidence; a greeting, a
// valediction or a bare "First Last" pair is medium; particles alone (에게) are barely enough.
export const scores = {
  labelColon: 0.9,
  label: 0.85,
  honorific: 0.85,
  weakHonorific: 0.75,
  rankBefore: 0.8,
  dear: 0.8,
  greeting: 0.7,
  valediction: 0.75,
  selfIntroduction: 0.8,
  particle: 0.6,
  role: 0.75,
  beforeContact: 0.7,
  contextBoost: 0.15,
} as const

/** Where the handlers put what they find; one finding per span, the best score wins. */
export interface Sink {
  korean(span: KoreanNameSpan | undefined): void
  english(name: EnglishName | undefined, score: number): void
  /** Reads a name at `at`; without `explicit` (a colon label) an English name must contain a known name. */
  after(at: number, koreanScore: number, englishScore: number, explicit: boolean): void
}

export function createSink(text: string, found: Map<string, Finding>): Sink {
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
