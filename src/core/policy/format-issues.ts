// zod reports a value that fits no branch of a union as one "Invalid input". For unions whose
// branches differ by shape (a string or an object, one condition block or a list of them), the useful
// message is the one from the branch of the right shape, so this looks inside.
import type { z } from 'zod'

type Issue = z.core.$ZodIssue

/** Formats zod issues as 'path: message' lines, looking into union branches of the matching shape. */
export function formatIssues(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): string[] {
  const out: string[] = []
  for (const issue of issues) {
    const path = [...prefix, ...issue.path]
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // A branch failing only because the value has another type at its root is the wrong branch.
      const fitting = issue.errors.filter(
        (branch) => !branch.every((i) => i.code === 'invalid_type' && i.path.length === 0),
      )
      const chosen = fitting.length === 1 ? fitting[0] : undefined
      if (chosen) {
        out.push(...formatIssues(chosen, path))
        continue
      }
    }
    out.push(`${path.map(String).join('.') || '(top)'}: ${issue.message}`)
  }
  return out
}
