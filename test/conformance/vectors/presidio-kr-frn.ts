// Transcribed from microsoft/presidio, MIT licence,
// presidio-analyzer/tests/test_kr_frn_recognizer.py at 14da1a6db3822baa0b47300064e605e0ab11164a.
import { casesOf, differs, type VectorFile } from '../conformance-case.ts'

const t = casesOf(['KR_FRN'])

const bareNoChecksum =
  'bare 13 digits, neither checksum formula passes, no context word: below the reporting floor by design (research §3.1–3.2)'

/** Presidio's KR_FRN (foreign registration number) recognizer tests. */
export const presidioKrFrn: VectorFile = {
  name: 'presidio test_kr_frn_recognizer.py',
  source: {
    repo: 'microsoft/presidio',
    path: 'presidio-analyzer/tests/test_kr_frn_recognizer.py',
    commit: '14da1a6db3822baa0b47300064e605e0ab11164a',
    licence: 'MIT',
  },
  cases: [
    // Valid FRNs, medium match.
    t('911124-5678901', 1, [[0, 14]]),
    differs(t('9111245678901', 1, [[0, 13]]), bareNoChecksum, 0),
    t('000505-7637892', 1, [[0, 14]]),
    differs(t('0005056637892', 1, [[0, 13]]), bareNoChecksum, 0),
    t('His Korean FRN is 911124-5678901', 1, [[18, 32]]),
    // Valid FRNs, checksum (13-based formula) passes.
    t('911124-5678906', 1, [[0, 14]]),
    t('9111245678906', 1, [[0, 13]]),
    t('050912-6000012', 1, [[0, 14]]),
    t('0509126000012', 1, [[0, 13]]),
    t('His FRN is 9111245678906', 1, [[11, 24]]),
    // Invalid FRNs (bad date, separator, length, or a citizen's G digit).
    t('001332-1234567', 0),
    t('0013321234567', 0),
    t('960121+1021413', 0),
    t('960111-10214131', 0),
    t('960303-0021413', 0),
    t('760413-1212134', 0),
    t('000402-2214431', 0),
    t('051102-9234110', 0),
  ],
}
