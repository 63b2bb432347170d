// `sluice directive`: issue, list and revoke directives (suspensions under PIPA Art. 28-9, service
// blocks), carry out a delete-data order, and track the recipient's confirmation of the deletion.

import { createHash } from 'node:crypto'
import { parseArgs } from 'node:util'
import { type DeleteDataDeps, deleteRecipientData } from '../app/directives/delete-recipient-data.ts'
import type { DeletionRequestStore } from '../app/directives/deletion-request-port.ts'
import type { DirectiveStore } from '../app/directives/directive-store-port.ts'
import { type DirectiveDeps, issueDirective, revokeDirective } from '../app/directives/manage-directives.ts'
import type { LedgerStore } from '../app/ledger-port.ts'
import type { ContentVault } from '../app/vault/content-vault.ts'
import { type Directive, type DirectiveKind, directiveKinds, inForce } from '../core/directives/directive.ts'
import { UsageError } from './usage-error.ts'

/** Help text of `sluice directive`. */
export const directiveUsage = `usage: sluice directive issue --kind KIND [--recipient NAME] [--country CC] [--service ID]
                               --from TIME [--until TIME] --order REF [--basis TEXT] [--tenant ID] [--by WHO]
       sluice directive list [--json]
       sluice directive revoke ID [--by WHO]
       sluice directive delete-data --recipient NAME --from TIME --to TIME --order REF [--basis TEXT]
                               [--by WHO] [--out FILE]
       sluice directive requests [--json]
       sluice directive confirm REQUEST_ID (--file PATH | --text TEXT) [--by WHO]
  issue        a directive every gateway process applies within a second:
               suspend-transfers  personal data may not go to the recipient/country/service (PIPA Art. 28-9)
               block-service      no request may go to the service
  list         every directive with its state (in force, scheduled, ended, revoked)
  revoke       lifts a directive from now on; its record stays
  delete-data  erases the vault's copies of what went to the recipient in [--from, --to), records the
               erasure in the ledger (the chain still verifies) and writes the deletion request letter
               (Korean and English) to --out (default deletion-request-ID.txt)
  requests     the deletion requests and whether the recipient confirmed
  confirm      attaches the recipient's confirmation (a file, or its text) to a deletion request
  TIME         ISO 8601 with a zone, or a UTC day YYYY-MM-DD (an end day --to/--until includes that day)
  --by WHO     who acts, recorded in the ledger (default: the operating-system user)
  --data DIR   the data directory (default: SLUICE_DATA_DIR or ./data)
  --json       one JSON object per line
`

/** The stores a directive command works on, opened for one data directory. */
export interface DirectiveCommandStores {
  readonly directives: DirectiveStore
  readonly ledger: Pick<LedgerStore, 'append' | 'read'>
  /** The content vault, when this data directory has one (vault.key exists). */
  readonly vault?: ContentVault
  readonly deletionRequests: DeletionRequestStore
  /** Releases everything opened. */
  close(): Promise<void>
}

/** What `runDirectiveCommand` needs from the composition root. */
export interface DirectiveCommandDeps {
  openStores(dataDir: string): Promise<DirectiveCommandStores>
  readonly defaultDataDir: string
  /** Who acts when --by is not given (the operating-system user). */
  readonly operator?: string
  /** The organisation named in deletion letters. */
  readonly organisation?: string
  readonly now: () => Date
  /** A fresh id with `prefix` ('dir' or 'del'). */
  readonly newId: (prefix: 'dir' | 'del') => string
  readFile(path: string): Promise<Uint8Array>
  writeFile(path: string, text: string): Promise<void>
  /** Where output goes (default stdout). */
  readonly write?: (text: string) => void
}

const actions = ['issue', 'list', 'revoke', 'delete-data', 'requests', 'confirm'] as const

