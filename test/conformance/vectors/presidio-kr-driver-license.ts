// Transcribed from microsoft/presidio, MIT licence,
// presidio-analyzer/tests/test_kr_driver_license_recognizer.py at 471bafc5d59c9a57076da1d17869af859bfd6f9b.
import { casesOf, differs, type VectorFile } from '../conformance-case.ts'

const t = casesOf(['KR_DRIVER_LICENSE'])

/** Presidio's KR_DRIVER_LICENSE recognizer tests. */
export const presidioKrDriverLicense: VectorFile = {
  name: 'presidio test_kr_driver_license_recognizer.py',
  source: {
    repo: 'microsoft/presidio',
    path: 'presidio-analyzer/tests/test_kr_driver_license_recognizer.py',
    commit: '471bafc5d59c9a57076da1d17869af859bfd6f9b',
    licence: 'MIT',
  },
  cases: [
    t('11-22-123456-12', 1, [[0, 15]]),
    differs(
      t('112212345612', 1, [[0, 12]]),
      'twelve bare digits with no 운전면허/license label: accounts and order numbers share the shape and the licence has no checksum (research §3.4), so the bare form needs its label',
      0,
    ),
    t('My license is 13-22-123456-12', 1, [[14, 29]]),
    t('28 22 123456 12', 1, [[0, 15]]),
    // 99 is not a region code; wrong group lengths; letters; glued to longer digit runs.
    t('99-22-123456-12', 0),
    t('11-22-12345-12', 0),
    t('11-22-123456-1', 0),
    t('11-22-123A56-12', 0),
    t('111-22-123456-12', 0),
    t('11-22-123456-123', 0),
  ],
}
