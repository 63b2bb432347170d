import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { CheckpointSigner, LedgerDatabase } from '../app/checkpoint-port.ts'
import { createCheckpointer } from '../app/checkpointer.ts'
import { exportEvidence } from '../app/export-evidence.ts'
import type { LedgerStore } from '../app/ledger-port.ts'
import { type CheckpointVerdict, verifyLedgerAndCheckpoints } from '../app/verify-checkpoints.ts'
import { verifyLedger } from '../app/verify-ledger.ts'
import type { EvidenceFile } from '../core/ledger/evidence-bundle.ts'
import type { LedgerQuery } from '../core/ledger/ledger-query.ts'
import type { LedgerRecord } from '../core/ledger/ledger-record.ts'
import { UsageError } from './usage-error.ts'

/** Help text of `sluice ledger`. */
export const ledgerUsage = `usage: sluice ledger verify [--data DIR] [--json]
       sluice ledger tail [-n N] [--data DIR] [--json]
       sluice ledger query [--recipient NAME] [--country CC] [--subject SUBJ | --tenant ID --user NAME]
                           [--category CAT] [--action A]
                           [--service ID] [--tenant ID] [--from T1] [--to T2] [-n N] [--data DIR] [--json]
       sluice ledger export --out BUNDLE [--recipient NAME] [--from T1] [--to T2] [--data DIR]
  verify  checks the hash chain of every record; prints 'ok: N records, head HASH' (exit 0) or names
          the first broken record and why (exit 1): hash-mismatch (edited), prev-mismatch (replaced),
          seq-gap (deleted, inserted or moved), malformed (damaged). Then checks every signed
          checkpoint: its signature (ledger-signing.pub) and that the chain still holds its records
          with the same Merkle root (records cut off the end or rewritten fail, exit 1).
  tail    prints the last N records (default 10): metadata only, records never hold content.
  query   records matching every filter given, oldest first (default up to 1,000): what went to a
          recipient or country, about a subject (an access request), of a category, in a time range.
  export  checkpoints the ledger and writes an evidence bundle directory BUNDLE (new or empty): the
          selected records, an inclusion proof of each, the signed checkpoint, the public key, a
          summary.html and a SHA-256 manifest. Check it with 'sluice evidence verify BUNDLE'.
          --recipient NAME  records to that recipient (as recorded, e.g. 'Beijing Volcano Engine')
          --from T1 --to T2  records at or after T1 and before T2 (ISO 8601 date or time with zone)
  --data DIR  the data directory holding the ledger (default: SLUICE_DATA_DIR or ./data)
  --json      one JSON object per line instead of text
`

/** What `runLedgerCommand` needs from the composition root. */
export interface LedgerCommandDeps {
  /** Opens the existing ledger in `dataDir` (failing with NOT_FOUND rather than creating one). */
  openLedger(dataDir: string): Promise<LedgerDatabase>
  readonly defaultDataDir: string
  /** Where output goes (default stdout). */
  readonly write?: (text: string) => void
  /**
   * The checkpoint public key of `dataDir` (undefined when there is none). Given, `verify` checks the
   * stored checkpoints too; absent, the chain only.
   */
  readPublicKey?(dataDir: string): Promise<string | undefined>
  /** The checkpoint signer of `dataDir` (made on first use); `export` needs it. */
  openSigner?(dataDir: string): Promise<CheckpointSigner>
  /** Further documents for a bundle (directives and erasure records in the range, confirmations). */
  extraFiles?(request: {
    readonly dataDir: string
    readonly filter: LedgerQuery
  }): Promise<readonly EvidenceFile[]>
  /** The pseudonymous subject the gateway records for a user of a tenant (`query --tenant T --user U`). */
  subjectOf?(dataDir: string, tenant: string, user: string): Promise<string>
  /** The clock (default: the system clock). */
  readonly now?: () => Date
}

const maxTail = 100_000

