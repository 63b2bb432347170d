// `${VAR}` in any string value of the YAML takes the variable's value, so secrets stay out of the
// file. `$${` writes a literal `${`. A variable that is not set is an error naming it and where it is
// used: a silently empty key or URL would fail later and far from the cause.

const reference = /\$\$\{|\$\{([^}]*)\}/g
const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Replaces `${VAR}` references in every string value of `value` (keys are left alone). */
export function expandEnv(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
  problems: string[],
  path: readonly (string | number)[] = [],
): unknown {
  if (typeof value === 'string') return expandString(value, env, problems, path)
  if (Array.isArray(value)) return value.map((item, i) => expandEnv(item, env, problems, [...path, i]))
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [key, child] of Object.entries(value))
      out[key] = expandEnv(child, env, problems, [...path, key])
    return out
  }
  return value
}

function expandString(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
  problems: string[],
  path: readonly (string | number)[],
): string {
  if (!text.includes('${')) return text
  return text.replace(reference, (whole, name: string | undefined) => {
    if (whole === '$${') return '${'
    const where = path.join('.') || '(top)'
    if (name === undefined || !namePattern.test(name)) {
      problems.push(`${where}: '${whole}' is not a valid variable reference (write $\${ for a literal \${)`)
      return whole
    }
    const found = env[name]
    if (found === undefined) {
      problems.push(`${where}: environment variable ${name} is not set`)
      return whole
    }
    return found
  })
}
