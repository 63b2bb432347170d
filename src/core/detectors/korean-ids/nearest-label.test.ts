import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createLabelMatcher, roundScore, withContext } from './nearest-label.ts'

const matcher = createLabelMatcher([
  { word: '주민등록번호', kind: 'rrn' },
  { word: '등록번호', kind: 'any' },
  { word: '법인번호', kind: 'crn' },
  { word: 'RRN', kind: 'rrn' },
  { word: '증번호', kind: 'nhi', wordStart: true },
])

function nearest(text: string, value = '0000'): string | undefined {
  const start = text.indexOf(value)
  return matcher.nearest(text, start, start + value.length)
}

describe('createLabelMatcher', () => {
  const cases: [string, string, string | undefined][] = [
    ['prefers the longer word at one position', '주민등록번호 0000', 'rrn'],
    ['finds a generic word alone', '등록번호: 0000', 'any'],
    ['prefers the label nearer before the value', '주민등록번호 또는 법인번호 0000', 'crn'],
    ['prefers a nearer label after the value', '주민등록번호 가나다라마바사 0000(법인번호)', 'crn'],
    ['matches case-insensitively', 'my rrn is 0000', 'rrn'],
    ['counts a word-start label after a space', '증번호 0000', 'nhi'],
    ['ignores a word-start label inside a word', '인증번호 0000', undefined],
    ['ignores labels outside the window', `법인번호${'가'.repeat(60)}0000`, undefined],
    ['returns nothing without labels', 'nothing here 0000', undefined],
    ['prefers a label before over one just after', '법인번호: 0000 주민등록번호', 'crn'],
    ['ignores a label on the next line', '0000\n법인번호 1111', undefined],
    ['ignores a label in an earlier paragraph', '법인번호 1111\n\n0000', undefined],
    ['reads a label on the line before', '법인번호\n0000', 'crn'],
  ]
  for (const [name, text, expected] of cases) {
    it(`${name} when given ${JSON.stringify(text.slice(0, 40))}`, () => {
      assert.equal(nearest(text), expected)
    })
  }

  it('reports presence on either side when asked has()', () => {
    const text = '0000 (RRN)'
    assert.equal(matcher.has(text, 0, 4), true)
    assert.equal(matcher.has('0000 nothing', 0, 4), false)
  })

  it('escapes regex metacharacters when given such a word', () => {
    const m = createLabelMatcher([{ word: 'dl#', kind: 'dl' }])
    assert.equal(m.nearest('DL# 0000', 4, 8), 'dl')
    assert.equal(m.nearest('dlx 0000', 4, 8), undefined)
  })
})

describe('withContext', () => {
  it('raises by 0.25 to at least 0.7 and at most 1 when given a base score', () => {
    assert.deepEqual([0.3, 0.6, 0.65, 0.95].map(withContext), [0.7, 0.85, 0.9, 1])
  })
  it('rounds to two decimals when given float noise', () => {
    assert.equal(roundScore(0.1 + 0.2), 0.3)
  })
})
