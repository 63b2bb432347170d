import { z } from 'zod'
import { err, ok, type Result } from '../../shared/result.ts'
import { type FingerprintSet, maxTokensPerValue } from './fingerprint-set.ts'

/** The `format` marker of a fingerprint file. */
export const fingerprintFormat = 'sluice-fingerprints'
/** The file version this code writes and reads. */
export const fingerprintFileVersion = 1

/** Why a fingerprint file was rejected. */
export type FingerprintFileError =
  | { readonly kind: 'invalid-json'; readonly message: string }
  | { readonly kind: 'not-a-fingerprint-file' }
  | { readonly kind: 'unsupported-version'; readonly version: unknown }
  | { readonly kind: 'invalid-field'; readonly field: string; readonly message: string }

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
const hexWords = (words: Uint32Array): string =>
  Array.from(words, (w) => w.toString(16).padStart(8, '0')).join('')

/** Serialises a set as JSON. The key is not part of a set, so it cannot end up in the file. */
export function toFingerprintFile(set: FingerprintSet): string {
  return JSON.stringify({
    format: fingerprintFormat,
    version: fingerprintFileVersion,
    name: set.name,
    keyCheck: set.keyCheck,
    shape: set.shape,
    tokenFilter: hex(set.tokenFilter),
    tokenTags: hexWords(set.tokenTags),
    runTags: hexWords(set.runTags),
    digitFilter: hex(set.digitFilter),
    digitTags: hexWords(set.digitTags),
    hashes: set.hashes,
  })
}

const length = z.int().min(0).max(1_000_000)
// A bitmap of 2^10..2^24 bits, in hex: 256..4 Mi hex digits, a power of two.
const bitmap = z
  .string()
  .regex(/^[0-9a-f]*$/, 'expected lower-case hex')
  .refine((s) => s.length >= 256 && s.length <= 1 << 22 && (s.length & (s.length - 1)) === 0, {
    message: 'expected a bitmap of 2^10 to 2^24 bits',
  })
const words = z.string().regex(/^(?:[0-9a-f]{8})*$/, 'expected 8 hex digits per tag')

const fileSchema = z.strictObject({
  format: z.literal(fingerprintFormat),
  version: z.literal(fingerprintFileVersion),
  name: z.string().trim().min(1),
  keyCheck: z.string().regex(/^[0-9a-f]{16}$/, 'expected 16 hex digits'),
  shape: z
    .strictObject({
      tokenCounts: z.array(z.int().min(1).max(maxTokensPerValue)).max(maxTokensPerValue),
      minLength: length,
      maxLength: length,
      minTokenLength: length,
      maxTokenLength: length,
      minDigits: length,
      maxDigits: length,
    })
    .refine(
      (s) => s.minLength <= s.maxLength && s.minTokenLength <= s.maxTokenLength && s.minDigits <= s.maxDigits,
      { message: 'a minimum exceeds its maximum' },
    ),
  tokenFilter: bitmap,
  tokenTags: words,
  runTags: words,
  digitFilter: bitmap,
  digitTags: words,
  hashes: z.array(z.string().regex(/^[0-9a-f]{32}$/, 'expected 32 hex digits')).min(1),
})

const fromHex = (s: string): Uint8Array =>
  Uint8Array.from({ length: s.length / 2 }, (_, i) => Number.parseInt(s.slice(2 * i, 2 * i + 2), 16))
const fromHexWords = (s: string): Uint32Array =>
  Uint32Array.from({ length: s.length / 8 }, (_, i) => Number.parseInt(s.slice(8 * i, 8 * i + 8), 16))

/** Reads a fingerprint file written by {@link toFingerprintFile}; every defect is a typed error. */
export function parseFingerprintFile(text: string): Result<FingerprintSet, FingerprintFileError> {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    return err({ kind: 'invalid-json', message: (error as Error).message })
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== fingerprintFormat) {
    return err({ kind: 'not-a-fingerprint-file' })
  }
  const version = (raw as { version?: unknown }).version
  if (version !== fingerprintFileVersion) return err({ kind: 'unsupported-version', version })
  const parsed = fileSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return err({
      kind: 'invalid-field',
      field: issue ? issue.path.map(String).join('.') : '',
      message: issue?.message ?? 'invalid',
    })
  }
  const f = parsed.data
  return ok({
    name: f.name,
    keyCheck: f.keyCheck,
    shape: f.shape,
    tokenFilter: fromHex(f.tokenFilter),
    tokenTags: fromHexWords(f.tokenTags),
    runTags: fromHexWords(f.runTags),
    digitFilter: fromHex(f.digitFilter),
    digitTags: fromHexWords(f.digitTags),
    hashes: f.hashes,
  })
}

/** One line describing a {@link FingerprintFileError}, for the CLI and logs. */
export function describeFingerprintFileError(error: FingerprintFileError): string {
  switch (error.kind) {
    case 'invalid-json':
      return `not valid JSON: ${error.message}`
    case 'not-a-fingerprint-file':
      return `not a fingerprint file (no "format": "${fingerprintFormat}")`
    case 'unsupported-version':
      return `unsupported fingerprint file version ${JSON.stringify(error.version)} (expected ${fingerprintFileVersion})`
    case 'invalid-field':
      return `invalid fingerprint file: ${error.field || '(root)'}: ${error.message}`
  }
}
