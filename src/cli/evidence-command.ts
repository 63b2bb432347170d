// `sluice evidence verify BUNDLE`: checks an evidence bundle offline, with nothing but its files and,
// to be sure whose ledger it is, the operator's public key obtained separately (--public-key).
import type { Dirent } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { SluiceError } from '../app/errors.ts'
import { verifyEvidenceBundle } from '../core/ledger/evidence-bundle.ts'
import { UsageError } from './usage-error.ts'

/** Help text of `sluice evidence`. */
export const evidenceUsage = `usage: sluice evidence verify BUNDLE [--public-key FILE] [--json]
  verify  checks an evidence bundle made by 'sluice ledger export', offline: every file against
          manifest.json (SHA-256), every record's hash from its content, every record's inclusion
          proof against the signed checkpoint, and the checkpoint signatures. Exit 0 when all hold;
          exit 1 naming each file, line and record that does not.
  --public-key FILE  the operator's public key (PEM), obtained separately; the bundle's own
                     public-key.pem must be this key. Without it the bundle's key is used, which
                     proves integrity but not whose ledger it is.
  --json             the verdict as one JSON object
`

/** What `runEvidenceCommand` needs. */
export interface EvidenceCommandDeps {
  /** Where output goes (default stdout). */
  readonly write?: (text: string) => void
}

/** Largest file read from a bundle (a records.jsonl of a million records is about 1 GB). */
const maxFileBytes = 2 * 1024 * 1024 * 1024 - 1

/** Runs `sluice evidence verify`; resolves with the exit code. */
export async function runEvidenceCommand(
  argv: readonly string[],
  deps: EvidenceCommandDeps = {},
): Promise<number> {
  const write = deps.write ?? ((text: string) => void process.stdout.write(text))
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      'public-key': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  const [action, bundle, ...extra] = positionals
  if (values.help || action === undefined) {
    write(evidenceUsage)
    return values.help ? 0 : 2
  }
  if (action !== 'verify') throw new UsageError(`unknown evidence action '${action}'; use 'verify'`)
  if (bundle === undefined) throw new UsageError('verify needs the bundle directory')
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`)
  let pinned: string | undefined
  if (values['public-key'] !== undefined) {
    try {
      pinned = await readFile(values['public-key'], 'utf8')
    } catch (error) {
      throw new UsageError(`--public-key ${values['public-key']}: ${(error as Error).message}`)
    }
  }
  const files = await readBundle(bundle)
  const verdict = verifyEvidenceBundle(files, pinned === undefined ? {} : { pinnedPublicKeyPem: pinned })
  if (values.json) write(`${JSON.stringify(verdict)}\n`)
  else if (verdict.ok) {
    const cp = verdict.checkpoint
    write(
      `ok: ${verdict.recordsVerified} records verified against the checkpoint of ${cp?.treeSize} records (root ${cp?.rootHash}, signed ${cp?.time})${pinned === undefined ? '; key not pinned (--public-key)' : ' by the pinned key'}\n`,
    )
  } else {
    write(`FAILED: ${verdict.problems.length} problem(s) in ${bundle}\n`)
    for (const p of verdict.problems) {
      const where = [
        p.file,
        p.line === undefined ? undefined : `line ${p.line}`,
        p.seq === undefined ? undefined : `record #${p.seq}`,
      ]
        .filter((w) => w !== undefined)
        .join(', ')
      write(`  ${where}: ${p.message}\n`)
    }
  }
  return verdict.ok ? 0 : 1
}

// Every regular file of the bundle directory by name; anything else in it is itself suspicious and
// is read as an (unlisted) entry so the manifest check reports it.
async function readBundle(dir: string): Promise<Map<string, Uint8Array>> {
  let entries: Dirent[]
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (error) {
    throw new SluiceError('NOT_FOUND', `no evidence bundle at ${dir}: ${(error as Error).message}`)
  }
  const files = new Map<string, Uint8Array>()
  for (const entry of entries) {
    if (!entry.isFile()) {
      files.set(entry.name, new Uint8Array())
      continue
    }
    const bytes = await readFile(join(dir, entry.name))
    if (bytes.length > maxFileBytes) throw new SluiceError('LIMIT_EXCEEDED', `${entry.name} is too large`)
    files.set(entry.name, bytes)
  }
  return files
}
