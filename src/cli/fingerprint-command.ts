import { parseArgs } from 'node:util'
import { buildFingerprintFile } from '../main.ts'
import { UsageError } from './usage-error.ts'

/** Help text of `sluice fingerprint`. */
export const fingerprintUsage = `usage: sluice fingerprint build --name NAME --out FILE [--columns a,b] CSV
  Turns protected values (a CSV with a header row) into a fingerprint file of keyed hashes
  (HMAC-SHA256 with the key in SLUICE_FINGERPRINT_KEY, 16+ characters). The file holds no plaintext;
  'sluice scan --fingerprints FILE' then finds exact occurrences as EXACT_DATA.
`

/** Runs `sluice fingerprint build`. */
export async function runFingerprintCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      out: { type: 'string' },
      columns: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help || positionals.length === 0) {
    process.stdout.write(fingerprintUsage)
    return values.help ? 0 : 2
  }
  const [action, csvFile, ...extra] = positionals
  if (action !== 'build') throw new UsageError(`unknown fingerprint action '${action}'; use 'build'`)
  if (!csvFile || extra.length > 0) throw new UsageError('give exactly one CSV file')
  if (!values.name) throw new UsageError('--name is required (it becomes the EXACT_DATA subtype)')
  if (!values.out) throw new UsageError('--out FILE is required')
  const key = env.SLUICE_FINGERPRINT_KEY
  if (!key || key.length < 16)
    throw new UsageError('set SLUICE_FINGERPRINT_KEY to a secret of 16+ characters')
  const columns = values.columns
    ?.split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '')
  const result = await buildFingerprintFile({
    csvFile,
    outFile: values.out,
    name: values.name,
    key,
    ...(columns ? { columns } : {}),
  })
  process.stderr.write(
    `wrote ${values.out}: ${result.hashes} fingerprints, ${result.skipped} values skipped\n`,
  )
  return 0
}
