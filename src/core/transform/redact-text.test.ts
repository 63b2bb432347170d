import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Finding } from '../detection/finding.ts'
import { maskValue } from './mask-value.ts'
import { createPseudonymizer } from './pseudonymizer.ts'
import { redactText } from './redact-text.ts'

const text = '홍길동님 전화 010-1234-5678로, 메일 hong@example.com'
const at = (value: string, type: Finding['type']): Finding => {
  const start = text.indexOf(value)
  return { type, start, end: start + value.length, score: 0.9 }
}
const findings = [
  at('홍길동', 'PERSON'),
  at('010-1234-5678', 'PHONE_NUMBER'),
  at('hong@example.com', 'EMAIL_ADDRESS'),
]

describe('redactText', () => {
  it('replaces each span with its type tag when mode is tag', () => {
    const out = redactText(text, findings, { kind: 'tag' })
    assert.equal(out.text, '<PERSON>님 전화 <PHONE_NUMBER>로, 메일 <EMAIL_ADDRESS>')
    assert.equal(out.replacements.length, 3)
  })
  it('keeps separators and the last characters when mode is mask', () => {
    const out = redactText(text, [findings[1] as Finding], { kind: 'mask' })
    assert.equal(out.text, '홍길동님 전화 ***-****-5678로, 메일 hong@example.com')
  })
  it('gives equal values equal hashes and different keys different hashes when mode is hash', () => {
    const a = redactText('x 010-1234-5678', [{ type: 'PHONE_NUMBER', start: 2, end: 15, score: 1 }], {
      kind: 'hash',
      key: 'k1',
    })
    const b = redactText('y 010-1234-5678', [{ type: 'PHONE_NUMBER', start: 2, end: 15, score: 1 }], {
      kind: 'hash',
      key: 'k1',
    })
    const c = redactText('y 010-1234-5678', [{ type: 'PHONE_NUMBER', start: 2, end: 15, score: 1 }], {
      kind: 'hash',
      key: 'k2',
    })
    assert.match(a.text, /^x <PHONE_NUMBER:[0-9a-f]{16}>$/)
    assert.equal(a.text.slice(2), b.text.slice(2))
    assert.notEqual(b.text, c.text)
    assert.ok(!a.text.includes('5678'))
  })
  it('skips a finding that overlaps an earlier one instead of corrupting the text', () => {
    const overlapping: Finding[] = [
      { type: 'URL', start: 0, end: 5, score: 1 },
      { type: 'EMAIL_ADDRESS', start: 3, end: 8, score: 1 },
    ]
    assert.equal(redactText('abcdefghij', overlapping, { kind: 'tag' }).text, '<URL>fghij')
  })
})

describe('maskValue', () => {
  for (const [value, keep, expected] of [
    ['900101-1234567', 0, '******-*******'],
    ['hong@example.com', 3, '****@*******.com'],
    ['홍길동', 1, '**동'],
    ['12', 4, '12'],
  ] as const) {
    it(`masks ${value} keeping ${keep}`, () => assert.equal(maskValue(value, { keep, char: '*' }), expected))
  }
})

describe('createPseudonymizer', () => {
  it('gives the same value the same token and restores the originals', () => {
    const p = createPseudonymizer()
    const first = p.pseudonymise(text, findings)
    assert.equal(first.text, '<PERSON_1>님 전화 <PHONE_NUMBER_1>로, 메일 <EMAIL_ADDRESS_1>')
    const second = p.pseudonymise('홍길동 and 김철수', [
      { type: 'PERSON', start: 0, end: 3, score: 1 },
      { type: 'PERSON', start: 8, end: 11, score: 1 },
    ])
    assert.equal(second.text, '<PERSON_1> and <PERSON_2>')
    assert.equal(
      p.restore('Answer: <PERSON_2> wrote to <EMAIL_ADDRESS_1>.'),
      'Answer: 김철수 wrote to hong@example.com.',
    )
  })
  it('continues a conversation from a saved table', () => {
    const p = createPseudonymizer()
    p.pseudonymise(text, findings)
    const q = createPseudonymizer(p.table())
    assert.equal(
      q.pseudonymise('김영희', [{ type: 'PERSON', start: 0, end: 3, score: 1 }]).text,
      '<PERSON_2>',
    )
    assert.equal(q.restore('<PERSON_1>'), '홍길동')
  })
  it('never issues a token that the text already contains', () => {
    const p = createPseudonymizer()
    const out = p.pseudonymise('<PERSON_1> is 홍길동', [{ type: 'PERSON', start: 14, end: 17, score: 1 }])
    assert.equal(out.text, '<PERSON_1> is <PERSON_2>')
  })
  it('leaves unknown tokens untouched on restore', () => {
    assert.equal(createPseudonymizer().restore('<PERSON_9>'), '<PERSON_9>')
  })
})
