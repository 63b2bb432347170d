// Transcribed from data-privacy-stack/presidio, MIT licence,
// presidio-analyzer/tests/test_kr_crn_recognizer.py at f93a53728b7636728f42d427e31767c1bcafee09.
import { casesOf, differs, type VectorFile } from '../conformance-case.ts'

const t = casesOf(['KR_CRN'])

// Research §3.6: without a 법인 label a CRN is claimed only when no person could hold the number (G=0
// or an impossible birth date). 110111-1… is also a valid RRN (born 1911-01-11, G=1), so Sluice reports
// the personal reading: KR_RRN when hyphenated, nothing when bare (13 bare digits without an RRN
// checksum pass are below the floor), and never KR_CRN.
const personalReading =
  'no 법인등록번호 label and the value reads as a valid RRN (1911-01-11, G=1): Sluice takes the personal reading (KR_RRN; bare, below the floor), not KR_CRN (research §3.6)'

/** Presidio's KR_CRN (법인등록번호) recognizer tests. */
export const presidioKrCrn: VectorFile = {
  name: 'presidio test_kr_crn_recognizer.py',
  source: {
    repo: 'data-privacy-stack/presidio',
    path: 'presidio-analyzer/tests/test_kr_crn_recognizer.py',
    commit: 'f93a53728b7636728f42d427e31767c1bcafee09',
    licence: 'MIT',
  },
  cases: [
    // Valid CRNs: check digit matches.
    differs(t('110111-1234569', 1, [[0, 14]]), personalReading, 0),
    differs(t('1101111234569', 1, [[0, 13]]), personalReading, 0),
    t('134322-0000114', 1, [[0, 14]]),
    t('110181-0001235', 1, [[0, 14]]),
    t('법인등록번호 110111-1234569', 1, [[7, 21]]),
    // Format matches, check digit does not: CRNs issued from 2025-01-31 carry none.
    differs(t('110111-1234560', 1, [[0, 14]]), personalReading, 0),
    // Unassigned corporate type codes (positions 5–6).
    t('110116-1234567', 0),
    t('110100-1234567', 0),
    t('110161-1234567', 0),
    // Invalid formats.
    t('110111-123456', 0),
    t('110111-12345678', 0),
    t('110111-123456A', 0),
  ],
}
