// Transcribed from microsoft/presidio, MIT licence,
// presidio-analyzer/tests/test_kr_brn_recognizer.py at 14da1a6db3822baa0b47300064e605e0ab11164a.
import { casesOf, differs, type VectorFile } from '../conformance-case.ts'

const t = casesOf(['KR_BRN'])

/** Why Sluice does not report ten bare digits as a BRN without a label, checksum or not. */
export const bareBrnNeedsLabel =
  'ten bare digits with no 사업자/BRN label: phone numbers and IDs share the shape and 1 in 10 passes the checksum, so the label is required'

/** Presidio's KR_BRN (business registration number) recognizer tests. */
export const presidioKrBrn: VectorFile = {
  name: 'presidio test_kr_brn_recognizer.py',
  source: {
    repo: 'microsoft/presidio',
    path: 'presidio-analyzer/tests/test_kr_brn_recognizer.py',
    commit: '14da1a6db3822baa0b47300064e605e0ab11164a',
    licence: 'MIT',
  },
  cases: [
    // Valid BRNs (checksum passes).
    t('104-86-56659', 1, [[0, 12]]),
    differs(t('1048656659', 1, [[0, 10]]), bareBrnNeedsLabel, 0),
    t('104-82-13138', 1, [[0, 12]]),
    t('My BRN is 1048656659', 1, [[10, 20]]),
    // Invalid: wrong checksum, too short, too long, letters, random.
    t('104-86-56658', 0),
    t('110-81-4127', 0),
    t('110-81-412722', 0),
    t('110-81-4127A', 0),
    t('123-45-67890', 0),
  ],
}
