/** Bounds that keep hostile inputs (huge files, zip bombs) from exhausting memory or time. */
export interface ExtractLimits {
  readonly maxInputBytes: number
  readonly maxUncompressedBytes: number
  readonly maxEntries: number
  readonly maxCompressionRatio: number
}

const megabyte = 1024 * 1024

/** Limits generous enough for office documents yet far below what would hurt the process. */
export const defaultExtractLimits: ExtractLimits = Object.freeze({
  maxInputBytes: 50 * megabyte,
  maxUncompressedBytes: 200 * megabyte,
  maxEntries: 10_000,
  maxCompressionRatio: 200,
})

/** Fills the limits a caller left out with the defaults. */
export function resolveExtractLimits(limits: Partial<ExtractLimits> | undefined): ExtractLimits {
  return { ...defaultExtractLimits, ...limits }
}
