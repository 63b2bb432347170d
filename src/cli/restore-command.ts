import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { createPseudonymizer } from '../core/transform/pseudonymizer.ts'
import { readPseudonymTable } from './pseudonym-file.ts'
import { UsageError } from './usage-error.ts'

/** Help text of `sluice restore`. */
export const restoreUsage = `usage: sluice restore --pseudonyms FILE [FILE | -]
  Puts the original values back in place of <TYPE_n> tokens (e.g. in a model's answer).
`

/** Runs `sluice restore`. */
export async function runRestoreCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { pseudonyms: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  })
  if (values.help) {
    process.stdout.write(restoreUsage)
    return 0
  }
  if (!values.pseudonyms) throw new UsageError('--pseudonyms FILE is required')
  const table = await readPseudonymTable(values.pseudonyms)
  if (!table) throw new UsageError(`${values.pseudonyms} does not exist`)
  const source = positionals[0] ?? '-'
  const text = source === '-' ? await readAll(process.stdin) : await readFile(source, 'utf8')
  process.stdout.write(createPseudonymizer(table).restore(text))
  return 0
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.from(chunk))
  return Buffer.concat(chunks).toString('utf8')
}
