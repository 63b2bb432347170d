import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import { createScanInput } from '../../detection/scan-input.ts'
import { createDictionaryDetector, type Dictionary } from './dictionary-detector.ts'

/** The matched text of each finding, with its dictionary: `subtype:text`. */
function matches(dictionaries: readonly Dictionary[], text: string): string[] {
  const input = createScanInput(text)
  return createDictionaryDetector(dictionaries)
    .detect(input)
    .map((f) => `${f.subtype}:${input.text.slice(f.start, f.end)}`)
}

describe('createDictionaryDetector', () => {
  const cases: { name: string; dictionaries: Dictionary[]; text: string; expected: string[] }[] = [
    {
      name: 'matches a Hangul term when a particle is attached',
      dictionaries: [{ name: 'projects', terms: ['프로젝트 오로라'] }],
      text: '이번 프로젝트 오로라는 기밀입니다',
      expected: ['projects:프로젝트 오로라'],
    },
    {
      name: 'matches a Hangul term inside a longer word since Korean words glue',
      dictionaries: [{ name: 'p', terms: ['오로라'] }],
      text: '신규오로라팀',
      expected: ['p:오로라'],
    },
    {
      name: 'ignores ASCII case when the dictionary is case-insensitive',
      dictionaries: [{ name: 'p', terms: ['Project Aurora'] }],
      text: 'see PROJECT aurora and project Aurora',
      expected: ['p:PROJECT aurora', 'p:project Aurora'],
    },
    {
      name: 'keeps only the exact case when the dictionary is case-sensitive',
      dictionaries: [{ name: 'p', terms: ['AURORA'], caseSensitive: true }],
      text: 'aurora Aurora AURORA',
      expected: ['p:AURORA'],
    },
    {
      name: 'rejects matches glued to ASCII letters or digits when whole-word applies',
      dictionaries: [{ name: 'p', terms: ['Aurora', 'X1'] }],
      text: 'Auroras xAurora Aurora2 X12 (Aurora) X1.',
      expected: ['p:Aurora', 'p:X1'],
    },
    {
      name: 'guards only the ASCII end when a term mixes ASCII and Hangul',
      dictionaries: [{ name: 'p', terms: ['AB사업부'] }],
      text: 'XAB사업부 AB사업부에서',
      expected: ['p:AB사업부'],
    },
    {
      name: 'finds terms inside words when whole-word is off',
      dictionaries: [{ name: 'p', terms: ['aurora'], wholeWord: false }],
      text: 'Auroras',
      expected: ['p:Aurora'],
    },
    {
      name: 'keeps the leftmost-longest match when terms overlap within a dictionary',
      dictionaries: [{ name: 'p', terms: ['new', 'new york', 'york city', 'city'] }],
      text: 'new york city',
      expected: ['p:new york', 'p:city'],
    },
    {
      name: 'falls back to a shorter term when the longer one is glued to a word',
      dictionaries: [{ name: 'p', terms: ['new', 'new york'] }],
      text: 'new yorker',
      expected: ['p:new'],
    },
    {
      name: 'reports each dictionary separately when their terms overlap',
      dictionaries: [
        { name: 'clients', terms: ['Acme'] },
        { name: 'projects', terms: ['Acme Rocket'] },
      ],
      text: 'the Acme Rocket launch',
      expected: ['clients:Acme', 'projects:Acme Rocket'],
    },
    {
      name: 'matches across a line break when the term has a space',
      dictionaries: [{ name: 'p', terms: ['Project  Aurora '] }],
      text: 'Project\nAurora',
      expected: ['p:Project\nAurora'],
    },
    {
      name: 'normalises full-width terms the same way as text',
      dictionaries: [{ name: 'p', terms: ['ＡＣＭＥ－１'] }],
      text: 'order ACME-1 shipped',
      expected: ['p:ACME-1'],
    },
    {
      name: 'finds nothing when no term occurs',
      dictionaries: [{ name: 'p', terms: ['Aurora', '오로라', ''] }],
      text: 'nothing to see here 여기',
      expected: [],
    },
  ]
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(matches(c.dictionaries, c.text), c.expected)
    })
  }

  it('uses the dictionary score and name when given and 0.9 otherwise', () => {
    const detector = createDictionaryDetector([
      { name: 'a', terms: ['alpha'] },
      { name: 'b', terms: ['beta'], score: 0.6 },
    ])
    const found = detector.detect(createScanInput('alpha beta'))
    assert.deepEqual(
      found.map((f) => [f.type, f.subtype, f.score, f.start, f.end]),
      [
        ['DICTIONARY_TERM', 'a', 0.9, 0, 5],
        ['DICTIONARY_TERM', 'b', 0.6, 6, 10],
      ],
    )
  })

  it('maps spans back to the original text when the input is full-width', () => {
    const engine = createDetectionEngine([createDictionaryDetector([{ name: 'p', terms: ['acme'] }])])
    const text = '고객 ＡＣＭＥ입니다'
    const [finding] = engine.scan(text)
    assert.ok(finding)
    assert.equal(text.slice(finding.start, finding.end), 'ＡＣＭＥ')
  })

  it('finds exactly the inserted spans when the dictionary has 5,000 generated terms', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz'
    const word = (n: number): string => {
      let s = ''
      for (let v = n; s.length < 4 || v > 0; v = Math.floor(v / 26)) s += letters[v % 26]
      return s
    }
    const hangul = (n: number): string => String.fromCharCode(0xac00 + ((n * 7919) % 11172))
    const terms = Array.from({ length: 5000 }, (_, i) =>
      i % 2 === 0 ? `${word(i * 31)} ${word(i * 17 + 3)}` : `${hangul(i)}${hangul(i + 1)} ${hangul(i + 2)}`,
    )
    const parts: string[] = []
    const expected: string[] = []
    let at = 0
    for (let k = 0; k < 2000; k++) {
      const filler = `filler${k} 9${k} `
      parts.push(filler)
      at += filler.length
      const term = terms[(k * 37) % terms.length] as string
      const shown = k % 3 === 0 ? term.toUpperCase() : term
      parts.push(shown, k % 2 === 0 ? ' ' : '는 ')
      expected.push(`${at}-${at + term.length}`)
      at += shown.length + (k % 2 === 0 ? 1 : 2)
    }
    const detector = createDictionaryDetector([{ name: 'big', terms }])
    const found = detector.detect(createScanInput(parts.join('')))
    assert.deepEqual(
      found.map((f) => `${f.start}-${f.end}`),
      expected,
    )
  })
})
