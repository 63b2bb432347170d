// Transcribed from microsoft/presidio, MIT licence,
// presidio-analyzer/tests/test_email_recognizer.py at 70f52e4bd54e07dacbfb761fd156a1e9171400a0.
import { casesOf, type VectorFile } from '../conformance-case.ts'

const t = casesOf(['EMAIL_ADDRESS'])

/** Presidio's EMAIL_ADDRESS recognizer tests. */
export const presidioEmail: VectorFile = {
  name: 'presidio test_email_recognizer.py',
  source: {
    repo: 'microsoft/presidio',
    path: 'presidio-analyzer/tests/test_email_recognizer.py',
    commit: '70f52e4bd54e07dacbfb761fd156a1e9171400a0',
    licence: 'MIT',
  },
  cases: [
    t('info@presidio.site', 1, [[0, 18]]),
    t('my email address is info@presidio.site', 1, [[20, 38]]),
    t('try one of these emails: info@presidio.site or anotherinfo@presidio.site', 2, [
      [25, 43],
      [47, 72],
    ]),
    t('my email is info@presidio.', 0),
  ],
}
