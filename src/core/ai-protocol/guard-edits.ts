import type { Finding } from '../detection/finding.ts'
import type { TransformResult } from '../transform/apply-replacements.ts'

/**
 * One change a stream transform makes, in offsets of the text it was given (UTF-16, end exclusive).
 * An edit whose `text` equals the original span is allowed and useful: it marks a finding the policy
 * keeps, so the stream guard never releases half of it. `finding` travels to the guard's release so
 * the gateway records only findings that were actually released.
 */
export interface GuardEdit {
  readonly start: number
  readonly end: number
  readonly text: string
  readonly finding?: Finding
}

// The shape createPseudonymizer gives its tokens: <TYPE_n>.
const tokenPattern = /<[A-Z][A-Z_]*_\d+>/g
// What the end of a text looks like when it may still grow into a token: "<", "<PER", "<PERSON_1".
const tokenPrefix = /^<(?:[A-Z][A-Z_]*(?:(?<=_)\d+)?)?$/

/** Rebuilds `text` with `edits` applied; edits must be sorted and must not overlap. */
export function applyEdits(text: string, edits: readonly GuardEdit[]): string {
  let out = ''
  let cursor = 0
  for (const e of edits) {
    out += text.slice(cursor, e.start) + e.text
    cursor = e.end
  }
  return out + text.slice(cursor)
}

/**
 * Edits that restore pseudonym tokens: each `<TYPE_n>` for which `restore(token)` gives something
 * else becomes an edit to that value. Pass `pseudonymizer.restore`. With `json`, the value is escaped
 * for use inside a JSON string: tool-call arguments stream as JSON text, and a restored value with a
 * quote or backslash would otherwise break them.
 */
export function tokenEdits(
  text: string,
  restore: (token: string) => string,
  options?: { json?: boolean },
): GuardEdit[] {
  const edits: GuardEdit[] = []
  for (const m of text.matchAll(tokenPattern)) {
    const original = restore(m[0])
    if (original === m[0]) continue
    const value = options?.json === true ? JSON.stringify(original).slice(1, -1) : original
    edits.push({ start: m.index, end: m.index + m[0].length, text: value })
  }
  return edits
}

/**
 * Edits for findings: `replace(finding, value)` gives the new text (return `value` to keep it). Every
 * finding becomes an edit, kept ones included, so the guard will not cut through any of them.
 */
export function findingEdits(
  text: string,
  findings: readonly Finding[],
  replace: (finding: Finding, value: string) => string,
): GuardEdit[] {
  return findings.map((f) => ({
    start: f.start,
    end: f.end,
    text: replace(f, text.slice(f.start, f.end)),
    finding: f,
  }))
}

/** The edits a `redactText`/`pseudonymise` result made, each with its finding (offsets of its input). */
export function replacementEdits(result: TransformResult): GuardEdit[] {
  return result.replacements.map((r) => ({
    start: r.finding.start,
    end: r.finding.end,
    text: r.replacement,
    finding: r.finding,
  }))
}

/**
 * Merges edit lists into one sorted, non-overlapping list. Earlier lists win an overlap, then the
 * edit that starts first (and, from the same start, the longer one): the same rule applyReplacements uses.
 */
export function mergeEdits(...lists: readonly (readonly GuardEdit[])[]): GuardEdit[] {
  const ranked = lists.flatMap((list, rank) => list.map((edit) => ({ edit, rank })))
  ranked.sort((a, b) => a.rank - b.rank || a.edit.start - b.edit.start || b.edit.end - a.edit.end)
  const kept: GuardEdit[] = []
  for (const { edit } of ranked) {
    if (edit.end <= edit.start && edit.text === '') continue
    if (kept.some((k) => edit.start < k.end && k.start < edit.end)) continue
    kept.push(edit)
  }
  return kept.sort((a, b) => a.start - b.start)
}

/**
 * Where a trailing piece of `text` that could still become a pseudonym token starts, or -1. Only a
 * piece shorter than `maxTokenLength` counts: anything longer can no longer be a token.
 */
export function trailingTokenStart(text: string, maxTokenLength: number): number {
  const at = text.lastIndexOf('<')
  if (at < 0 || text.length - at >= maxTokenLength) return -1
  return tokenPrefix.test(text.slice(at)) ? at : -1
}
