import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import type { Finding } from '../../detection/finding.ts'
import { languageDetectors } from './index.ts'

const engine = createDetectionEngine(languageDetectors)
const markings = (text: string): Finding[] => engine.scan(text).filter((f) => f.type === 'CLASSIFIED_MARKING')
const found = (text: string): [string, string | undefined][] =>
  markings(text).map((f) => [text.slice(f.start, f.end), f.subtype])

// [form, text, marking, subtype]
const positives: readonly (readonly [string, string, string, string])[] = [
  ['a Roman numeral', 'Ⅱ급 비밀', 'Ⅱ급 비밀', 'kr-grade-2'],
  ['an Arabic numeral in prose', '이 문서는 2급 비밀로 분류', '2급 비밀', 'kr-grade-2'],
  ['ASCII numerals without spaces', 'II급비밀', 'II급비밀', 'kr-grade-2'],
  ['spaces around 급', 'Ⅲ 급 비밀', 'Ⅲ 급 비밀', 'kr-grade-3'],
  ['a spaced Arabic numeral', '1 급 비밀', '1 급 비밀', 'kr-grade-1'],
  ['III with a copula', 'III급 비밀입니다', 'III급 비밀', 'kr-grade-3'],
  ['a military grade', '군사Ⅰ급비밀', '군사Ⅰ급비밀', 'kr-military-grade-1'],
  ['a bracketed 대외비', '【대외비】 회의록', '대외비', 'kr-restricted'],
  ['a square-bracketed 대외비', '[대외비] 2026 사업계획', '대외비', 'kr-restricted'],
  ['an angle-bracketed 대외비', '<대외비>', '대외비', 'kr-restricted'],
  ['대외비 with a particle', '대외비로 분류된 자료', '대외비', 'kr-restricted'],
  ['대외비 with a copula', '본 자료는 대외비입니다', '대외비', 'kr-restricted'],
  [
    'a 예고문 line',
    '예고문: 2027. 12. 31.까지 대외비, 이후 일반문서로 재분류\n본문',
    '예고문: 2027. 12. 31.까지 대외비, 이후 일반문서로 재분류',
    'kr-notice',
  ],
  ['a banner with controls', 'TOP SECRET//SI//NOFORN', 'TOP SECRET//SI//NOFORN', 'us-banner'],
  ['REL TO', 'SECRET//REL TO USA, KOR\nBody text', 'SECRET//REL TO USA, KOR', 'us-banner'],
  ['a banner alone on a line', 'Report\nCONFIDENTIAL\nBody', 'CONFIDENTIAL', 'us-banner'],
  ['SECRET alone on a line', 'SECRET\nThe plan is ready.', 'SECRET', 'us-banner'],
  ['a subject-line marking', 'CONFIDENTIAL: Q3 results', 'CONFIDENTIAL', 'us-banner'],
  ['a TS portion mark', '(TS) The source is reliable.', '(TS)', 'portion'],
  ['an S portion mark', 'Intro\n(S) The meeting is on Monday.', '(S)', 'portion'],
  ['a portion mark with controls', '(S//NF) Details follow.', '(S//NF)', 'portion'],
  ['a FOUO portion', '(U//FOUO) Internal note.', '(U//FOUO)', 'portion'],
  [
    'FOUO after UNCLASSIFIED',
    'UNCLASSIFIED//FOR OFFICIAL USE ONLY',
    'UNCLASSIFIED//FOR OFFICIAL USE ONLY',
    'us-fouo',
  ],
  ['FOUO in prose', 'This memo is FOUO and stays inside.', 'FOUO', 'us-fouo'],
  ['CUI with a category', 'CUI//SP-PRVCY', 'CUI//SP-PRVCY', 'us-cui'],
  ['a UK marking', 'OFFICIAL-SENSITIVE', 'OFFICIAL-SENSITIVE', 'uk'],
  ['a NATO marking', 'Distribution: NATO RESTRICTED', 'NATO RESTRICTED', 'nato'],
  ['COSMIC TOP SECRET', 'COSMIC TOP SECRET', 'COSMIC TOP SECRET', 'nato'],
  ['a corporate footer', 'Quarterly plan\nConfidential', 'Confidential', 'corporate'],
]

// [why it is not a marking, text]
const negatives: readonly (readonly [string, string])[] = [
  ['비밀번호', '비밀번호를 입력하세요'],
  ['a grade before 비밀번호', '2급 비밀번호 규칙'],
  ['비밀유지계약', '비밀유지계약을 체결했다'],
  ['비밀 이야기', '비밀 이야기를 들려줘'],
  ['대외비용 (external cost)', '대외비용 절감 방안'],
  ['대외비교 (external comparison)', '대외비교 분석 결과'],
  ['keep this secret', 'keep this secret between us'],
  ['a secret recipe', 'a secret recipe for kimchi'],
  ['lowercase confidential', 'this is confidential information'],
  ["Victoria's Secret", "Victoria's Secret opened a store"],
  ['Secret in a sentence', 'The Secret Garden is a novel'],
  ['an environment variable', 'API_SECRET=abc123'],
  ['a credential label', 'SECRET: abc123'],
  ['shouting prose', 'THIS IS A SECRET MESSAGE'],
  ['(U) alone', '(U) Nothing sensitive here.'],
  ['an enumeration', '(A) first\n(B) second\n(C) third'],
  ['a portion mark mid-line', 'the item(s) and (C) list'],
  ['UNCLASSIFIED alone', 'UNCLASSIFIED'],
  ['Confidential in a disclaimer', 'Confidential information may be contained in this e-mail.'],
  ['a grade without 급', '2 비밀'],
]

describe('classifiedMarkingDetector', () => {
  for (const [form, text, marking, subtype] of positives) {
    it(`finds ${marking} when it is ${form}`, () => {
      assert.deepEqual(found(text), [[marking, subtype]])
    })
  }
  for (const [why, text] of negatives) {
    it(`finds nothing when ${why}`, () => {
      assert.deepEqual(found(text), [])
    })
  }
  it('scores a banner with controls above a bare word in prose', () => {
    const [banner] = markings('TOP SECRET//NOFORN')
    const [prose] = markings('the file is marked SECRET by the classification officer')
    assert.ok(banner && prose && banner.score > prose.score && prose.score >= 0.5)
  })
  it('maps a compatibility Roman numeral back to the original text', () => {
    const text = '문서 등급: 군사Ⅱ급비밀'
    const [f] = markings(text)
    assert.ok(f)
    assert.equal(text.slice(f.start, f.end), '군사Ⅱ급비밀')
  })
})
