// Transcribed from data-privacy-stack/presidio, MIT licence,
// presidio-analyzer/tests/test_kr_passport_recognizer.py at 664f81b43bb113a208611575ff0a8200a3060b63.
import { casesOf, differs, type VectorFile } from '../conformance-case.ts'

const t = casesOf(['KR_PASSPORT'])

// Presidio reports these at score 0.05–0.1, below any usable threshold; Sluice does not report a bare
// 9-character code at all, because product and order codes share the shape (research §3.3).
const needsContext =
  'no passport context word: a bare M123A4567-shaped code is context-gated (research §3.3); Presidio itself scores it 0.05–0.1'
const bare = (text: string, spans: readonly (readonly [number, number])[]) =>
  differs(t(text, spans.length, spans), needsContext, 0)

/** Presidio's KR_PASSPORT recognizer tests. */
export const presidioKrPassport: VectorFile = {
  name: 'presidio test_kr_passport_recognizer.py',
  source: {
    repo: 'data-privacy-stack/presidio',
    path: 'presidio-analyzer/tests/test_kr_passport_recognizer.py',
    commit: '664f81b43bb113a208611575ff0a8200a3060b63',
    licence: 'MIT',
  },
  cases: [
    // Current format (letter + 3 digits + letter + 4 digits).
    bare('M123A4567', [[0, 9]]),
    bare('m456B7890', [[0, 9]]),
    bare('d789C1234', [[0, 9]]),
    bare('S012D5678', [[0, 9]]),
    bare('M345E9012', [[0, 9]]),
    bare('M678f3456', [[0, 9]]),
    bare('M901g7890', [[0, 9]]),
    t('My passport number is M123A4567', 1, [[22, 31]]),
    t('Korean passport: M456B7890', 1, [[17, 26]]),
    t('여권번호는 M789C1234입니다', 1, [[6, 15]]),
    // Previous format (letter + 8 digits).
    bare('M12345678', [[0, 9]]),
    bare('m87654321', [[0, 9]]),
    bare('d11223344', [[0, 9]]),
    bare('s99887766', [[0, 9]]),
    t('My old passport M12345678', 1, [[16, 25]]),
    t('대한민국 여권 S87654321', 1, [[8, 17]]),
    bare('M123A4567 and M456B7890', [
      [0, 9],
      [14, 23],
    ]),
    // Invalid formats.
    t('A123B4567', 0),
    t('M12A4567', 0),
    t('M1234A567', 0),
    t('M123AB567', 0),
    t('M123A456', 0),
    t('M123A45678', 0),
    t('M1234567', 0),
    t('M123456789', 0),
    t('123A4567', 0),
    t('MM123A4567', 0),
    t('M123 A4567', 0),
    t('M123-A4567', 0),
    t('', 0),
    t('passport', 0),
    t('M123a456', 0),
    // test_when_passport_with_context_then_succeed / _korean_context_ / _no_passport_.
    t('Korean passport number: M123A4567', 1, [[24, 33]]),
    t('대한민국 여권번호: M456B7890', 1, [[11, 20]]),
    t('This is just text', 0),
  ],
}
