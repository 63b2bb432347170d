import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { normalizeText } from './normalize-text.ts'

/** Maps the normalised span of `needle` back and returns the original slice. */
function roundTrip(original: string, needle: string): string {
  const n = normalizeText(original)
  const start = n.text.indexOf(needle)
  assert.ok(start >= 0, `'${needle}' not in '${n.text}'`)
  return original.slice(n.toOriginalStart(start), n.toOriginalEnd(start + needle.length))
}

describe('normalizeText', () => {
  const cases: [string, string, string][] = [
    ['full-width digits and dash', '주민번호 ９００１０１－１２３４５６８입니다', '900101-1234568'],
    ['en dash between groups', '900101–1234568', '900101-1234568'],
    ['Hangul ㅡ typed as a dash', '010ㅡ1234ㅡ5678로', '010-1234-5678'],
    ['zero-width characters inside a number', '010\u200b-1234-\u200d5678', '010-1234-5678'],
    ['ideographic space', '010\u30001234\u30005678', '010 1234 5678'],
    ['full-width at sign', 'hong＠example．com', 'hong@example.com'],
  ]
  for (const [name, original, expected] of cases) {
    it(`normalises ${name} and maps the span back`, () => {
      const n = normalizeText(original)
      assert.ok(n.text.includes(expected), n.text)
      const back = roundTrip(original, expected)
      assert.equal(normalizeText(back).text, expected)
    })
  }

  it('keeps ㅡ as a letter away from digits', () => {
    assert.equal(normalizeText('ㅡㅡ 그렇군요').text, 'ㅡㅡ 그렇군요')
  })

  it('returns plain Korean and English text unchanged with an identity map', () => {
    const text = '홍길동 과장님, please call 010-1234-5678.'
    const n = normalizeText(text)
    assert.equal(n.text, text)
    assert.equal(n.toOriginalStart(5), 5)
  })

  it('maps offsets after a removed zero-width character', () => {
    const original = 'a\u200bbc'
    const n = normalizeText(original)
    assert.equal(n.text, 'abc')
    assert.equal(n.toOriginalStart(1), 2)
    assert.equal(n.toOriginalEnd(3), 4)
  })

  it('maps a compatibility character that expands to several characters as a whole', () => {
    const original = 'xⅢy'
    const n = normalizeText(original)
    assert.equal(n.text, 'xIIIy')
    assert.equal(n.toOriginalStart(1), 1)
    assert.equal(n.toOriginalEnd(4), 2)
    assert.equal(n.toOriginalStart(4), 2)
  })
})
