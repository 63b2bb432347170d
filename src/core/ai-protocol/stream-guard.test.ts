import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Finding } from '../detection/finding.ts'
import { redactText } from '../transform/redact-text.ts'
import { applyEdits, findingEdits, mergeEdits, replacementEdits, tokenEdits } from './guard-edits.ts'
import { createStreamGuard, type GuardVerdict, type StreamGuard } from './stream-guard.ts'

const table: Readonly<Record<string, string>> = {
  '<PERSON_1>': '홍길동',
  '<PHONE_NUMBER_12>': '010-1234-5678',
  '<EMAIL_ADDRESS_3>': 'hong@example.com',
}
const restore = (token: string): string => table[token] ?? token
// A local stand-in for the engine: an RRN needs a non-digit on both sides, so it needs context.
const rrn = /(?<!\d)\d{6}-\d{7}(?!\d)/g
const scan = (text: string): Finding[] =>
  [...text.matchAll(rrn)].map((m) => ({
    type: 'KR_RRN',
    start: m.index,
    end: m.index + m[0].length,
    score: 1,
  }))

function redactAndRestore(window: string): GuardVerdict {
  const edits = mergeEdits(
    findingEdits(window, scan(window), () => '<RRN>'),
    tokenEdits(window, restore),
  )
  return { text: applyEdits(window, edits), edits }
}
const whole = (text: string): string => (redactAndRestore(text) as { text: string }).text

// A small deterministic PRNG (mulberry32) so every run checks the same chunkings.
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function run(guard: StreamGuard, chunks: readonly string[]): { pieces: string[]; findings: Finding[] } {
  const pieces: string[] = []
  const findings: Finding[] = []
  chunks.forEach((chunk, i) => {
    const out = guard.push(chunk, i === chunks.length - 1)
    assert.ok(!('blocked' in out), 'unexpected block')
    pieces.push(out.text)
    findings.push(...out.findings)
  })
  return { pieces, findings }
}

function split(text: string, cuts: readonly number[]): string[] {
  const points = [0, ...[...cuts].sort((a, b) => a - b), text.length]
  return points.slice(1).map((end, i) => text.slice(points[i], end))
}

const texts = [
  '안녕하세요 <PERSON_1>님, 주민번호 900101-1234567 확인했습니다.',
  '<PHONE_NUMBER_12><PERSON_1> 900101-1234567900101-1234567 <EMAIL_ADDRESS_3>',
  'Dear <PERSON_1>, your id 851231-2345678 and a not-a-token <PERSON_> <lower_1> < <PERSON_99> 😀 end',
  '숫자 1234567-9001011234567 is no RRN; 900101-1234567',
  '',
  '<',
  'a<PERSON_1',
]

