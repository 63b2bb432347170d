import { err, ok, type Result } from '../../shared/result.ts'
import { normalizeText } from '../../text/normalize-text.ts'
import {
  canonicalHash,
  canonicalText,
  DIGIT,
  digitJoin,
  mixWord,
  NO_JOIN,
  tokenHash,
  tokenize,
  unitTable,
} from './exact-data-text.ts'
import { deriveFingerprintKeys, type FingerprintKeys, fillBitFilter } from './fingerprint-keys.ts'
import { keyedTag } from './keyed-tag.ts'

/** What a scan needs to know about the values' shapes to pick candidate spans (no values). */
export interface FingerprintShape {
  /** Distinct token counts of worded values (1..maxTokensPerValue). */
  readonly tokenCounts: readonly number[]
  /** Canonical lengths of worded values (0 when there are none). */
  readonly minLength: number
  readonly maxLength: number
  /** Lengths of single tokens of worded values. */
  readonly minTokenLength: number
  readonly maxTokenLength: number
  /** Digit counts of numeric values (0 when there are none). */
  readonly minDigits: number
  readonly maxDigits: number
}

/**
 * A fingerprint set: keyed hashes of an organisation's protected values plus the keyed tags and
 * shape a scan uses to find candidates quickly. It holds no plaintext and no key. Worded values
 * ("Acme Corp", "홍길동") are matched token by token; numeric values ("010-1234-5678") by their
 * digits, whatever separators the text uses.
 */
export interface FingerprintSet {
  readonly name: string
  readonly keyCheck: string
  readonly shape: FingerprintShape
  readonly tokenFilter: Uint8Array
  readonly tokenTags: Uint32Array
  readonly runTags: Uint32Array
  readonly digitFilter: Uint8Array
  readonly digitTags: Uint32Array
  /** HMAC-SHA256 (16 bytes, hex) of every canonical value, sorted. */
  readonly hashes: readonly string[]
}

/** Most tokens a worded value may have; longer ones (whole addresses, sentences) are skipped. */
export const maxTokensPerValue = 12
/** Most digit groups a numeric value may be written in ("1234 5678 9012 3456" is four). */
export const maxDigitGroups = 8
/** Shortest canonical value kept: single characters would match everywhere. */
export const minValueLength = 2

/** The protected values, given directly or as columns of parsed CSV rows. */
export type FingerprintSource = { readonly name: string; readonly key: string | Uint8Array } & (
  | { readonly values: readonly string[] }
  | {
      readonly rows: readonly Readonly<Record<string, string | undefined>>[]
      readonly columns: readonly string[]
    }
)

/** Why a set could not be built. */
export type FingerprintBuildError =
  | { readonly kind: 'empty-name' }
  | { readonly kind: 'empty-key' }
  | { readonly kind: 'missing-column'; readonly column: string }
  | { readonly kind: 'no-values' }

/** A built set and how many values were left out (too short, or too many tokens). */
export interface FingerprintBuild {
  readonly set: FingerprintSet
  readonly skipped: number
}

/** Turns protected values into a {@link FingerprintSet} keyed with the organisation's secret key. */
export function buildFingerprintSet(
  source: FingerprintSource,
): Result<FingerprintBuild, FingerprintBuildError> {
  if (source.name.trim() === '') return err({ kind: 'empty-name' })
  if (source.key.length === 0) return err({ kind: 'empty-key' })
  const values = 'values' in source ? ok(source.values) : cellsOf(source.rows, source.columns)
  if (!values.ok) return values
  const acc = new Accumulator(deriveFingerprintKeys(source.key))
  let skipped = 0
  for (const value of values.value) if (value.trim() !== '' && !acc.add(value)) skipped++
  if (acc.hashes.size === 0) return err({ kind: 'no-values' })
  return ok({ set: acc.finish(source.name.trim()), skipped })
}

function cellsOf(
  rows: readonly Readonly<Record<string, string | undefined>>[],
  columns: readonly string[],
): Result<readonly string[], FingerprintBuildError> {
  for (const column of columns) {
    if (rows.length > 0 && !rows.some((row) => Object.hasOwn(row, column))) {
      return err({ kind: 'missing-column', column })
    }
  }
  return ok(rows.flatMap((row) => columns.map((column) => row[column] ?? '')))
}

