// Transcribed from data-privacy-stack/presidio, MIT licence,
// presidio-analyzer/tests/test_phone_recognizer.py at 2f094932074410709e9a24906be78cada56370a2
// (the cases run at the default leniency; the leniency sweep tests an option Sluice does not have).
import { casesOf, differs, type VectorFile } from '../conformance-case.ts'

const t = casesOf(['PHONE_NUMBER'])
const us = 'My US number is (415) 555-0132, and my international one is '

// Presidio's test configures ten regions (US, UK, DE, FR, IL, IN, CA, BR, JP, CN). Sluice's home
// region is KR; another region's national format is read only next to a phone word such as "phone",
// "tel" or 전화 (research §3.8), and "number" alone is not one.
const foreignNational =
  'national format of a non-KR region with no phone word nearby: Sluice reads foreign national numbers only next to a phone label (research §3.8)'
const national = (text: string, span: readonly [number, number]) =>
  differs(t(text, 1, [span]), foreignNational, 0)

/** Presidio's PHONE_NUMBER recognizer tests. */
export const presidioPhone: VectorFile = {
  name: 'presidio test_phone_recognizer.py',
  source: {
    repo: 'data-privacy-stack/presidio',
    path: 'presidio-analyzer/tests/test_phone_recognizer.py',
    commit: '2f094932074410709e9a24906be78cada56370a2',
    licence: 'MIT',
  },
  cases: [
    // test_when_all_phones_then_succeed (regions: Presidio's defaults plus JP and CN).
    t('My US number is (415) 555-0132, and my international one is +1 415 555 0132', 2, [
      [16, 30],
      [60, 75],
    ]),
    national('My Israeli number is 09-7625400', [21, 31]),
    national('_: (415)555-0132', [3, 16]),
    national('United States: (415)555-0132', [15, 28]),
    national('US: 415-555-0132', [4, 16]),
    t('_: +55 11 98456 5666', 1, [[3, 20]]),
    t('Brazil: +55 11 98456 5666', 1, [[8, 25]]),
    t('BR: +55 11 98456 5666', 1, [[4, 21]]),
    national('My Japanese number is 090-1234-5678', [22, 35]),
    national('My CN number is 13812345678', [16, 27]),
    // test_when_gb_national_phone_then_succeed_with_gb_explanation
    national('My UK number is 020 7946 0958', [16, 29]),
    // test_when_phone_with_textual_explanation_then_succeed (default regions)
    t(`${us}+44 (20) 7123 4567`, 2, [
      [16, 30],
      [60, 78],
    ]),
    t(`${us}+91 4155550132`, 2, [
      [16, 30],
      [60, 74],
    ]),
    t(`${us}+55 11 98456 5666`, 2, [
      [16, 30],
      [60, 77],
    ]),
    t(`${us}+49 30 1234567`, 2, [
      [16, 30],
      [60, 74],
    ]),
    t(`${us}+39 06 678 4343`, 2, [
      [16, 30],
      [60, 75],
    ]),
    t(`${us}+30 21 0 1234567`, 2, [
      [16, 30],
      [60, 76],
    ]),
    t(`${us}+33 1 42 68 53 00`, 2, [
      [16, 30],
      [60, 77],
    ]),
  ],
}
