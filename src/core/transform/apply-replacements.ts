import type { Finding } from '../detection/finding.ts'

/** One span of the input that a transformation replaced, in input offsets. */
export interface Replacement {
  readonly finding: Finding
  readonly replacement: string
}

/** The transformed text and what was replaced. */
export interface TransformResult {
  readonly text: string
  readonly replacements: readonly Replacement[]
}

/**
 * Rebuilds `text` with each finding's span replaced by `replace(finding, value)`. Findings are
 * taken in start order; one that overlaps an earlier kept finding is skipped, so the result is
 * deterministic even for inputs that did not come from the engine.
 */
export function applyReplacements(
  text: string,
  findings: readonly Finding[],
  replace: (finding: Finding, value: string) => string,
): TransformResult {
  const ordered = [...findings].sort((a, b) => a.start - b.start || b.end - a.end)
  const parts: string[] = []
  const replacements: Replacement[] = []
  let cursor = 0
  for (const f of ordered) {
    if (f.start < cursor || f.end > text.length || f.end <= f.start) continue
    parts.push(text.slice(cursor, f.start))
    const replacement = replace(f, text.slice(f.start, f.end))
    parts.push(replacement)
    replacements.push({ finding: f, replacement })
    cursor = f.end
  }
  parts.push(text.slice(cursor))
  return { text: parts.join(''), replacements }
}
