import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { CanonicalJsonError, canonicalJson } from './canonical-json.ts'

describe('canonicalJson', () => {
  it('writes the same text whatever the key order', () => {
    const a = { b: 1, a: { y: [1, 2, { q: true, p: null }], x: 'x' } }
    const b = { a: { x: 'x', y: [1, 2, { p: null, q: true }] }, b: 1 }
    assert.equal(canonicalJson(a), '{"a":{"x":"x","y":[1,2,{"p":null,"q":true}]},"b":1}')
    assert.equal(canonicalJson(b), canonicalJson(a))
  })

  it('sorts keys by UTF-16 code units, as the specification sorts strings', () => {
    assert.equal(
      canonicalJson({ b: 0, a: 0, B: 0, 한: 0, _: 0, '10': 0, '9': 0 }),
      '{"10":0,"9":0,"B":0,"_":0,"a":0,"b":0,"한":0}',
    )
  })

  it('leaves out keys whose value is undefined, and writes -0 as 0', () => {
    assert.equal(canonicalJson({ a: undefined, b: -0, c: [-0] }), '{"b":0,"c":[0]}')
  })

  it('writes strings exactly as JSON.stringify does, escapes and surrogates included', () => {
    const texts = [
      'plain',
      '한글 텍스트',
      'quote " and backslash \\',
      'controls \u0000 \u0001 \b \t \n \f \r \u001f and DEL \u007f',
      'line separators \u2028 \u2029',
      'pair 😀 lone high \ud800 lone low \udc00 reversed \udc00\ud800',
      '',
    ]
    for (const text of texts) {
      assert.equal(canonicalJson(text), JSON.stringify(text))
      assert.equal(canonicalJson({ [text]: text }), `{${JSON.stringify(text)}:${JSON.stringify(text)}}`)
    }
  })

  it('writes numbers as JSON.stringify does', () => {
    for (const n of [0, 1, -1, 0.1, 1e21, 1e-7, 123456789012345680000, Number.MAX_SAFE_INTEGER, 5e-324]) {
      assert.equal(canonicalJson(n), JSON.stringify(n))
    }
  })

  it('round-trips through JSON.parse', () => {
    const value = { list: ['a', 1, false, null, { deep: { deeper: ['x'] } }], 'key with space': 'v' }
    assert.deepEqual(JSON.parse(canonicalJson(value)), value)
  })

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { z: 1, a: 2 })
    assert.equal(canonicalJson(bare), '{"a":2,"z":1}')
  })

  it('refuses what JSON cannot carry exactly, naming where', () => {
    class Point {
      x = 1
    }
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.self = cyclic
    const cases: [unknown, string][] = [
      [{ n: Number.NaN }, '$.n'],
      [{ n: [1, Number.POSITIVE_INFINITY] }, '$.n[1]'],
      [{ n: Number.NEGATIVE_INFINITY }, '$.n'],
      [[1, undefined], '$[1]'],
      [{ big: 10n }, '$.big'],
      [{ f: () => 1 }, '$.f'],
      [{ s: Symbol('s') }, '$.s'],
      [{ when: new Date(0) }, '$.when'],
      [{ m: new Map() }, '$.m'],
      [{ p: new Point() }, '$.p'],
      [undefined, '$'],
      [cyclic, '$'],
    ]
    for (const [value, path] of cases) {
      assert.throws(
        () => canonicalJson(value),
        (error: unknown) => error instanceof CanonicalJsonError && error.path.startsWith(path),
        path,
      )
    }
  })

  it('names the root it is given', () => {
    assert.throws(
      () => canonicalJson({ typeCounts: { X: Number.NaN } }, 'entry'),
      /^CanonicalJsonError: entry\.typeCounts\.X: number must be finite/,
    )
  })
})
