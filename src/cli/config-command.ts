import { parseArgs } from 'node:util'
import { isConfigError } from '../config/config-error.ts'
import { defaultConfig } from '../config/default-config.ts'
import { parseConfig } from '../config/parse-config.ts'
import { fromConfig } from '../config/policy-source.ts'
import { configJsonSchema, type SluiceConfig } from '../config/sluice-config-schema.ts'
import { hashApiKey } from '../core/policy/api-key-hash.ts'
import type { ServiceFacts } from '../core/policy/policy-types.ts'
import { formatFindings, lintSource } from './policy-command.ts'
import { UsageError } from './usage-error.ts'

/** Help text of `sluice config`. */
export const configUsage = `usage: sluice config <command>
  schema                  print the JSON Schema of sluice.yaml (point your editor's YAML support at it)
  check [--config FILE]   validate a configuration (default: the embedded one) and lint its policies;
                          exit 1 when it is invalid or a policy has an error
  hash-key                read a virtual API key on standard input, print the hash for 'keys:'
                          e.g.  printf %s "$KEY" | sluice config hash-key
Settings precedence: command-line flags > environment (SLUICE_HOST, SLUICE_PORT, SLUICE_DATA_DIR,
SLUICE_FAIL_MODE, SLUICE_MIN_SCORE) > sluice.yaml > defaults. '\${VAR}' in a value takes the variable.
`

/** What the config and policy commands need from the outside world. */
export interface ConfigCommandDeps {
  readFile(path: string): Promise<string>
  /** Reads all of standard input. */
  readStdin(): Promise<string>
  write(text: string): void
  readonly env: Readonly<Record<string, string | undefined>>
  /** Catalog lookup for policy tests. */
  serviceFacts(id: string): ServiceFacts | undefined
  /** Every catalog service id (lint checks names against it). */
  readonly knownServices: ReadonlySet<string>
}

// Virtual keys are meant to be long random strings; a short one is guessable whatever the hash.
const minKeyLength = 20

/** Runs `sluice config …`; resolves to the exit code. */
export async function runConfigCommand(argv: readonly string[], deps: ConfigCommandDeps): Promise<number> {
  const [sub, ...rest] = argv
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  })
  if (values.help || sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    deps.write(configUsage)
    return 0
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`)
  switch (sub) {
    case 'schema':
      deps.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`)
      return 0
    case 'hash-key': {
      const key = (await deps.readStdin()).replace(/\r?\n$/, '')
      if (key === '')
        throw new UsageError('no key on standard input (printf %s "$KEY" | sluice config hash-key)')
      if (/\s/.test(key)) throw new UsageError('the key contains whitespace; pass exactly the key')
      if (key.length < minKeyLength)
        throw new UsageError(`the key is shorter than ${minKeyLength} characters; use a long random key`)
      deps.write(`${hashApiKey(key)}\n`)
      return 0
    }
    case 'check':
      return check(values.config, deps)
    default:
      throw new UsageError(`unknown config command '${sub}'; run 'sluice config --help'`)
  }
}

async function check(file: string | undefined, deps: ConfigCommandDeps): Promise<number> {
  const name = file ?? 'the embedded default configuration'
  let config: SluiceConfig
  try {
    config =
      file === undefined
        ? defaultConfig(deps.env)
        : parseConfig(await deps.readFile(file), { env: deps.env, source: file })
  } catch (error) {
    if (!isConfigError(error)) throw error
    deps.write(`${name}: invalid\n${error.problems.map((p) => `  ${p}`).join('\n')}\n`)
    return 1
  }
  const findings = lintSource(fromConfig(config), deps.knownServices)
  const counts = `${Object.keys(config.tenants).length} tenants, ${config.keys.length} keys, ${config.zones.length} zones, ${Object.keys(config.upstreams).length} upstreams`
  const errors = findings.filter((f) => f.severity === 'error').length
  deps.write(`${name}: ${errors === 0 ? 'valid' : 'invalid'} (${counts})\n${formatFindings(findings)}`)
  return errors === 0 ? 0 : 1
}
