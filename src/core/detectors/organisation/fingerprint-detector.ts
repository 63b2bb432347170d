import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import { createDigitRuns } from './digit-runs.ts'
import { DIGIT, FOLD_SHIFT, unitTable, WORD } from './exact-data-text.ts'
import { deriveFingerprintKeys } from './fingerprint-keys.ts'
import { createFingerprintMatcher } from './fingerprint-matcher.ts'
import type { FingerprintSet } from './fingerprint-set.ts'
import { fnvStart, fnvStep } from './keyed-tag.ts'
import { createWordRuns } from './word-runs.ts'

export { exactDataScore } from './fingerprint-matcher.ts'

/** True when `key` is the key `set` was built with (a wrong key silently finds nothing). */
export function fingerprintKeyMatches(set: FingerprintSet, key: string | Uint8Array): boolean {
  return deriveFingerprintKeys(key).keyCheck === set.keyCheck
}

/**
 * Finds occurrences of a set's values in one pass over the text. Each token is hashed as it is
 * read; a bitmap and a keyed tag discard almost all of them, runs of surviving tokens must match a
 * keyed run tag, and only then is the candidate's HMAC computed. Digit runs inside tokens feed the
 * numeric matcher, which compares digits alone.
 */
export function createFingerprintDetector(set: FingerprintSet, key: string | Uint8Array): Detector {
  const matcher = createFingerprintMatcher(set, key)
  const table = unitTable()
  return {
    id: `exact-data:${set.name}`,
    types: ['EXACT_DATA'],
    detect(input) {
      const text = input.text
      const out: Finding[] = []
      const words = matcher.hasWords ? createWordRuns(matcher, text, out) : undefined
      const digits = matcher.hasDigits ? createDigitRuns(matcher, text, out) : undefined
      const n = text.length
      let i = 0
      while (i < n) {
        let entry = table[text.charCodeAt(i)] as number
        if ((entry & WORD) === 0) {
          i++
          continue
        }
        const start = i
        let hash = fnvStart
        let bits = 0
        do {
          hash = fnvStep(hash, entry >>> FOLD_SHIFT)
          bits |= entry
          i++
          entry = i < n ? (table[text.charCodeAt(i)] as number) : 0
        } while ((entry & WORD) !== 0)
        words?.token(start, i, hash)
        if (digits && (bits & DIGIT) !== 0) {
          for (let k = start; k < i; k++) {
            if (((table[text.charCodeAt(k)] as number) & DIGIT) === 0) continue
            const from = k
            while (k < i && ((table[text.charCodeAt(k)] as number) & DIGIT) !== 0) k++
            digits.group(from, k)
          }
        }
      }
      digits?.finish()
      return out.sort((a, b) => a.start - b.start || a.end - b.end)
    },
  }
}
