import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createScanInput } from './scan-input.ts'

describe('createScanInput.hasContext', () => {
  const words = ['주민등록번호', 'rrn', 'a.b']
  const cases: [string, string, boolean][] = [
    ['finds an inflected Korean label before the value', '주민등록번호는 VALUE', true],
    ['finds an upper-case English label', 'RRN: VALUE', true],
    ['finds a label after the value', 'VALUE (rrn)', true],
    ['treats regex characters in words literally', 'axb VALUE', false],
    ['finds a word with a dot', 'a.b VALUE', true],
    ['ignores labels outside the window', `rrn${' '.repeat(80)}VALUE`, false],
    ['ignores the value itself', 'VALUE', false],
  ]
  for (const [name, text, expected] of cases) {
    it(`${name}`, () => {
      const input = createScanInput(text)
      const start = text.indexOf('VALUE')
      assert.equal(input.hasContext(start, start + 5, words), expected)
    })
  }
  it('answers false for an empty word list', () => {
    assert.equal(createScanInput('rrn VALUE').hasContext(4, 9, []), false)
  })
})
