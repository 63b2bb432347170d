import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createTagSet, deriveTagKey, keyedTag, tagKeyOf } from './keyed-tag.ts'

describe('keyedTag', () => {
  it('matches the HalfSipHash-2-4 reference vector when given its key and a 4-byte message', () => {
    // Reference vectors (veorq/SipHash): key 00..07, message 00 01 02 03 → a9 35 9f 5b … index 4: 2a 6e 46 89.
    assert.equal(keyedTag(tagKeyOf(0x03020100, 0x07060504), 0x03020100), 0x89466e2a)
  })

  it('gives unrelated tags when the purpose or the key differs', () => {
    const word = 0x12345678
    const tags = [
      keyedTag(deriveTagKey('k', 'token'), word),
      keyedTag(deriveTagKey('k', 'run'), word),
      keyedTag(deriveTagKey('other', 'token'), word),
    ]
    assert.equal(new Set(tags).size, 3)
    assert.equal(keyedTag(deriveTagKey('k', 'token'), word), tags[0])
  })
})

describe('createTagSet', () => {
  it('answers membership exactly when holding thousands of tags', () => {
    const key = deriveTagKey('k', 'set')
    const inside = Array.from({ length: 5000 }, (_, i) => keyedTag(key, i))
    const set = createTagSet(inside)
    assert.ok(inside.every((t) => set.has(t)))
    const outside = Array.from({ length: 5000 }, (_, i) => keyedTag(key, i + 5000)).filter(
      (t) => !inside.includes(t),
    )
    assert.ok(outside.every((t) => !set.has(t)))
    assert.equal(set.size, new Set(inside).size)
  })

  it('holds nothing when built empty', () => {
    const set = createTagSet([])
    assert.equal(set.size, 0)
    assert.equal(set.has(1), false)
  })
})