/** Runs `sluice directive …`; resolves with the exit code. */
export async function runDirectiveCommand(
  argv: readonly string[],
  deps: DirectiveCommandDeps,
): Promise<number> {
  const write = deps.write ?? ((text: string) => void process.stdout.write(text))
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      kind: { type: 'string' },
      recipient: { type: 'string' },
      country: { type: 'string' },
      service: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      until: { type: 'string' },
      order: { type: 'string' },
      basis: { type: 'string' },
      tenant: { type: 'string' },
      by: { type: 'string' },
      out: { type: 'string' },
      file: { type: 'string' },
      text: { type: 'string' },
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  const [action, ...args] = positionals
  if (values.help || action === undefined) {
    write(directiveUsage)
    return values.help ? 0 : 2
  }
  if (!(actions as readonly string[]).includes(action)) {
    throw new UsageError(`unknown directive action '${action}'; use ${actions.join(', ')}`)
  }
  const wantsId = action === 'revoke' || action === 'confirm'
  if (wantsId && args.length !== 1) throw new UsageError(`directive ${action} takes one id`)
  if (!wantsId && args.length > 0) throw new UsageError(`unexpected argument '${args[0]}'`)
  const by = () => {
    const who = values.by ?? deps.operator
    if (who === undefined || who.trim() === '')
      throw new UsageError('--by WHO is required: it is recorded in the ledger')
    return who
  }
  // Check the arguments before opening anything.
  const issueOrder = action === 'issue' ? readIssue(values, by()) : undefined
  const deleteOrder = action === 'delete-data' ? readDelete(values, by()) : undefined
  const actor = action === 'revoke' || action === 'confirm' ? by() : ''
  if (action === 'confirm' && (values.file === undefined) === (values.text === undefined)) {
    throw new UsageError('confirm takes the confirmation as --file PATH or as --text TEXT (one of them)')
  }

  const stores = await deps.openStores(values.data ?? deps.defaultDataDir)
  try {
    const directiveDeps: DirectiveDeps = {
      store: stores.directives,
      ledger: stores.ledger,
      now: deps.now,
      newId: () => deps.newId('dir'),
    }
    const out = (line: string, json: unknown) =>
      write(values.json ? `${JSON.stringify(json)}\n` : `${line}\n`)
    switch (action) {
      case 'issue': {
        const directive = await issueDirective(directiveDeps, issueOrder as NonNullable<typeof issueOrder>)
        out(`issued ${describe(directive, deps.now())}`, directive)
        return 0
      }
      case 'list': {
        const now = deps.now()
        for (const d of await stores.directives.list())
          out(describe(d, now), { ...d, state: stateOf(d, now) })
        return 0
      }
      case 'revoke': {
        const directive = await revokeDirective(directiveDeps, args[0] as string, actor)
        out(`revoked ${describe(directive, deps.now())}`, directive)
        return 0
      }
      case 'delete-data': {
        const order = deleteOrder as NonNullable<typeof deleteOrder>
        const deleteDeps: DeleteDataDeps = {
          ...directiveDeps,
          ledger: stores.ledger,
          ...(stores.vault === undefined ? {} : { vault: stores.vault }),
          deletionRequests: stores.deletionRequests,
          newRequestId: () => deps.newId('del'),
          ...(deps.organisation === undefined ? {} : { organisation: deps.organisation }),
        }
        const result = await deleteRecipientData(deleteDeps, order.order)
        const file = order.out ?? `deletion-request-${result.request.id}.txt`
        await deps.writeFile(
          file,
          `${result.request.letter.ko}\n\n${'-'.repeat(72)}\n\n${result.request.letter.en}\n`,
        )
        const { removal } = result
        out(
          [
            `directive ${result.directive.id}: delete-data for ${order.order.recipient}, ${order.order.range.from} .. ${order.order.range.to}`,
            stores.vault === undefined
              ? 'vault: off in this data directory, no stored content to erase'
              : `vault: ${removal.entries} contents erased, ${removal.keysDestroyed} keys destroyed, ${removal.keysReplaced} keys replaced`,
            `ledger: erasure record #${result.erasure.seq}; ${result.records.length} transfer records listed (kept, with their hashes)`,
            `deletion request ${result.request.id} (status sent): letter written to ${file}`,
            `when ${order.order.recipient} confirms: sluice directive confirm ${result.request.id} --file CONFIRMATION`,
          ].join('\n'),
          {
            directive: result.directive,
            removal,
            records: result.records.length,
            erasureSeq: result.erasure.seq,
            request: result.request.id,
            letterFile: file,
          },
        )
        return 0
      }
      case 'requests': {
        for (const r of await stores.deletionRequests.list()) {
          const { letter: _letter, ...summary } = r
          out(
            `${r.id}  ${r.status}  ${r.recipient}  ${r.range.from} .. ${r.range.to}  ${r.records} records  order ${r.orderRef}${r.confirmation === undefined ? '' : `  confirmed ${r.confirmation.at} by ${r.confirmation.by}${r.confirmation.fileName === undefined ? '' : ` (${r.confirmation.fileName})`}`}`,
            summary,
          )
        }
        return 0
      }
      case 'confirm': {
        const bytes =
          values.file === undefined
            ? new TextEncoder().encode(values.text ?? '')
            : await deps.readFile(values.file)
        const fileName = values.file === undefined ? undefined : values.file.split(/[\\/]/).at(-1)
        const confirmed = await stores.deletionRequests.confirm(
          args[0] as string,
          {
            at: deps.now().toISOString(),
            by: actor,
            ...(fileName === undefined ? {} : { fileName }),
            sha256: createHash('sha256').update(bytes).digest('hex'),
            size: bytes.length,
          },
          bytes,
        )
        out(
          `confirmed ${confirmed.id}: ${confirmed.recipient}, sha256 ${confirmed.confirmation?.sha256}`,
          confirmed,
        )
        return 0
      }
    }
    return 2
  } finally {
    await stores.close()
  }
}

