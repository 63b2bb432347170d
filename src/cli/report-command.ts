import { parseArgs } from 'node:util'
import { readObservedFlows } from '../app/consent/observed-flows.ts'
import type { LedgerStore } from '../app/ledger-port.ts'
import type { CatalogEntry } from '../core/catalog/catalog-schema.ts'
import {
  buildDisclosureTable,
  renderDisclosureHtml,
  renderDisclosureMarkdown,
} from '../core/transfers/disclosure-table.ts'
import { buildRecipientRegister } from '../core/transfers/recipient-register.ts'
import type { TransfersConfig } from '../core/transfers/transfers-config.ts'
import { UsageError } from './usage-error.ts'

/** Help text of `sluice report`. */
export const reportUsage = `usage: sluice report transfers [--config FILE] [--data DIR] [--format md|html|json]
                              [--tenant ID] [--from TIME] [--to TIME]
  transfers  the overseas-transfer disclosure table a privacy policy needs (PIPA 28-8(2), Decree 31(1)2):
             per foreign recipient, the items transferred, country, timing and method, name and contact,
             purpose and retention, legal basis and how to refuse; from the recipient register (catalog +
             config transfers.recipients) and the flows the ledger recorded.
  --config FILE  sluice.yaml (default: built-in configuration)
  --data DIR     data directory holding the ledger (default: the config's server.dataDir)
  --format F     md (default), html or json
  --tenant ID    only this tenant's flows and bases; its home country decides what is "overseas"
  --from/--to    ISO 8601 times bounding the flows counted (to is exclusive)
`

/** What `runReportCommand` needs from the composition root. */
export interface ReportCommandDeps {
  /** Opens the existing ledger of `dataDir` (NOT_FOUND rather than creating one). */
  openLedger(dataDir: string): Promise<LedgerStore>
  /** The catalog entries and `transfers` section in force for a config file, and its data directory. */
  loadTransfers(configFile: string | undefined): Promise<{
    readonly entries: readonly CatalogEntry[]
    readonly transfers: TransfersConfig
    readonly dataDir: string
  }>
  readonly write?: (text: string) => void
  readonly now?: () => Date
}

const formats = ['md', 'html', 'json'] as const

/** Runs `sluice report transfers`; resolves with the exit code. */
export async function runReportCommand(argv: readonly string[], deps: ReportCommandDeps): Promise<number> {
  const write = deps.write ?? ((text: string) => void process.stdout.write(text))
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      format: { type: 'string', default: 'md' },
      tenant: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  const [what, ...extra] = positionals
  if (values.help || what === undefined) {
    write(reportUsage)
    return values.help ? 0 : 2
  }
  if (what !== 'transfers') throw new UsageError(`unknown report '${what}'; use 'transfers'`)
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`)
  const format = values.format as (typeof formats)[number]
  if (!formats.includes(format))
    throw new UsageError(`--format must be md, html or json, got '${values.format}'`)
  for (const name of ['from', 'to'] as const) {
    const v = values[name]
    if (v !== undefined && Number.isNaN(Date.parse(v)))
      throw new UsageError(`--${name} must be an ISO 8601 time, got '${v}'`)
  }
  const loaded = await deps.loadTransfers(values.config)
  const { register, unmatched } = buildRecipientRegister(loaded.entries, loaded.transfers.recipients)
  const ledger = await deps.openLedger(values.data ?? loaded.dataDir)
  let flows: Awaited<ReturnType<typeof readObservedFlows>>
  try {
    flows = await readObservedFlows(ledger, {
      ...(values.tenant === undefined ? {} : { tenant: values.tenant }),
      ...(values.from === undefined ? {} : { from: values.from }),
      ...(values.to === undefined ? {} : { to: values.to }),
    })
  } finally {
    await ledger.close()
  }
  const homeCountry =
    values.tenant === undefined ? 'KR' : (loaded.transfers.tenants[values.tenant]?.country ?? 'KR')
  const rows = buildDisclosureTable({
    register,
    flows,
    bases: loaded.transfers.bases,
    ...(values.tenant === undefined ? {} : { tenant: values.tenant }),
    homeCountry,
  })
  const date = (deps.now?.() ?? new Date()).toISOString().slice(0, 10)
  const title = `개인정보 국외 이전 현황 / Overseas transfers of personal information (${date}${values.tenant === undefined ? '' : `, ${values.tenant}`})`
  if (format === 'json')
    write(`${JSON.stringify({ title, homeCountry, unmatchedPatches: unmatched, rows }, null, 2)}\n`)
  else if (format === 'html') write(renderDisclosureHtml(rows, title))
  else write(renderDisclosureMarkdown(rows, title))
  return 0
}