const sortedTags = (tags: Set<number>): Uint32Array => Uint32Array.from(tags).sort()
const range = (values: readonly number[]): [number, number] =>
  values.length === 0
    ? [0, 0]
    : [values.reduce((m, v) => Math.min(m, v), Infinity), values.reduce((m, v) => Math.max(m, v), 0)]

class Accumulator {
  readonly hashes = new Set<string>()
  private readonly tokenHashes: number[] = []
  private readonly tokenTags = new Set<number>()
  private readonly runTags = new Set<number>()
  private readonly digitHashes: number[] = []
  private readonly digitTags = new Set<number>()
  private readonly tokenCounts = new Set<number>()
  private readonly lengths: number[] = []
  private readonly tokenLengths: number[] = []
  private readonly digitCounts: number[] = []
  private readonly keys: FingerprintKeys

  constructor(keys: FingerprintKeys) {
    this.keys = keys
  }

  /** Adds one value; false when it cannot be matched (too short, too many tokens). */
  add(raw: string): boolean {
    const text = normalizeText(raw).text
    const spans = tokenize(text)
    const digits = numericForm(text, spans)
    if (digits !== undefined) return this.addDigits(digits)
    if (spans.length === 0 || spans.length > maxTokensPerValue) return false
    const first = spans[0] as [number, number]
    const last = spans[spans.length - 1] as [number, number]
    const canonical = canonicalText(text, first[0], last[1])
    if (canonical.length < minValueLength) return false
    let run = 0
    spans.forEach(([start, end], k) => {
      const hash = tokenHash(text, start, end)
      const tag = keyedTag(this.keys.token, hash)
      this.tokenHashes.push(hash)
      this.tokenTags.add(tag)
      this.tokenLengths.push(end - start)
      run = mixWord(run, tag)
      const next = spans[k + 1]
      if (next) run = mixWord(run, canonicalHash(text, end, next[0]).hash)
    })
    this.runTags.add(keyedTag(this.keys.run, run))
    this.tokenCounts.add(spans.length)
    this.lengths.push(canonical.length)
    this.hashes.add(this.keys.valueHash(canonical))
    return true
  }

  private addDigits(digits: string): boolean {
    if (digits.length < minValueLength) return false
    const { hash } = canonicalHash(digits, 0, digits.length)
    this.digitHashes.push(hash)
    this.digitTags.add(keyedTag(this.keys.digits, hash))
    this.digitCounts.push(digits.length)
    this.hashes.add(this.keys.valueHash(digits))
    return true
  }

  finish(name: string): FingerprintSet {
    const [minLength, maxLength] = range(this.lengths)
    const [minTokenLength, maxTokenLength] = range(this.tokenLengths)
    const [minDigits, maxDigits] = range(this.digitCounts)
    return {
      name,
      keyCheck: this.keys.keyCheck,
      shape: {
        tokenCounts: [...this.tokenCounts].sort((a, b) => a - b),
        minLength,
        maxLength,
        minTokenLength,
        maxTokenLength,
        minDigits,
        maxDigits,
      },
      tokenFilter: fillBitFilter(this.tokenHashes, this.keys.tokenSeed),
      tokenTags: sortedTags(this.tokenTags),
      runTags: sortedTags(this.runTags),
      digitFilter: fillBitFilter(this.digitHashes, this.keys.digitSeed),
      digitTags: sortedTags(this.digitTags),
      hashes: [...this.hashes].sort(),
    }
  }
}

/**
 * The digits of a numeric value (all tokens ASCII digits, joined by spaces or '-', '.', '/'), or
 * undefined for a worded value. Such values are matched by their digits alone, so 010-1234-5678
 * and 01012345678 are one value.
 */
export function numericForm(text: string, spans: readonly [number, number][]): string | undefined {
  if (spans.length === 0 || spans.length > maxDigitGroups) return undefined
  const table = unitTable()
  let digits = ''
  for (let k = 0; k < spans.length; k++) {
    const [start, end] = spans[k] as [number, number]
    for (let i = start; i < end; i++) if (!((table[text.charCodeAt(i)] as number) & DIGIT)) return undefined
    const previous = spans[k - 1]
    if (previous && digitJoin(text, previous[1], start) === NO_JOIN) return undefined
    digits += text.slice(start, end)
  }
  return digits
}