/** Runs `sluice ledger verify|tail|export`; resolves with the exit code. */
export async function runLedgerCommand(argv: readonly string[], deps: LedgerCommandDeps): Promise<number> {
  const write = deps.write ?? ((text: string) => void process.stdout.write(text))
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      n: { type: 'string', short: 'n' },
      out: { type: 'string' },
      recipient: { type: 'string' },
      country: { type: 'string' },
      subject: { type: 'string' },
      user: { type: 'string' },
      category: { type: 'string' },
      action: { type: 'string' },
      service: { type: 'string' },
      tenant: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  const [action, ...extra] = positionals
  if (values.help || action === undefined) {
    write(ledgerUsage)
    return values.help ? 0 : 2
  }
  if (action !== 'verify' && action !== 'tail' && action !== 'export' && action !== 'query') {
    throw new UsageError(`unknown ledger action '${action}'; use 'verify', 'tail', 'query' or 'export'`)
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`)
  if (action !== 'tail' && action !== 'query' && values.n !== undefined)
    throw new UsageError('-n applies to tail and query only')
  if (action !== 'export' && values.out !== undefined) throw new UsageError('--out applies to export only')
  const filterKeys = [
    'recipient',
    'country',
    'subject',
    'category',
    'action',
    'service',
    'tenant',
    'from',
    'to',
  ] as const
  const given = filterKeys.find((k) => values[k] !== undefined)
  if (action !== 'query' && values.user !== undefined) throw new UsageError('--user applies to query only')
  if (action !== 'export' && action !== 'query' && given !== undefined)
    throw new UsageError(`--${given} applies to query and export only`)
  if (action === 'export') {
    const queryOnly = filterKeys.slice(1, 7).find((k) => values[k] !== undefined)
    if (queryOnly !== undefined) throw new UsageError(`--${queryOnly} applies to query only`)
  }
  if (action === 'export' && values.out === undefined)
    throw new UsageError('export needs --out BUNDLE (a new directory)')
  // A query answers an access request or an investigation: up to 1,000 records unless -n says otherwise.
  const count =
    action === 'tail' ? parseCount(values.n) : action === 'query' ? parseCount(values.n ?? '1000') : 0
  const dataDir = values.data ?? deps.defaultDataDir
  const store = await deps.openLedger(dataDir)
  try {
    if (action === 'export') {
      const filter: LedgerQuery = {
        ...(values.recipient === undefined ? {} : { recipient: values.recipient }),
        ...(values.from === undefined ? {} : { from: values.from }),
        ...(values.to === undefined ? {} : { to: values.to }),
      }
      return await exportBundle(store, dataDir, values.out as string, filter, deps, write)
    }
    if (action === 'query') {
      const filter: Record<string, string> = {}
      for (const k of filterKeys) {
        const value = values[k]
        if (value !== undefined) filter[k] = value
      }
      if (values.user !== undefined) {
        if (values.tenant === undefined)
          throw new UsageError('--user needs --tenant (a user is named within a tenant)')
        if (values.subject !== undefined) throw new UsageError('give --user or --subject, not both')
        if (deps.subjectOf === undefined) throw new UsageError('--user is not available here')
        filter.subject = await deps.subjectOf(dataDir, values.tenant, values.user)
      }
      const records = await store.query(filter as LedgerQuery, { limit: count })
      for (const record of records)
        write(values.json ? `${JSON.stringify(record)}\n` : `${describeRecord(record)}\n`)
      return 0
    }
    return action === 'verify'
      ? await verify(store, dataDir, values.json, deps, write)
      : await tail(store, count, values.json, write)
  } finally {
    await store.close()
  }
}

async function exportBundle(
  db: LedgerDatabase,
  dataDir: string,
  out: string,
  filter: LedgerQuery,
  deps: LedgerCommandDeps,
  write: (text: string) => void,
): Promise<number> {
  if (deps.openSigner === undefined) throw new UsageError('export is not available: no signing key provider')
  const existing = await readdir(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return []
    throw new UsageError(`--out ${out}: ${error.message}`)
  })
  if (existing.length > 0) throw new UsageError(`--out ${out} is not empty; give a new directory`)
  const signer = await deps.openSigner(dataDir)
  const now = deps.now ?? (() => new Date())
  const checkpointer = createCheckpointer(db, db, signer, { now })
  const extraFiles = (await deps.extraFiles?.({ dataDir, filter })) ?? []
  const files = await exportEvidence(db, checkpointer, signer.publicKeyPem, {
    filter,
    createdAt: now().toISOString(),
    extraFiles,
  })
  await mkdir(out, { recursive: true, mode: 0o755 })
  for (const file of files) await writeFile(join(out, file.name), file.content, { mode: 0o644, flag: 'wx' })
  const records = files.find((f) => f.name === 'records.jsonl')?.content.split('\n').length ?? 1
  const latest = await db.latestCheckpoint()
  write(
    `wrote ${records - 1} records with proofs against the checkpoint of ${latest?.treeSize ?? 0} records to ${out} (${files.length} files); check with: sluice evidence verify ${out}\n`,
  )
  return 0
}

function parseCount(text: string | undefined): number {
  if (text === undefined) return 10
  const n = Number(text)
  if (!/^\d+$/.test(text) || n < 1 || n > maxTail) {
    throw new UsageError(`-n must be a whole number from 1 to ${maxTail}, got '${text}'`)
  }
  return n
}

async function verify(
  store: LedgerDatabase,
  dataDir: string,
  json: boolean,
  deps: LedgerCommandDeps,
  write: (text: string) => void,
): Promise<number> {
  let checkpoints: CheckpointVerdict | undefined
  let verdict: Awaited<ReturnType<typeof verifyLedger>>
  if (deps.readPublicKey === undefined) verdict = await verifyLedger(store)
  else {
    const result = await verifyLedgerAndCheckpoints(store, store, await deps.readPublicKey(dataDir))
    verdict = result.chain
    checkpoints = result.checkpoints
  }
  const checkpointsOk =
    checkpoints === undefined || checkpoints.status === 'ok' || checkpoints.status === 'none'
  if (json) write(`${JSON.stringify(checkpoints === undefined ? verdict : { ...verdict, checkpoints })}\n`)
  else {
    if (verdict.ok) write(`ok: ${verdict.count} records, head ${verdict.headHash}\n`)
    else {
      const { seq, reason, detail } = verdict.firstBroken
      write(
        `BROKEN at record #${seq}: ${reason} (${detail}); ${verdict.count} records before it are intact\n`,
      )
    }
    if (checkpoints?.status === 'none') write('checkpoints: none yet\n')
    else if (checkpoints?.status === 'ok') {
      const { latest, checked } = checkpoints
      write(
        `checkpoints: ${checked} ok, latest covers ${latest.treeSize} records, root ${latest.rootHash}, signed ${latest.time}\n`,
      )
    } else if (checkpoints !== undefined) {
      write(
        `CHECKPOINT FAILED (${checkpoints.status}) at ${checkpoints.treeSize} records: ${checkpoints.detail}\n`,
      )
    }
  }
  return verdict.ok && checkpointsOk ? 0 : 1
}

