import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import { createScanInput } from '../../detection/scan-input.ts'
import { createFingerprintDetector, fingerprintKeyMatches } from './fingerprint-detector.ts'
import { buildFingerprintSet, type FingerprintSet } from './fingerprint-set.ts'

const key = 'org-secret-key-for-tests'
const values = ['홍길동', '010-1234-5678', '01098765432', 'Acme Corporation', 'EMP-2024-0042', '김철수 과장']

function build(list: readonly string[], withKey: string | Uint8Array = key): FingerprintSet {
  const built = buildFingerprintSet({ name: 'customers', key: withKey, values: list })
  assert.ok(built.ok)
  return built.value.set
}

const set = build(values)

function matches(text: string, scanKey: string | Uint8Array = key, fingerprints = set): string[] {
  const input = createScanInput(text)
  return createFingerprintDetector(fingerprints, scanKey)
    .detect(input)
    .map((f) => input.text.slice(f.start, f.end))
}

describe('createFingerprintDetector', () => {
  const cases: { name: string; text: string; expected: string[] }[] = [
    {
      name: 'finds a Hangul name when an honorific follows',
      text: 'Customer: 홍길동님',
      expected: ['홍길동'],
    },
    {
      name: 'finds a Hangul name when a two-syllable particle follows',
      text: '홍길동에게 보냄',
      expected: ['홍길동'],
    },
    { name: 'finds a name when stacked particles follow', text: '홍길동님은 왔다', expected: ['홍길동'] },
    {
      name: 'finds a two-token value when honorifics follow',
      text: '김철수 과장님께서 오셨다',
      expected: ['김철수 과장'],
    },
    {
      name: 'finds a phone without separators when the CSV has them',
      text: '전화 01012345678로',
      expected: ['01012345678'],
    },
    {
      name: 'finds a phone with spaces when the CSV has dashes',
      text: 'call 010 1234 5678 now',
      expected: ['010 1234 5678'],
    },
    {
      name: 'finds a phone with dots when the CSV has dashes',
      text: 'tel:010.1234.5678',
      expected: ['010.1234.5678'],
    },
    {
      name: 'finds a phone with dashes when the CSV has none',
      text: '연락처 010-9876-5432',
      expected: ['010-9876-5432'],
    },
    {
      name: 'finds a worded value when case and spacing differ',
      text: 'ACME   corporation!',
      expected: ['ACME   corporation'],
    },
    {
      name: 'finds a code when its letters and digits match',
      text: '(EMP-2024-0042)',
      expected: ['EMP-2024-0042'],
    },
    { name: 'finds nothing when a worded value is longer', text: 'Acme Corporations', expected: [] },
    { name: 'finds nothing when only part of a value occurs', text: 'Acme and 김철수', expected: [] },
    { name: 'finds nothing when the tokens come in another order', text: 'Corporation Acme', expected: [] },
    { name: 'finds nothing when a name is part of a longer word', text: '홍길동전 읽기', expected: [] },
    { name: 'finds nothing when a code has an extra digit', text: 'EMP-2024-00421', expected: [] },
    { name: 'finds nothing when a number is glued to a letter', text: 'A010-1234-5678', expected: [] },
    { name: 'finds nothing when a letter follows the number', text: 'id 01098765432x', expected: [] },
    { name: 'finds nothing when a number continues past the value', text: '010-1234-56789', expected: [] },
    { name: 'finds nothing when a number is joined to a longer one', text: '02-010-1234-5678', expected: [] },
    { name: 'finds nothing when the digits merely overlap', text: '1010-1234-5678 0101234567', expected: [] },
    { name: 'finds nothing in unrelated text', text: 'nothing here 아무것도 없음 12345', expected: [] },
  ]
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(matches(c.text), c.expected)
    })
  }

  it('reports type, subtype, score and validator when a value is found', () => {
    const input = createScanInput('홍길동')
    const [finding] = createFingerprintDetector(set, key).detect(input)
    assert.deepEqual(finding, {
      type: 'EXACT_DATA',
      start: 0,
      end: 3,
      score: 0.95,
      subtype: 'customers',
      validator: 'hmac-sha256',
    })
  })

  it('finds nothing when scanning with a wrong key', () => {
    const text = 'Customer: 홍길동님, 010-1234-5678, Acme Corporation, EMP-2024-0042'
    assert.equal(matches(text).length, 4)
    assert.deepEqual(matches(text, 'another-key'), [])
    assert.equal(fingerprintKeyMatches(set, key), true)
    assert.equal(fingerprintKeyMatches(set, 'another-key'), false)
  })

  it('accepts a byte key when the set was built with the same bytes', () => {
    const bytes = new TextEncoder().encode('binary-key')
    assert.deepEqual(matches('홍길동씨', bytes, build(['홍길동'], bytes)), ['홍길동'])
  })

  it('maps spans back to the original text when digits are full-width', () => {
    const engine = createDetectionEngine([createFingerprintDetector(set, key)])
    const text = '번호 ０１０－１２３４－５６７８ 입니다'
    const [finding] = engine.scan(text)
    assert.ok(finding)
    assert.equal(text.slice(finding.start, finding.end), '０１０－１２３４－５６７８')
  })

  it('finds every inserted value and nothing else when the set has 2,000 values', () => {
    const syllable = (n: number): string => String.fromCharCode(0xac00 + ((n * 7919) % 11172))
    const many = Array.from({ length: 2000 }, (_, i) =>
      i % 2 === 0
        ? `${syllable(i)}${syllable(i + 1)}${syllable(i + 2)}`
        : `010-${String(1000 + i).padStart(4, '0')}-${String(9999 - i).padStart(4, '0')}`,
    )
    const big = build(many)
    const parts: string[] = []
    const expected: string[] = []
    for (let k = 0; k < 300; k++) {
      const value = many[(k * 13) % many.length] as string
      const shown = k % 4 === 1 ? value.replaceAll('-', '') : value
      parts.push(`문서 ${k}번 참고 ${shown}${k % 3 === 0 ? '님' : ''} 그리고 기타 단어 9${k}`)
      expected.push(shown)
    }
    assert.deepEqual(matches(parts.join('\n'), key, big), expected)
  })
})
