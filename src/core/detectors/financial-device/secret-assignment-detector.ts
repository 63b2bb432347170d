import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import type { ScanInput } from '../../detection/scan-input.ts'
import { readEnglishAssignment, readKoreanAssignment } from './read-assignment.ts'

// One pass over the key words of assignments: English (group 1, any case) and Korean (group 2).
// "암호화" (encryption), "암호문" (ciphertext) and "암호학" (cryptography) are not password words.
const keyWordPattern = new RegExp(
  '((?i:pass(?:w(?:or)?d|phrase)|pwd|secret(?:[ _-]?key)?|api[ _-]?key|token))' +
    '|(비밀번호|비번|패스워드|암호(?!화|문|학))',
  'g',
)

function detect(input: ScanInput): Finding[] {
  const { text } = input
  const findings: Finding[] = []
  keyWordPattern.lastIndex = 0
  for (let m = keyWordPattern.exec(text); m; m = keyWordPattern.exec(text)) {
    const matchEnd = m.index + m[0].length
    const found =
      m[1] !== undefined
        ? readEnglishAssignment(text, m.index, matchEnd)
        : readKoreanAssignment(text, matchEnd)
    if (found) {
      findings.push(found)
      // Skip past the value, so a key word inside it ("token=my_password_1") is not read again.
      keyWordPattern.lastIndex = Math.max(matchEnd, found.end)
    }
  }
  return findings
}

/**
 * SECRET: values assigned to password, secret, API-key and token keys (password=…, "api_key": "…",
 * 비밀번호: …, 비밀번호는 …입니다); the span is the value only.
 */
export const secretAssignmentDetector: Detector = { id: 'secret-assignment', types: ['SECRET'], detect }
