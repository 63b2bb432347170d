import { createHmac, type KeyObject } from 'node:crypto'

/**
 * A keyed hash of a value: HMAC-SHA256 truncated to 16 hex digits. Keyed so that a dictionary attack
 * on short values (phone numbers, RRNs) needs the key; deterministic so equal values stay linkable.
 * node:crypto is allowed in the core for deterministic hashing only (ARCHITECTURE.md).
 */
export function keyedHash(value: string, key: string | Uint8Array | KeyObject): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, 16)
}
