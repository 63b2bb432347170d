/**
 * A small least-recently-used map: a hit moves the entry to the back, and inserting past `capacity`
 * drops the oldest entry (handing it to `onEvict`, e.g. to close an agent). Map keeps insertion order,
 * which is all an LRU needs.
 */
export class LruCache<K, V> {
  readonly capacity: number
  readonly #entries = new Map<K, V>()
  readonly #onEvict: ((key: K, value: V) => void) | undefined
  /** The most recently used key: a repeat hit on it skips the delete+insert (which churns the Map). */
  #newest: K | undefined

  constructor(capacity: number, onEvict?: (key: K, value: V) => void) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`LRU capacity must be a positive integer, got ${capacity}`)
    this.capacity = capacity
    this.#onEvict = onEvict
  }

  /** The value for `key` (marking it most recently used), or undefined. */
  get(key: K): V | undefined {
    const value = this.#entries.get(key)
    if (value === undefined || key === this.#newest) return value
    this.#entries.delete(key)
    this.#entries.set(key, value)
    this.#newest = key
    return value
  }

  /** Stores `value` as the most recently used entry, evicting the oldest when full. */
  set(key: K, value: V): void {
    this.#entries.delete(key)
    this.#entries.set(key, value)
    this.#newest = key
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next()
      if (oldest.done) break
      const evicted = this.#entries.get(oldest.value) as V
      this.#entries.delete(oldest.value)
      this.#onEvict?.(oldest.value, evicted)
    }
  }

  /** Forgets `key` without calling `onEvict`. */
  delete(key: K): void {
    this.#entries.delete(key)
    if (key === this.#newest) this.#newest = undefined
  }

  /** How many entries are held. */
  get size(): number {
    return this.#entries.size
  }

  /** Every value, oldest first (for shutdown). */
  values(): IterableIterator<V> {
    return this.#entries.values()
  }
}
