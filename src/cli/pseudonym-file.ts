import { readFile, writeFile } from 'node:fs/promises'
import type { PseudonymTable } from '../core/transform/pseudonymizer.ts'
import { UsageError } from './usage-error.ts'

/** Reads a pseudonym table written by `sluice scan --redact pseudonymise --pseudonyms FILE`; absent → undefined. */
export async function readPseudonymTable(file: string): Promise<PseudonymTable | undefined> {
  let raw: string
  try {
    raw = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    throw new UsageError(`${file} is not valid JSON`)
  }
  const tokens = (value as { tokens?: unknown } | null)?.tokens
  if (
    typeof tokens !== 'object' ||
    tokens === null ||
    Object.values(tokens).some((v) => typeof v !== 'string')
  ) {
    throw new UsageError(`${file} is not a pseudonym table ({"tokens": {"<PERSON_1>": "…"}})`)
  }
  return { tokens: tokens as Record<string, string> }
}

/** Writes a file only its owner can read: pseudonym tables hold the original values. */
export async function writePrivateFile(file: string, content: string): Promise<void> {
  await writeFile(file, content, { mode: 0o600 })
}
