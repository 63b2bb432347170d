// The two crossings between an entry object and the text a store keeps, each checked, so neither a
// malformed entry goes in nor a damaged row comes out as if it were a valid entry.
import { err, ok, type Result } from '../shared/result.ts'
import { CanonicalJsonError, canonicalJson } from './canonical-json.ts'
import { entryProblem, type LedgerEntry } from './ledger-record.ts'

/**
 * The canonical JSON text to store for `entry`, or why it cannot be recorded (a missing or unknown
 * field, a bad value, a value JSON cannot carry exactly).
 */
export function encodeEntry(entry: unknown): Result<string, string> {
  const problem = entryProblem(entry)
  if (problem !== undefined) return err(problem)
  try {
    return ok(canonicalJson(entry, 'entry'))
  } catch (error) {
    if (error instanceof CanonicalJsonError) return err(error.message)
    throw error
  }
}

/** The entry stored as `entryJson`, or why the text is not a valid entry. */
export function decodeEntry(entryJson: string): Result<LedgerEntry, string> {
  let value: unknown
  try {
    value = JSON.parse(entryJson)
  } catch {
    return err('entry is not valid JSON')
  }
  const problem = entryProblem(value)
  return problem === undefined ? ok(value as LedgerEntry) : err(problem)
}
