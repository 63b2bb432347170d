/**
 * A configuration that cannot be used: YAML syntax, schema violations, broken cross-references or
 * unset environment variables. `problems` lists each as 'path: message' so all can be fixed at once.
 */
export class ConfigError extends Error {
  readonly problems: readonly string[]
  constructor(source: string, problems: readonly string[]) {
    super(`${source} is not a valid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
    this.problems = problems
  }
}

/** True when `error` is a {@link ConfigError} (also across duplicated module copies). */
export function isConfigError(error: unknown): error is ConfigError {
  return (
    error instanceof Error && error.name === 'ConfigError' && Array.isArray((error as ConfigError).problems)
  )
}
