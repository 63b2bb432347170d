// Transcribed from data-privacy-stack/presidio, MIT licence,
// presidio-analyzer/tests/test_kr_bank_account_recognizer.py at 4a822491b9a965ed811d7aeb18b9d4ecf57f45a6.
// Upstream asserts the best-scoring match of possibly overlapping results; Sluice returns one
// non-overlapping finding, so a positive case expects exactly that one span.
import { casesOf, differs, type VectorFile } from '../conformance-case.ts'

const t = casesOf(['KR_BANK_ACCOUNT'])

// Presidio scores these 0.15–0.6 with no context at all; Korean accounts have no national format or
// checksum, so Sluice reports them only near a bank word (research §3.9).
const needsContext =
  'no bank or transfer word nearby: accounts have no format or checksum, so Sluice requires context (research §3.9)'

/** Presidio's KR_BANK_ACCOUNT recognizer tests. */
export const presidioKrBankAccount: VectorFile = {
  name: 'presidio test_kr_bank_account_recognizer.py',
  source: {
    repo: 'data-privacy-stack/presidio',
    path: 'presidio-analyzer/tests/test_kr_bank_account_recognizer.py',
    commit: '4a822491b9a965ed811d7aeb18b9d4ecf57f45a6',
    licence: 'MIT',
  },
  cases: [
    differs(t('302-1234-5678-91', 1, [[0, 16]]), needsContext, 0),
    t('이체 계좌: 302-0123-4567-89', 1, [[7, 23]]),
    differs(t('110-234-567890', 1, [[0, 14]]), needsContext, 0),
    differs(t('457-910-012345', 1, [[0, 14]]), needsContext, 0),
    differs(t('987654321012', 1, [[0, 12]]), needsContext, 0),
    differs(t('1002-123-456789', 1, [[0, 15]]), needsContext, 0),
    // Look-alikes: phones, RRN shapes, a 13-digit run, a date, short numbers.
    t('010-1234-5678', 0),
    t('070-1234-5678', 0),
    t('01012345678', 0),
    t('07012345678', 0),
    t('960121-1234567', 0),
    t('9601211234567', 0),
    t('9876543210123', 0),
    t('2024-03-10', 0),
    t('45000', 0),
    t('12345678', 0),
  ],
}
