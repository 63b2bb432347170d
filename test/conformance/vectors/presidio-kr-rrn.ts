// Transcribed from data-privacy-stack/presidio (formerly microsoft/presidio), MIT licence,
// presidio-analyzer/tests/test_kr_rrn_recognizer.py at 7c09d7bfff59238dd9d0c370b15d872db9276de0.
import { casesOf, differs, type VectorFile } from '../conformance-case.ts'

const t = casesOf(['KR_RRN'])

// Research §3.1: 13 bare digits with neither a checksum pass nor a context word score below the
// reporting floor (order numbers and IDs share the shape); with a hyphen, a label or a checksum they count.
const bareNoChecksum =
  'bare 13 digits, checksum fails, no context word: below the reporting floor by design (research §3.1 scoring)'

/** Presidio's KR_RRN recognizer tests. */
export const presidioKrRrn: VectorFile = {
  name: 'presidio test_kr_rrn_recognizer.py',
  source: {
    repo: 'data-privacy-stack/presidio',
    path: 'presidio-analyzer/tests/test_kr_rrn_recognizer.py',
    commit: '7c09d7bfff59238dd9d0c370b15d872db9276de0',
    licence: 'MIT',
  },
  cases: [
    // Valid RRNs, medium match (checksum fails: post-October-2020 numbers are random).
    t('960121-1234567', 1, [[0, 14]]),
    differs(t('9601211234567', 1, [[0, 13]]), bareNoChecksum, 0),
    t('000505-3637892', 1, [[0, 14]]),
    differs(t('0005053637892', 1, [[0, 13]]), bareNoChecksum, 0),
    t('His Korean RRN is 960121-1234567', 1, [[18, 32]]),
    // Valid RRNs, checksum passes.
    t('960121-1021413', 1, [[0, 14]]),
    t('9601211021413', 1, [[0, 13]]),
    t('050912-2000019', 1, [[0, 14]]),
    t('0509122000019', 1, [[0, 13]]),
    t('His RRN is 9601211021413', 1, [[11, 24]]),
    // Invalid RRNs.
    t('001332-1234567', 0),
    t('0013321234567', 0),
    t('960121+1021413', 0),
    t('960111-10214131', 0),
    t('960303-0021413', 0),
    t('760413-5212134', 0),
    t('000402-6214431', 0),
    differs(
      t('051102-9234110', 0),
      'G=9 marks a birth in the 1800s (research §3.1: G 0–9, as stdnum kr/rrn); Sluice reports it when the checksum passes, as it does here; Presidio accepts only G 1–4',
      1,
      [[0, 14]],
    ),
    // Korean context on either side must not disturb the match.
    t('주민등록번호 960121-1021413 확인 부탁드립니다', 1, [[7, 21]]),
    t('960121-1021413 주민번호로 본인인증 완료', 1, [[0, 14]]),
  ],
}
