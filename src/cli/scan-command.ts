import { createReadStream } from 'node:fs'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import type { ScanOptions } from '../core/detection/create-engine.ts'
import type { EntityType } from '../core/detection/entity-type.ts'
import type { Finding } from '../core/detection/finding.ts'
import { selectTypes } from '../core/detection/select-types.ts'
import { createPseudonymizer, type Pseudonymizer } from '../core/transform/pseudonymizer.ts'
import { type RedactionMode, redactionModeNames, redactText } from '../core/transform/redact-text.ts'
import { openScanner, type Scanner } from '../main.ts'
import { type FindingRow, formatTable, toFindingRows } from './format-findings.ts'
import { createProgressBar } from './progress-bar.ts'
import { readPseudonymTable, writePrivateFile } from './pseudonym-file.ts'
import { UsageError } from './usage-error.ts'

/** Help text of `sluice scan`. */
export const scanUsage = `usage: sluice scan [options] FILE... | -
  Finds personal, sensitive and classified data and credentials in text and documents
  (text, JSON, CSV, PDF, DOCX, XLSX, PPTX, HWPX, HWP). '-' reads standard input.
  --format table|json     output format (default table)
  --jsonl                 input lines {"id","text"} -> output lines {"id","findings":[{"type","start","end","score"}]}
  --redact MODE           write the transformed text instead: ${redactionModeNames.join('|')}
  --out PATH              where --redact writes (default standard output)
  --pseudonyms FILE       token table for --redact pseudonymise (read if present, written after)
  --min-score N           score floor, 0..1 (default 0.5)
  --types LIST            only these types or categories (comma-separated)
  --fail-on LIST          exit 1 when a finding of these types or categories exists
  --dictionary FILE       organisation terms, one per line (repeatable)
  --fingerprints FILE     exact-data fingerprint file from 'sluice fingerprint build' (repeatable;
                          key in SLUICE_FINGERPRINT_KEY)
`

interface ScanSettings {
  readonly scanner: Scanner
  readonly options: ScanOptions
  readonly mode: RedactionMode | undefined
  readonly pseudonymizer: Pseudonymizer
}

/** Runs `sluice scan`; resolves to the process exit code. */
export async function runScanCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'table' },
      jsonl: { type: 'boolean', default: false },
      redact: { type: 'string' },
      out: { type: 'string' },
      pseudonyms: { type: 'string' },
      'min-score': { type: 'string' },
      types: { type: 'string' },
      'fail-on': { type: 'string' },
      dictionary: { type: 'string', multiple: true, default: [] },
      fingerprints: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(scanUsage)
    return 0
  }
  if (positionals.length === 0) throw new UsageError('give at least one FILE, or - for standard input')
  if (values.format !== 'table' && values.format !== 'json')
    throw new UsageError('--format must be table or json')
  const minScore = parseMinScore(values['min-score'])
  const types = values.types === undefined ? undefined : parseTypeList(values.types, '--types')
  const failOn = values['fail-on'] === undefined ? undefined : parseTypeList(values['fail-on'], '--fail-on')
  const scanner = await openScanner({
    dictionaryFiles: values.dictionary,
    fingerprintFiles: values.fingerprints,
    fingerprintKey: env.SLUICE_FINGERPRINT_KEY,
    minScore,
  })
  const pseudonymizer = createPseudonymizer(
    values.pseudonyms ? await readPseudonymTable(values.pseudonyms) : undefined,
  )
  const mode = values.redact === undefined ? undefined : parseMode(values.redact, env, pseudonymizer)
  const settings: ScanSettings = { scanner, options: types ? { types } : {}, mode, pseudonymizer }
  const seen = values.jsonl
    ? await scanJsonl(positionals, settings)
    : await scanFiles(positionals, settings, { format: values.format, out: values.out })
  if (values.pseudonyms && mode?.kind === 'pseudonymise') {
    await writePrivateFile(values.pseudonyms, JSON.stringify(pseudonymizer.table(), null, 2))
  }
  if (seen.error) return 2
  return failOn && [...seen.types].some((t) => failOn.has(t)) ? 1 : 0
}

interface Seen {
  readonly types: Set<EntityType>
  error: boolean
}