async function tail(
  store: LedgerStore,
  n: number,
  json: boolean,
  write: (text: string) => void,
): Promise<number> {
  const head = await store.head()
  const records = await store.read(Math.max(1, head.seq - n + 1), n)
  for (const record of records) write(json ? `${JSON.stringify(record)}\n` : `${describeRecord(record)}\n`)
  return 0
}

// One line per record: what a person scanning the log wants first (when, who, where to, what happened).
function describeRecord(record: LedgerRecord): string {
  const { seq, entry } = record
  if (entry.kind === 'directive') {
    const target = [entry.recipient, entry.country, entry.service].filter((s) => s !== undefined).join(' ')
    return [
      `#${seq}`,
      entry.time,
      `directive ${entry.action}`,
      entry.directiveId,
      entry.directiveKind,
      target,
      `order ${entry.orderRef}`,
      `by ${entry.by}`,
    ].join('  ')
  }
  if (entry.kind === 'erasure') {
    return [
      `#${seq}`,
      entry.time,
      'erasure',
      `directive ${entry.directiveId}`,
      entry.recipient,
      `${entry.rangeFrom}..${entry.rangeTo}`,
      `${entry.contents} contents, ${entry.keysDestroyed} keys destroyed, ${entry.keysReplaced} replaced`,
      `by ${entry.by}`,
    ].join('  ')
  }
  if (entry.kind === 'consent') {
    return [
      `#${seq}`,
      entry.time,
      entry.tenant,
      entry.subject,
      `consent ${entry.action}`,
      entry.consentId,
      `${entry.service} [${[...new Set(entry.recipients.map((r) => r.country))].join(',') || '-'}]`,
      entry.bases.join('+'),
      entry.items.join(',') || 'no items',
    ].join('  ')
  }
  const destination = `${entry.service ?? 'unknown service'} [${entry.countries.join(',') || '-'}]`
  const types = Object.entries(entry.typeCounts)
    .map(([type, n]) => `${type}×${n}`)
    .join(' ')
  const parts = [
    `#${seq}`,
    entry.time,
    entry.tenant,
    entry.subject,
    `${entry.direction} → ${destination}`,
    entry.action,
    `rule ${entry.rule}`,
    types === '' ? 'no findings' : types,
    `req ${entry.requestId}`,
  ]
  return parts.join('  ')
}
