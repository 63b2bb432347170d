import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import type { ScanInput } from '../../detection/scan-input.ts'
import { pairPassesOf } from '../text-scan/pair-passes.ts'
import { readEnglishAssignment, readKoreanAssignment } from './read-assignment.ts'

// One pass over the key words of assignments: English (any case) and Korean (group 1). "암호화"
// (encryption), "암호문" (ciphertext) and "암호학" (cryptography) are not password words. English
// words are found by a distinctive middle (paSSword, PWD, seCRET, aPI key, tOKEN) and the letters
// before it are checked in code. Sticky: tried only where a middle's first two units are (the pairs of
// secret-key-pairs.ts, found by the shared pair pass), in text order, which yields exactly the
// matches of a global search.
const keyWordPattern =
  /[Ss][Ss](?:[Ww](?:[Oo][Rr])?[Dd]|[Pp][Hh][Rr][Aa][Ss][Ee])|[Pp][Ww][Dd]|[Cc][Rr][Ee][Tt](?:[ _-]?[Kk][Ee][Yy])?|[Pp][Ii][ _-]?[Kk][Ee][Yy]|[Oo][Kk][Ee][Nn]|(비밀번호|비번|패스워드|암호(?!화|문|학))/y

const lower = (c: number): number => c | 0x20

/** Where the English key word around a match of the middle at `at` starts, or -1 if it does not. */
function keyWordStart(text: string, at: number): number {
  const first = lower(text.charCodeAt(at))
  if (first === 0x73) {
    // paSSword, paSSphrase
    return lower(text.charCodeAt(at - 2)) === 0x70 && lower(text.charCodeAt(at - 1)) === 0x61 ? at - 2 : -1
  }
  if (first === 0x63) {
    // seCRET
    return lower(text.charCodeAt(at - 2)) === 0x73 && lower(text.charCodeAt(at - 1)) === 0x65 ? at - 2 : -1
  }
  if (first === 0x6f) return lower(text.charCodeAt(at - 1)) === 0x74 ? at - 1 : -1 // tOKEN
  if (lower(text.charCodeAt(at + 1)) === 0x69) return lower(text.charCodeAt(at - 1)) === 0x61 ? at - 1 : -1 // aPI
  return at // PWD
}

function detect(input: ScanInput): Finding[] {
  const { text } = input
  const findings: Finding[] = []
  // Where the previous key word (or the value read after it) ended: words overlapping it are not read.
  let done = 0
  // Where a global search would go on from.
  let lastIndex = 0
  for (const at of pairPassesOf(input).secretKey) {
    if (at < lastIndex) continue
    keyWordPattern.lastIndex = at
    const m = keyWordPattern.exec(text)
    if (m === null) continue
    const matchEnd = at + m[0].length
    lastIndex = matchEnd
    const korean = m[1] !== undefined
    const start = korean ? at : keyWordStart(text, at)
    if (start < done) {
      lastIndex = at + 1
      continue
    }
    done = matchEnd
    const found = korean ? readKoreanAssignment(text, matchEnd) : readEnglishAssignment(text, start, matchEnd)
    if (found) {
      findings.push(found)
      // Skip past the value, so a key word inside it ("token=my_password_1") is not read again.
      done = Math.max(matchEnd, found.end)
      lastIndex = done
    }
  }
  return findings
}

/**
 * SECRET: values assigned to password, secret, API-key and token keys (password=…, "api_key": "…",
 * 비밀번호: …, 비밀번호는 …입니다); the span is the value only.
 */
export const secretAssignmentDetector: Detector = { id: 'secret-assignment', types: ['SECRET'], detect }