type Values = Readonly<Record<string, string | boolean | undefined>>
const str = (values: Values, name: string): string | undefined => {
  const v = values[name]
  return typeof v === 'string' ? v : undefined
}

function readIssue(values: Values, by: string) {
  const kind = str(values, 'kind')
  if (kind === undefined || !(directiveKinds as readonly string[]).includes(kind) || kind === 'delete-data') {
    throw new UsageError(
      `--kind must be suspend-transfers or block-service (delete-data has its own action), got '${kind ?? ''}'`,
    )
  }
  const recipient = str(values, 'recipient')
  const country = str(values, 'country')?.toUpperCase()
  const service = str(values, 'service')
  const order = required(values, 'order')
  const basis = str(values, 'basis') ?? (kind === 'suspend-transfers' ? 'PIPA Art. 28-9' : undefined)
  const until = str(values, 'until')
  const tenant = str(values, 'tenant')
  return {
    kind: kind as DirectiveKind,
    target: {
      ...(recipient === undefined ? {} : { recipient }),
      ...(country === undefined ? {} : { country }),
      ...(service === undefined ? {} : { service }),
    },
    from: timeArg('--from', required(values, 'from'), 'start'),
    ...(until === undefined ? {} : { until: timeArg('--until', until, 'end') }),
    orderRef: order,
    ...(basis === undefined ? {} : { basis }),
    issuedBy: by,
    ...(tenant === undefined ? {} : { tenant }),
  }
}

function readDelete(values: Values, by: string) {
  if (str(values, 'tenant') !== undefined) {
    throw new UsageError(
      'delete-data binds every tenant (the vault keys content by recipient and day): drop --tenant',
    )
  }
  const basis = str(values, 'basis')
  const out = str(values, 'out')
  return {
    out,
    order: {
      recipient: required(values, 'recipient'),
      range: {
        from: timeArg('--from', required(values, 'from'), 'start'),
        to: timeArg('--to', required(values, 'to'), 'end'),
      },
      orderRef: required(values, 'order'),
      ...(basis === undefined ? {} : { basis }),
      by,
    },
  }
}

function required(values: Values, name: string): string {
  const v = str(values, name)
  if (v === undefined || v.trim() === '') throw new UsageError(`--${name} is required`)
  return v
}

/**
 * An ISO time from a CLI argument. A bare UTC day is its first instant as a start, and the first
 * instant of the next day as an (exclusive) end, so `--to 2025-02-15` includes the 15th.
 */
export function timeArg(flag: string, text: string, as: 'start' | 'end'): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const ms = Date.parse(`${text}T00:00:00.000Z`)
    if (Number.isNaN(ms)) throw new UsageError(`${flag}: '${text}' is not a date`)
    return new Date(as === 'start' ? ms : ms + 86_400_000).toISOString()
  }
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/.test(text) ||
    Number.isNaN(Date.parse(text))
  ) {
    throw new UsageError(`${flag}: '${text}' is neither YYYY-MM-DD nor an ISO 8601 time with a zone`)
  }
  return new Date(Date.parse(text)).toISOString()
}

function stateOf(d: Directive, now: Date): 'in force' | 'scheduled' | 'ended' | 'revoked' {
  const t = now.toISOString()
  if (d.revokedAt !== undefined && Date.parse(d.revokedAt) <= now.getTime()) return 'revoked'
  if (inForce(d, t)) return 'in force'
  return Date.parse(d.from) > now.getTime() ? 'scheduled' : 'ended'
}

function describe(d: Directive, now: Date): string {
  const target = [
    d.target.recipient,
    d.target.country === undefined ? undefined : `country ${d.target.country}`,
    d.target.service === undefined ? undefined : `service ${d.target.service}`,
  ]
    .filter((s) => s !== undefined)
    .join(', ')
  const period =
    d.range === undefined
      ? `from ${d.from}${d.until === undefined ? '' : ` until ${d.until}`}`
      : `data ${d.range.from} .. ${d.range.to}`
  const revoked = d.revokedAt === undefined ? '' : `, revoked ${d.revokedAt} by ${d.revokedBy ?? '?'}`
  return `${d.id}  [${stateOf(d, now)}]  ${d.kind}  ${target}  ${period}  order ${d.orderRef}${d.basis === undefined ? '' : ` (${d.basis})`}  by ${d.issuedBy}${d.tenant === undefined ? '' : `  tenant ${d.tenant}`}${revoked}`
}
