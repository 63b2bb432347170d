import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { wordAlternation } from './word-alternation.ts'

function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    return state / 2 ** 32
  }
}

const escapeWord = (w: string): string => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/** The unfactored alternation the factored one must behave like. */
function flat(words: readonly string[], separator: boolean, wordStart: readonly boolean[]): RegExp {
  const source = words
    .map((w, i) => {
      const body = separator ? escapeWord(w).replace(/ /g, '[ _-]?') : escapeWord(w)
      return wordStart[i] ? `(?<![가-힣])${body}` : body
    })
    .join('|')
  return new RegExp(source, 'gi')
}

const matches = (re: RegExp, text: string): string[] =>
  [...text.matchAll(re)].map((m) => `${m.index}:${m[0]}`)

describe('wordAlternation', () => {
  it('matches what the plain alternation matches when words share prefixes, spaces and guards', () => {
    const next = random(5)
    const alphabet = ['a', 'b', 'A', ' ', '_', '-', '증', '번', '호', '인', '.']
    const word = (): string => {
      let w = alphabet[Math.floor(next() * 3)] as string
      const n = Math.floor(next() * 4)
      for (let i = 0; i < n; i++) w += alphabet[Math.floor(next() * alphabet.length)]
      return w.trimEnd()
    }
    for (let round = 0; round < 300; round++) {
      const words = Array.from({ length: 1 + Math.floor(next() * 8) }, word)
        .filter((w) => w !== '')
        .sort((x, y) => y.length - x.length)
      const separator = round % 2 === 0
      const guards = words.map(() => next() < 0.3)
      const factored = new RegExp(wordAlternation(words, separator ? 'separator' : 'literal', guards), 'g')
      const text = Array.from({ length: 60 }, () => alphabet[Math.floor(next() * alphabet.length)]).join('')
      assert.deepEqual(
        matches(factored, text),
        matches(flat(words, separator, guards), text),
        `round ${round}`,
      )
    }
  })

  it('folds ASCII case without the i flag when given mixed-case text', () => {
    const re = new RegExp(wordAlternation(['mac addr', '맥 주소'], 'literal'))
    assert.ok(re.test('MAC Addr'))
    assert.ok(re.test('맥 주소'))
    assert.ok(!re.test('mac  addr'))
  })
})