describe('createStreamGuard', () => {
  const guardWith = (holdback: number) =>
    createStreamGuard({ transform: redactAndRestore, holdback, maxTokenLength: 40 })

  it('releases, over any chunking, exactly the transform of the whole text', () => {
    const random = prng(20261124)
    for (const text of texts) {
      for (const holdback of [16, 24, 64]) {
        for (let round = 0; round < 150; round++) {
          const cuts = Array.from({ length: Math.floor(random() * 8) }, () =>
            Math.floor(random() * (text.length + 1)),
          )
          const { pieces } = run(guardWith(holdback), split(text, cuts))
          assert.equal(pieces.join(''), whole(text), `holdback ${holdback}, cuts ${cuts.join(',')}`)
        }
      }
    }
  })

  it('handles a split at every position, and every pair of positions, of each text', () => {
    for (const text of texts) {
      for (let i = 0; i <= text.length; i++) {
        for (let j = i; j <= text.length; j += 3) {
          const { pieces } = run(guardWith(16), split(text, [i, j]))
          assert.equal(pieces.join(''), whole(text), `cuts ${i},${j}`)
        }
      }
    }
  })

  it('restores a token split across three chunks with no inspection holdback', () => {
    const guard = createStreamGuard({
      transform: (w) => {
        const edits = tokenEdits(w, restore)
        return { text: applyEdits(w, edits), edits }
      },
      holdback: 0,
      maxTokenLength: 40,
    })
    const out = ['Hello <PER', 'SON_', '1>, welcome', ''].map((c, i) => guard.push(c, i === 3))
    assert.deepEqual(
      out.map((o) => ('text' in o ? o.text : o)),
      ['Hello ', '', '홍길동, welcome', ''],
    )
  })

  it('holds a trailing "<" piece no longer than the longest token', () => {
    const guard = createStreamGuard({
      transform: (w) => ({ text: w, edits: [] }),
      holdback: 0,
      maxTokenLength: 9,
    })
    const first = guard.push('x <ABCDEFG')
    assert.ok('text' in first)
    assert.equal(first.text, 'x ') // "<ABCDEFG" (8 chars) is shorter than a 9-char token: held
    const second = guard.push('H')
    assert.ok('text' in second)
    assert.equal(second.text, '<ABCDEFGH') // 9 chars and still open: no token can be this long, released
  })

  it('does need the holdback: without it a split identifier leaks (the property above is not vacuous)', () => {
    const { pieces } = run(guardWith(0), ['id 900101-12', '34567 end'])
    assert.notEqual(pieces.join(''), whole('id 900101-1234567 end'))
  })

  it('sees an identifier split across chunks whole before releasing any of it', () => {
    const released: string[] = []
    const guard = createStreamGuard({
      transform: (w, _final, ctx) =>
        scan(w).some((f) => f.end > ctx)
          ? { blocked: true, reason: 'RRN in answer', rule: 'no-rrn' }
          : { text: w, edits: [] },
      holdback: 16,
      maxTokenLength: 40,
    })
    let blocked: unknown
    for (const chunk of ['고객님의 주민번호는 ', '900101-12', '34567', ' 입니다. 감사합니다.']) {
      const out = guard.push(chunk)
      if ('blocked' in out) {
        blocked = out
        break
      }
      released.push(out.text)
    }
    assert.deepEqual(blocked, { blocked: true, reason: 'RRN in answer', rule: 'no-rrn' })
    assert.ok(!released.join('').includes('9001'), `released: ${released.join('')}`)
    assert.ok(guard.closed)
    assert.ok('blocked' in guard.push('more'))
  })

  it('reports each released finding once, in offsets of the whole input', () => {
    const text = 'id 900101-1234567 and 851231-2345678 done'
    const { findings } = run(guardWith(16), split(text, [5, 12, 20, 30, 38]))
    assert.deepEqual(
      findings.map((f) => text.slice(f.start, f.end)),
      ['900101-1234567', '851231-2345678'],
    )
  })

  it('never splits a surrogate pair between releases', () => {
    const guard = createStreamGuard({
      transform: (w) => ({ text: w, edits: [] }),
      holdback: 1,
      maxTokenLength: 40,
    })
    const a = guard.push('ab😀c') // cut would fall between the halves of 😀 with holdback 1… then moves back
    assert.ok('text' in a)
    const lastCode = a.text.charCodeAt(a.text.length - 1)
    assert.ok(!(lastCode >= 0xd800 && lastCode <= 0xdbff), JSON.stringify(a.text))
  })

  it('without edits, releases an unchanged window live and holds a changed one until the end', () => {
    const guard = createStreamGuard({
      transform: (w) => ({ text: w.replaceAll('<PERSON_1>', '홍길동') }),
      holdback: 4,
      maxTokenLength: 40,
    })
    const outs = ['plain text here ', 'then <PERSON_1> and more', ' text', ''].map((c, i) =>
      guard.push(c, i === 3),
    )
    const texts = outs.map((o) => ('text' in o ? o.text : 'BLOCKED'))
    assert.equal(texts[0], 'plain text h')
    assert.equal(texts[2], '')
    assert.equal(texts.join(''), 'plain text here then 홍길동 and more text')
  })
})

describe('tokenEdits', () => {
  it('escapes a restored value for JSON text when asked', () => {
    const text = '{"who":"<PERSON_7>"}'
    const edits = tokenEdits(text, (t) => (t === '<PERSON_7>' ? 'Kim "the \\ one"' : t), { json: true })
    assert.deepEqual(JSON.parse(applyEdits(text, edits)), { who: 'Kim "the \\ one"' })
    assert.deepEqual(
      tokenEdits('<PERSON_8> unknown', (t) => t),
      [],
    )
  })
})

describe('replacementEdits', () => {
  it('turns a redactText result into edits that rebuild the same text', () => {
    const text = '메일 hong@example.com, 전화 010-1234-5678'
    const findings: Finding[] = [
      { type: 'EMAIL_ADDRESS', start: 3, end: 19, score: 1 },
      { type: 'PHONE_NUMBER', start: 24, end: 37, score: 1 },
    ]
    const result = redactText(text, findings, { kind: 'tag' })
    const edits = replacementEdits(result)
    assert.equal(applyEdits(text, edits), result.text)
    assert.deepEqual(
      edits.map((e) => e.finding?.type),
      ['EMAIL_ADDRESS', 'PHONE_NUMBER'],
    )
  })
})

describe('createStreamGuard without edits', () => {
  it('runs the transform on the unreleased text alone when it would change the released context', () => {
    // A finding ("xAB") longer than the holdback reaches back into text already released: the guard
    // cannot take that back, so it transforms what is still unreleased instead of failing the stream.
    const calls: string[] = []
    const guard = createStreamGuard({
      transform: (w) => {
        calls.push(w)
        return { text: w.replaceAll('xAB', '***').replaceAll('B', '#') }
      },
      holdback: 1,
      maxTokenLength: 40,
    })
    const first = guard.push('xxA')
    assert.ok('text' in first)
    assert.equal(first.text, 'xx')
    const last = guard.push('B', true)
    assert.ok('text' in last)
    assert.equal(last.text, 'A#')
    assert.deepEqual(calls, ['xxA', 'xAB', 'AB'])
  })
})
