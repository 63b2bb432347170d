import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildTriePattern } from './build-trie-pattern.ts'

describe('buildTriePattern', () => {
  it('matches the longest word when words share a prefix', () => {
    const re = new RegExp(buildTriePattern(['이사', '이사장', '이름']), 'g')
    assert.deepEqual('이사장 이름 이사'.match(re), ['이사장', '이름', '이사'])
  })
  it('escapes regex syntax in words', () => {
    const re = new RegExp(`^(?:${buildTriePattern(['a.b', 'c|d'])})$`)
    assert.deepEqual(
      ['a.b', 'axb', 'c|d', 'c'].map((w) => re.test(w)),
      [true, false, true, false],
    )
  })
})
