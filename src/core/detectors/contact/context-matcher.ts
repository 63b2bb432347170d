import { wordAlternation } from './word-alternation.ts'

/** Tests whether a context word occurs within `before` units ahead of [start, end) or `after` units behind it. */
export type ContextMatcher = (
  text: string,
  start: number,
  end: number,
  before?: number,
  after?: number,
) => boolean

/**
 * Compiles `words` (case-insensitive substrings, as `ScanInput.hasContext` treats them) into one
 * pattern, so a check costs one regex test per side instead of a lower-cased copy and a loop.
 */
export function createContextMatcher(words: readonly string[]): ContextMatcher {
  const pattern = new RegExp(wordAlternation(words, 'literal'))
  return (text, start, end, before = 48, after = 16) =>
    (before > 0 && pattern.test(text.slice(Math.max(0, start - before), start))) ||
    (after > 0 && pattern.test(text.slice(end, end + after)))
}
