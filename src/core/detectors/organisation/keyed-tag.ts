import { createHmac } from 'node:crypto'

/**
 * A HalfSipHash-2-4 key as its initial state. HalfSipHash is a keyed PRF built for exactly this:
 * short inputs, 32-bit output, cheap in 32-bit arithmetic. Without the key, a stored tag cannot be
 * recomputed for a guessed value, so a fingerprint file does not turn into an offline oracle.
 */
export interface TagKey {
  readonly v0: number
  readonly v1: number
  readonly v2: number
  readonly v3: number
}

/** The raw HalfSipHash key words (k0, k1, little-endian words of the 8 key bytes). */
export function tagKeyOf(k0: number, k1: number): TagKey {
  return { v0: k0 | 0, v1: k1 | 0, v2: (0x6c796765 ^ k0) | 0, v3: (0x74656462 ^ k1) | 0 }
}

/** Derives the tag key for one purpose from the organisation key (HMAC-SHA256, domain-separated). */
export function deriveTagKey(key: string | Uint8Array, purpose: string): TagKey {
  const hex = createHmac('sha256', key).update(`sluice/exact-data/v1/tag/${purpose}`).digest('hex')
  return tagKeyOf(readWord(hex, 0), readWord(hex, 8))
}

function readWord(hex: string, at: number): number {
  // Little-endian, as HalfSipHash reads its key bytes.
  let word = 0
  for (let i = 3; i >= 0; i--) word = (word << 8) | Number.parseInt(hex.slice(at + 2 * i, at + 2 * i + 2), 16)
  return word
}

const rotl = (x: number, b: number): number => (x << b) | (x >>> (32 - b))

/**
 * HalfSipHash-2-4 of one 32-bit little-endian word, as an unsigned 32-bit value. Zero is mapped to
 * one so that zero can mark empty slots in a {@link TagSet}.
 */
export function keyedTag(key: TagKey, word: number): number {
  let v0 = key.v0
  let v1 = key.v1
  let v2 = key.v2
  let v3 = key.v3 ^ word
  const last = 4 << 24 // the final block of a 4-byte message: its length, no tail bytes
  for (let round = 0; round < 8; round++) {
    if (round === 2) {
      v0 ^= word
      v3 ^= last
    } else if (round === 4) {
      v0 ^= last
      v2 ^= 0xff
    }
    v0 = (v0 + v1) | 0
    v1 = rotl(v1, 5) ^ v0
    v0 = rotl(v0, 16)
    v2 = (v2 + v3) | 0
    v3 = rotl(v3, 8) ^ v2
    v0 = (v0 + v3) | 0
    v3 = rotl(v3, 7) ^ v0
    v2 = (v2 + v1) | 0
    v1 = rotl(v1, 13) ^ v2
    v2 = rotl(v2, 16)
  }
  return (v1 ^ v3) >>> 0 || 1
}

/** FNV-1a offset basis: the start of every unkeyed 32-bit hash here. */
export const fnvStart = 0x811c9dc5

/** One FNV-1a step over a UTF-16 code unit (or any 32-bit word). */
export const fnvStep = (hash: number, unit: number): number => Math.imul(hash ^ unit, 0x01000193)

/** A read-only set of nonzero 32-bit tags with allocation-free lookups (open addressing). */
export interface TagSet {
  readonly size: number
  has(tag: number): boolean
}

/** Builds a {@link TagSet} from tags (zero is ignored: {@link keyedTag} never yields it). */
export function createTagSet(tags: Iterable<number>): TagSet {
  const unique = [...new Set(tags)].filter((t) => t !== 0)
  let bits = 4
  while (1 << bits < unique.length * 2) bits++
  const shift = 32 - bits
  const mask = (1 << bits) - 1
  const slots = new Uint32Array(1 << bits)
  for (const tag of unique) {
    let i = Math.imul(tag, 0x9e3779b1) >>> shift
    while (slots[i] !== 0) i = (i + 1) & mask
    slots[i] = tag
  }
  return {
    size: unique.length,
    has(tag) {
      for (let i = Math.imul(tag, 0x9e3779b1) >>> shift; ; i = (i + 1) & mask) {
        const slot = slots[i] as number
        if (slot === tag) return true
        if (slot === 0) return false
      }
    },
  }
}
