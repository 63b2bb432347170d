/** How a value is masked: which character, and how many trailing characters stay readable. */
export interface MaskOptions {
  readonly keep: number
  readonly char: string
}

/** Default: keep the last four characters, the way receipts and banks show card and phone numbers. */
export const defaultMaskOptions: MaskOptions = { keep: 4, char: '*' }

// Letters, digits and Hangul are masked; separators stay, so `010-1234-5678` reads `***-****-5678`
// and the shape of the value survives without the value.
const maskable = /[\p{L}\p{N}]/u

/** Masks every letter or digit of `value` except the last `keep` of them. */
export function maskValue(value: string, options: MaskOptions = defaultMaskOptions): string {
  const chars = [...value]
  let toKeep = Math.max(0, options.keep)
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i] as string
    if (!maskable.test(c)) continue
    if (toKeep > 0) toKeep--
    else chars[i] = options.char
  }
  return chars.join('')
}
