import type { Finding } from '../../detection/finding.ts'
import {
  canonicalHash,
  canonicalText,
  mixWord,
  PARTICLE_END,
  particleEndsInto,
  tokenHash,
  unitTable,
} from './exact-data-text.ts'
import type { FingerprintMatcher } from './fingerprint-matcher.ts'

/** Receives the tokens of one text in order and reports worded values made of the last few. */
export interface WordRuns {
  token(start: number, end: number, hash: number): void
}

/**
 * Keeps the last tokens in a ring (where they are, their tag, the gap before them) and, for every
 * member token, tries the runs of member tokens that end with it. Korean tokens are also tried
 * without trailing particles, so 홍길동 is found in "홍길동님".
 */
export function createWordRuns(matcher: FingerprintMatcher, text: string, out: Finding[]): WordRuns {
  const { shape } = matcher
  const table = unitTable()
  // A power of two, so ring slots are a mask away (a division per token is measurable).
  let size = 1
  while (size < matcher.longestRun) size *= 2
  const mask = size - 1
  const starts = new Int32Array(size)
  const ends = new Int32Array(size)
  const tags = new Int32Array(size) // 0: not a member
  const gapHash = new Int32Array(size)
  const gapLength = new Int32Array(size)
  const stripped = new Int32Array(6)
  let index = 0

  const tryRuns = (lastTag: number, lastStart: number, lastEnd: number): void => {
    let length = lastEnd - lastStart
    for (let m = 1; m <= matcher.longestRun; m++) {
      const first = index - m + 1
      if (m > 1) {
        if (first < 0 || tags[first & mask] === 0) return
        const slot = first & mask
        length +=
          (ends[slot] as number) - (starts[slot] as number) + (gapLength[(first + 1) & mask] as number)
      }
      if (length > shape.maxLength) return
      if ((matcher.runCounts & (1 << m)) === 0 || length < shape.minLength) continue
      let run = 0
      for (let q = first; q < index; q++)
        run = mixWord(mixWord(run, tags[q & mask] as number), gapHash[(q + 1) & mask] as number)
      if (!matcher.isRun(mixWord(run, lastTag))) continue
      const start = m > 1 ? (starts[first & mask] as number) : lastStart
      if (matcher.confirm(canonicalText(text, start, lastEnd))) out.push(matcher.found(start, lastEnd))
    }
  }

  return {
    token(start, end, hash) {
      const slot = index & mask
      const previous = (index + size - 1) & mask
      if (index > 0 && tags[previous] !== 0) {
        const gap = canonicalHash(text, ends[previous] as number, start)
        gapHash[slot] = gap.hash
        gapLength[slot] = gap.length
      }
      const tag = matcher.tokenTag(hash, end - start)
      if (tag !== 0) tryRuns(tag, start, end)
      // A stripped token is at least one unit shorter, so short tokens skip this.
      if (
        end - start > shape.minTokenLength &&
        ((table[text.charCodeAt(end - 1)] as number) & PARTICLE_END) !== 0
      ) {
        const count = particleEndsInto(text, start, end, stripped)
        for (let k = 0; k < count; k++) {
          const at = stripped[k] as number
          const strippedTag = matcher.tokenTag(tokenHash(text, start, at), at - start)
          if (strippedTag !== 0) tryRuns(strippedTag, start, at)
        }
      }
      starts[slot] = start
      ends[slot] = end
      tags[slot] = tag
      index++
    },
  }
}
