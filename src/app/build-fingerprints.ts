import {
  buildFingerprintSet,
  type FingerprintBuild,
  type FingerprintBuildError,
} from '../core/detectors/organisation/index.ts'
import { SluiceError } from './errors.ts'
import type { DocumentExtractor } from './ports.ts'

/** What to fingerprint: a CSV with a header row, the columns to protect (all when omitted). */
export interface FingerprintCsvInput {
  readonly name: string
  readonly csv: Uint8Array
  readonly columns?: readonly string[]
  readonly key: string
}

/** Builds an exact-data fingerprint set from a CSV file; the plaintext never leaves this function. */
export async function buildFingerprintsFromCsv(
  extractor: DocumentExtractor,
  input: FingerprintCsvInput,
): Promise<FingerprintBuild> {
  const doc = await extractor.extract(input.csv, 'values.csv')
  const table = new Map<number, Map<number, string>>()
  for (const s of doc.segments) {
    const { row, column } = s.location
    if (row === undefined || column === undefined) continue
    const cells = table.get(row) ?? new Map<number, string>()
    table.set(row, cells)
    cells.set(column, s.text)
  }
  const rowNumbers = [...table.keys()].sort((a, b) => a - b)
  const header = table.get(rowNumbers[0] ?? 1)
  if (!header) throw new SluiceError('INVALID_INPUT', 'the CSV is empty; it needs a header row and values')
  const names = new Map([...header].map(([col, name]) => [col, name.trim()]))
  const rows = rowNumbers.slice(1).map((r) => {
    // Every header column gets a value ('' when the cell is empty), so an all-empty column reads as
    // "no values" rather than "missing column".
    const cells = table.get(r)
    const record: Record<string, string> = {}
    for (const [col, name] of names) if (name) record[name] = cells?.get(col) ?? ''
    return record
  })
  const columns = input.columns ?? [...names.values()].filter((n) => n !== '')
  const built = buildFingerprintSet({ name: input.name, key: input.key, rows, columns })
  if (!built.ok) throw new SluiceError('INVALID_INPUT', describeBuildError(built.error, [...names.values()]))
  return built.value
}

function describeBuildError(error: FingerprintBuildError, header: readonly string[]): string {
  switch (error.kind) {
    case 'empty-name':
      return 'the fingerprint set needs a name'
    case 'empty-key':
      return 'the fingerprint key is empty'
    case 'missing-column':
      return `no column '${error.column}' in the CSV header (${header.join(', ')})`
    case 'no-values':
      return 'the CSV has no values to fingerprint in those columns'
  }
}
