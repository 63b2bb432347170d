import { createHmac } from 'node:crypto'
import { deriveTagKey, type TagKey } from './keyed-tag.ts'

/** Everything derived from the organisation key that building and scanning a fingerprint set need. */
export interface FingerprintKeys {
  readonly token: TagKey
  readonly run: TagKey
  readonly digits: TagKey
  readonly tokenSeed: BitFilterSeed
  readonly digitSeed: BitFilterSeed
  /** Proves the key is the one a set was built with, without revealing anything about values. */
  readonly keyCheck: string
  /** HMAC-SHA256 of a canonical value, truncated to 16 bytes, hex. */
  valueHash(canonical: string): string
}

const domain = 'sluice/exact-data/v1'

/** Derives the per-purpose keys from the organisation's secret key (domain-separated HMACs). */
export function deriveFingerprintKeys(key: string | Uint8Array): FingerprintKeys {
  const seed = (purpose: string): BitFilterSeed => {
    const hex = createHmac('sha256', key).update(`${domain}/seed/${purpose}`).digest('hex')
    return {
      outer: Number.parseInt(hex.slice(0, 8), 16) | 0,
      inner: Number.parseInt(hex.slice(8, 16), 16) | 0,
    }
  }
  return {
    token: deriveTagKey(key, 'token'),
    run: deriveTagKey(key, 'run'),
    digits: deriveTagKey(key, 'digits'),
    tokenSeed: seed('token'),
    digitSeed: seed('digits'),
    keyCheck: createHmac('sha256', key).update(`${domain}/key-check`).digest('hex').slice(0, 16),
    valueHash: (canonical) =>
      createHmac('sha256', key)
        .update(`${domain}/value\u0000${canonical}`, 'utf8')
        .digest('hex')
        .slice(0, 32),
  }
}

/** Two 32-bit seeds for a {@link BitFilter}'s bucket function. */
export interface BitFilterSeed {
  readonly outer: number
  readonly inner: number
}

/** murmur3's finaliser: a cheap, well-mixing 32-bit permutation. */
function fmix32(h: number): number {
  let x = h ^ (h >>> 16)
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  return x ^ (x >>> 16)
}

// Two seeded rounds: with one 32-bit seed, a few known values would pin the seed by brute force.
const bucket = (hash: number, seed: BitFilterSeed): number => fmix32(fmix32(hash ^ seed.inner) ^ seed.outer)

/**
 * A coarse first-stage filter: one bit per bucket of a seeded hash, sized so roughly one bucket in
 * eight is set. Most text tokens fail it for the price of a few multiplies, and the PRF runs on the
 * rest. A set bit covers countless possible tokens, so the bitmap says next to nothing about values.
 */
export interface BitFilter {
  readonly bits: Uint8Array
  has(hash: number): boolean
}

/** Bitmap size (log2 of the number of bits) for `count` distinct entries: about eight bits each. */
export function filterBits(count: number): number {
  let log = 10
  while (log < 24 && 1 << log < count * 8) log++
  return log
}

/** Wraps a bitmap (its length a power of two, in bytes) as a {@link BitFilter}. */
export function createBitFilter(bits: Uint8Array, seed: BitFilterSeed): BitFilter {
  const shift = 32 - Math.log2(bits.length * 8)
  return {
    bits,
    has(hash) {
      const i = bucket(hash, seed) >>> shift
      return (((bits[i >>> 3] as number) >> (i & 7)) & 1) !== 0
    },
  }
}

/** Builds the bitmap of a {@link BitFilter} holding `hashes`. */
export function fillBitFilter(hashes: readonly number[], seed: BitFilterSeed): Uint8Array {
  const log = filterBits(new Set(hashes).size)
  const bits = new Uint8Array((1 << log) >>> 3)
  const shift = 32 - log
  for (const hash of hashes) {
    const i = bucket(hash, seed) >>> shift
    bits[i >>> 3] = (bits[i >>> 3] as number) | (1 << (i & 7))
  }
  return bits
}
