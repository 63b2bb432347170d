import { createHash } from 'node:crypto'

/** The form a stored key hash takes in sluice.yaml: 'sha256:' and 64 lowercase hex digits. */
export const apiKeyHashPattern = /^sha256:[0-9a-f]{64}$/

/**
 * Hashes a virtual API key for storage and lookup. A plain SHA-256 suffices because keys are long
 * random strings (no dictionary to try), and the hash must be computable on every request.
 */
export function hashApiKey(key: string): string {
  return `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`
}
