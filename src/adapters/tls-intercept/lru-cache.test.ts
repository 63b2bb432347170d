import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { LruCache } from './lru-cache.ts'

describe('LruCache', () => {
  it('evicts the least recently used entry and reports it', () => {
    const evicted: string[] = []
    const cache = new LruCache<string, number>(2, (key) => evicted.push(key))
    cache.set('a', 1)
    cache.set('b', 2)
    assert.equal(cache.get('a'), 1)
    cache.set('c', 3)
    assert.deepEqual(evicted, ['b'])
    assert.equal(cache.get('b'), undefined)
    assert.deepEqual([...cache.values()], [1, 3])
    assert.equal(cache.size, 2)
  })

  it('refuses a capacity that is not a positive integer', () => {
    assert.throws(() => new LruCache(0), RangeError)
    assert.throws(() => new LruCache(1.5), RangeError)
  })
})