async function scanFiles(
  files: readonly string[],
  settings: ScanSettings,
  output: { readonly format: string; readonly out: string | undefined },
): Promise<Seen> {
  const seen: Seen = { types: new Set(), error: false }
  const rows: FindingRow[] = []
  const redacted: string[] = []
  const total = await totalSize(files)
  const progress = createProgressBar(total, 'scanning')
  let done = 0
  for (const file of files) {
    const bytes = file === '-' ? await readStdin() : await readFile(file)
    const name = file === '-' ? '<stdin>' : file
    const scan = await settings.scanner.scanDocument(
      { bytes, fileName: name, asText: settings.mode !== undefined },
      settings.options,
    )
    for (const segment of scan.segments) for (const f of segment.findings) seen.types.add(f.type)
    if (settings.mode) {
      redacted.push(scan.segments.map((s) => transform(s.text, s.findings, settings)).join('\n'))
    } else for (const row of toFindingRows(name, scan)) rows.push(row) // no spread: files can yield 10⁵+ rows
    done += bytes.length
    progress.update(done)
  }
  progress.finish()
  if (settings.mode) {
    const text = redacted.join('\n')
    if (output.out) await writeFile(output.out, text)
    else process.stdout.write(text)
  } else if (output.format === 'json') process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
  else process.stdout.write(formatTable(rows))
  return seen
}

async function scanJsonl(files: readonly string[], settings: ScanSettings): Promise<Seen> {
  const seen: Seen = { types: new Set(), error: false }
  const progress = createProgressBar(await totalSize(files), 'scanning')
  let done = 0
  for (const file of files) {
    const lines = createInterface({
      input: file === '-' ? process.stdin : createReadStream(file),
      crlfDelay: Infinity,
    })
    let lineNumber = 0
    for await (const line of lines) {
      lineNumber++
      done += Buffer.byteLength(line) + 1
      if (line.trim() === '') continue
      const record = parseJsonlRecord(line)
      if (typeof record === 'string') {
        // A bad line is reported in place, so output stays line-for-line with the input.
        seen.error = true
        process.stderr.write(`${file}:${lineNumber}: ${record}\n`)
        process.stdout.write(
          `${JSON.stringify({ id: null, error: { code: 'INVALID_INPUT', message: record } })}\n`,
        )
        continue
      }
      const findings = settings.scanner.engine.scan(record.text, settings.options)
      for (const f of findings) seen.types.add(f.type)
      const out: Record<string, unknown> = {
        id: record.id,
        findings: findings.map((f) => ({ type: f.type, start: f.start, end: f.end, score: round(f.score) })),
      }
      if (settings.mode) out.text = transform(record.text, findings, settings)
      process.stdout.write(`${JSON.stringify(out)}\n`)
      progress.update(done)
    }
  }
  progress.finish()
  return seen
}

function transform(text: string, findings: readonly Finding[], settings: ScanSettings): string {
  return settings.mode ? redactText(text, findings, settings.mode).text : text
}

function parseJsonlRecord(line: string): { id: unknown; text: string } | string {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return 'not valid JSON'
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'each line must be a JSON object'
  const { id, text } = value as Record<string, unknown>
  if (typeof text !== 'string') return 'missing "text" (a string)'
  return { id: id ?? null, text }
}

function parseMode(name: string, env: NodeJS.ProcessEnv, pseudonymizer: Pseudonymizer): RedactionMode {
  switch (name) {
    case 'mask':
      return { kind: 'mask' }
    case 'tag':
      return { kind: 'tag' }
    case 'pseudonymise':
    case 'pseudonymize':
      return { kind: 'pseudonymise', pseudonymizer }
    case 'hash': {
      const key = env.SLUICE_HASH_KEY
      if (!key || key.length < 16)
        throw new UsageError('--redact hash needs a key of 16+ characters in SLUICE_HASH_KEY')
      return { kind: 'hash', key }
    }
    default:
      throw new UsageError(`--redact must be one of ${redactionModeNames.join(', ')}`)
  }
}

function parseMinScore(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (raw.trim() === '' || !(n >= 0 && n <= 1))
    throw new UsageError('--min-score must be a number between 0 and 1')
  return n
}

function parseTypeList(raw: string, flag: string): ReadonlySet<EntityType> {
  const selected = selectTypes(raw.split(','))
  if (!selected.ok) throw new UsageError(`${flag}: ${selected.error}`)
  return selected.value
}

async function totalSize(files: readonly string[]): Promise<number> {
  let total = 0
  for (const f of files) if (f !== '-') total += (await stat(f)).size
  return total
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000
}
