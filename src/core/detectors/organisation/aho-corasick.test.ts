import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildAutomaton, foldUnit } from './aho-corasick.ts'

const fold = (s: string): string =>
  Array.from(s, (c) => String.fromCharCode(foldUnit(c.charCodeAt(0)))).join('')

/** Every occurrence as `pattern@start-end`, sorted: the automaton's output order is unspecified. */
function occurrences(patterns: readonly string[], text: string): string[] {
  const found: string[] = []
  buildAutomaton(patterns).scan(text, (p, end) => {
    found.push(`${patterns[p]}@${end - (patterns[p] as string).length}-${end}`)
  })
  return found.sort()
}

function naive(patterns: readonly string[], text: string): string[] {
  const found: string[] = []
  const haystack = fold(text)
  patterns.forEach((p) => {
    if (p === '') return
    const needle = fold(p)
    for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      found.push(`${p}@${i}-${i + p.length}`)
    }
  })
  return found.sort()
}

function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    return state / 2 ** 32
  }
}

describe('buildAutomaton', () => {
  const cases: { name: string; patterns: string[]; text: string; expected: string[] }[] = [
    {
      name: 'reports overlapping and nested patterns when they share suffixes',
      patterns: ['he', 'she', 'his', 'hers'],
      text: 'ushers',
      expected: ['he@2-4', 'hers@2-6', 'she@1-4'],
    },
    {
      name: 'reports every pattern along a shared prefix when all of them occur',
      patterns: ['a', 'ab', 'abc', 'abcd'],
      text: 'xabcd',
      expected: ['a@1-2', 'ab@1-3', 'abc@1-4', 'abcd@1-5'],
    },
    {
      name: 'finds self-overlapping occurrences when a pattern repeats',
      patterns: ['aa'],
      text: 'aaaa',
      expected: ['aa@0-2', 'aa@1-3', 'aa@2-4'],
    },
    {
      name: 'matches Hangul patterns when a particle follows',
      patterns: ['프로젝트 오로라', '오로라'],
      text: '프로젝트 오로라는 비밀',
      expected: ['오로라@5-8', '프로젝트 오로라@0-8'],
    },
    {
      name: 'folds ASCII case and treats a line break as a space when scanning',
      patterns: ['Project Aurora'],
      text: 'PROJECT\naurora',
      expected: ['Project Aurora@0-14'],
    },
    {
      name: 'never matches an empty pattern when one is given',
      patterns: ['', 'x'],
      text: 'xx',
      expected: ['x@0-1', 'x@1-2'],
    },
    {
      name: 'finds nothing when no pattern occurs',
      patterns: ['alpha', '베타'],
      text: 'gamma 감마',
      expected: [],
    },
  ]
  for (const c of cases) {
    it(`${c.name}`, () => {
      assert.deepEqual(occurrences(c.patterns, c.text), c.expected)
    })
  }

  it('agrees with a naive search when patterns and text are random over a small alphabet', () => {
    const next = random(7)
    const alphabet = 'abAB 가나'
    const pick = (n: number): string =>
      Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('')
    for (let round = 0; round < 50; round++) {
      const patterns = Array.from({ length: 1 + Math.floor(next() * 12) }, () =>
        pick(1 + Math.floor(next() * 4)),
      )
      const text = pick(Math.floor(next() * 400))
      assert.deepEqual(occurrences(patterns, text), naive(patterns, text), `round ${round}`)
    }
  })

  it('agrees with a naive search when thousands of distinct syllables force split symbols', () => {
    const next = random(11)
    const syllable = (): string => String.fromCharCode(0xac00 + Math.floor(next() * 600))
    const word = (n: number): string => Array.from({ length: n }, syllable).join('')
    const patterns = Array.from({ length: 400 }, () => word(1 + Math.floor(next() * 3)))
    // Long enough for the two-walk scan, so matches across its seam are exercised too.
    const text = Array.from({ length: 3000 }, () => word(1 + Math.floor(next() * 3))).join(
      next() < 0.5 ? ' ' : '',
    )
    const automaton = buildAutomaton(patterns)
    assert.ok(automaton.stateCount > patterns.length)
    assert.deepEqual(occurrences(patterns, text), naive(patterns, text))
  })

  it('agrees with a naive search when pattern starts are sparse or turn dense part way', () => {
    const next = random(23)
    const filler = 'the quick brown fox jumps over a lazy dog; 오늘 회의는 길었다. '
    const sets = [
      ['Project Aurora', 'project aurora-2', '한빛TF', 'X'],
      ['Project Aurora', '한빛TF', '누리 시스템'],
    ]
    for (const patterns of sets) {
      for (let round = 0; round < 20; round++) {
        let text = ''
        while (text.length < 3000) {
          const r = next()
          text += r < 0.05 ? (patterns[Math.floor(next() * patterns.length)] as string) : filler
          // A stretch of possible starts from some point on sends the rest to the automaton.
          if (round % 2 === 1 && text.length > 1500 && r < 0.5) text += 'PPPP한한XxX'
        }
        assert.deepEqual(occurrences(patterns, text), naive(patterns, text), `round ${round}`)
      }
    }
  })

  it('finds a match that straddles the middle of a long text when the scan runs in two walks', () => {
    const text = `${'x'.repeat(5000)}needle${'y'.repeat(5000)}`
    for (const shift of [-5, -3, 0, 3]) {
      const shifted = text.slice(shift < 0 ? -shift : 0) + 'z'.repeat(Math.max(0, shift))
      assert.deepEqual(occurrences(['needle'], shifted), naive(['needle'], shifted), `shift ${shift}`)
    }
  })
})
