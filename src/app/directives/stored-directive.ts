// The checks every DirectiveStore adapter applies the same way, so SQLite and PostgreSQL cannot
// drift apart on what they accept.
import { type Directive, directiveProblem, toDirective } from '../../core/directives/directive.ts'
import { SluiceError } from '../errors.ts'

/** `directive` in its stored form, or INVALID_INPUT naming the problem. */
export function checkedDirective(directive: Directive): Directive {
  const problem = directiveProblem(directive)
  if (problem !== undefined) throw new SluiceError('INVALID_INPUT', `directive: ${problem}`)
  return toDirective(directive)
}

/** `current` (the stored directive with `id`) revoked at `at` by `by`, or the error revoking it is. */
export function revokedCopy(current: Directive | undefined, id: string, at: string, by: string): Directive {
  if (current === undefined) throw new SluiceError('NOT_FOUND', `no directive with id '${id}'`)
  if (current.revokedAt !== undefined) {
    throw new SluiceError('INVALID_INPUT', `directive '${id}' was already revoked at ${current.revokedAt}`)
  }
  return checkedDirective({ ...current, revokedAt: at, revokedBy: by })
}

/** A stored body back as a Directive; INTERNAL when the row was damaged. */
export function parseStoredDirective(body: string): Directive {
  try {
    return toDirective(JSON.parse(body))
  } catch (error) {
    throw new SluiceError('INTERNAL', `a stored directive does not decode: ${String(error)}`, {
      cause: error,
    })
  }
}
