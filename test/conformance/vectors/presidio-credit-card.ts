// Transcribed from microsoft/presidio, MIT licence,
// presidio-analyzer/tests/test_credit_card_recognizer.py at f6a249d949051be8da5e48d12468507788135d99,
// plus the 13-digit Unix-timestamp negative from the same repository's CHANGELOG ("Unreleased: validated
// that 13 digit numbers that start with 1 and have no separators (e.g. 1748503543012) are not flagged").
import { casesOf, differs, type VectorFile } from '../conformance-case.ts'

const t = casesOf(['CREDIT_CARD'])

/** Presidio's CREDIT_CARD recognizer tests (numbers from datatrans and freeformatter test lists). */
export const presidioCreditCard: VectorFile = {
  name: 'presidio test_credit_card_recognizer.py',
  source: {
    repo: 'microsoft/presidio',
    path: 'presidio-analyzer/tests/test_credit_card_recognizer.py',
    commit: 'f6a249d949051be8da5e48d12468507788135d99',
    licence: 'MIT',
  },
  cases: [
    t('4012888888881881 4012-8888-8888-1881 4012 8888 8888 1881', 3, [
      [0, 16],
      [17, 36],
      [37, 56],
    ]),
    differs(
      t('122000000000003', 1, [[0, 15]]),
      'UATP airline cards (prefix 1) are context-only: bare 1… runs are mostly IDs and timestamps (cf. the 1748503543012 case below); with "credit card" nearby it is reported',
      0,
    ),
    t('my credit card: 122000000000003', 1, [[16, 31]]),
    t('371449635398431', 1, [[0, 15]]),
    t('5555555555554444', 1, [[0, 16]]),
    t('5019717010103742', 1, [[0, 16]]),
    t('30569309025904', 1, [[0, 14]]),
    t('6011000400000000', 1, [[0, 16]]),
    t('3528000700000000', 1, [[0, 16]]),
    t('6759649826438453', 1, [[0, 16]]),
    t('4111111111111111', 1, [[0, 16]]),
    t('4917300800000000', 1, [[0, 16]]),
    t('4484070000000000', 1, [[0, 16]]),
    // Luhn failures, with and without context.
    t('4012-8888-8888-1882', 0),
    t('my credit card number is 4012-8888-8888-1882', 0),
    t('36168002586008', 0),
    t('my credit card number is 36168002586008', 0),
    t('1748503543012', 0),
  ],
}
