import { parseArgs } from 'node:util'
import type { LedgerStore } from '../app/ledger-port.ts'
import { verifyLedger } from '../app/verify-ledger.ts'
import type { LedgerRecord } from '../core/ledger/ledger-record.ts'
import { UsageError } from './usage-error.ts'

/** Help text of `sluice ledger`. */
export const ledgerUsage = `usage: sluice ledger verify [--data DIR] [--json]
       sluice ledger tail [-n N] [--data DIR] [--json]
  verify  checks the hash chain of every record; prints 'ok: N records, head HASH' (exit 0) or names
          the first broken record and why (exit 1): hash-mismatch (edited), prev-mismatch (replaced),
          seq-gap (deleted, inserted or moved), malformed (damaged).
  tail    prints the last N records (default 10): metadata only, records never hold content.
  --data DIR  the data directory holding the ledger (default: SLUICE_DATA_DIR or ./data)
  --json      one JSON object per line instead of text
`

/** What `runLedgerCommand` needs from the composition root. */
export interface LedgerCommandDeps {
  /** Opens the existing ledger in `dataDir` (failing with NOT_FOUND rather than creating one). */
  openLedger(dataDir: string): Promise<LedgerStore>
  readonly defaultDataDir: string
  /** Where output goes (default stdout). */
  readonly write?: (text: string) => void
}

const maxTail = 100_000

/** Runs `sluice ledger verify|tail`; resolves with the exit code. */
export async function runLedgerCommand(argv: readonly string[], deps: LedgerCommandDeps): Promise<number> {
  const write = deps.write ?? ((text: string) => void process.stdout.write(text))
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      n: { type: 'string', short: 'n' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  const [action, ...extra] = positionals
  if (values.help || action === undefined) {
    write(ledgerUsage)
    return values.help ? 0 : 2
  }
  if (action !== 'verify' && action !== 'tail') {
    throw new UsageError(`unknown ledger action '${action}'; use 'verify' or 'tail'`)
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`)
  if (action === 'verify' && values.n !== undefined) throw new UsageError('-n applies to tail only')
  const count = action === 'tail' ? parseCount(values.n) : 0
  const store = await deps.openLedger(values.data ?? deps.defaultDataDir)
  try {
    return action === 'verify'
      ? await verify(store, values.json, write)
      : await tail(store, count, values.json, write)
  } finally {
    await store.close()
  }
}

function parseCount(text: string | undefined): number {
  if (text === undefined) return 10
  const n = Number(text)
  if (!/^\d+$/.test(text) || n < 1 || n > maxTail) {
    throw new UsageError(`-n must be a whole number from 1 to ${maxTail}, got '${text}'`)
  }
  return n
}

async function verify(store: LedgerStore, json: boolean, write: (text: string) => void): Promise<number> {
  const verdict = await verifyLedger(store)
  if (json) write(`${JSON.stringify(verdict)}\n`)
  else if (verdict.ok) write(`ok: ${verdict.count} records, head ${verdict.headHash}\n`)
  else {
    const { seq, reason, detail } = verdict.firstBroken
    write(`BROKEN at record #${seq}: ${reason} (${detail}); ${verdict.count} records before it are intact\n`)
  }
  return verdict.ok ? 0 : 1
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
function describeRecord({ seq, entry }: LedgerRecord): string {
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
