// What the config, policy and ledger commands need from the outside world, wired once here.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { loadBuiltinCatalog } from '../adapters/catalog/load-builtin-catalog.ts'
import { ledgerFileIn, openSqliteLedger } from '../adapters/ledger-sqlite/open-sqlite-ledger.ts'
import { openHashKey } from '../adapters/system/open-hash-key.ts'
import type { LedgerDatabase } from '../app/checkpoint-port.ts'
import { SluiceError } from '../app/errors.ts'
import { subjectOfUser as pseudonymOf } from '../app/gateway/handle-ai-request.ts'
import { destinationOf } from '../app/gateway/service-facts.ts'
import { loadConfig } from '../config/load-config-file.ts'
import { createCatalog } from '../core/catalog/catalog.ts'
import type { CatalogEntry } from '../core/catalog/catalog-schema.ts'
import type { EvidenceFile } from '../core/ledger/evidence-bundle.ts'
import type { LedgerQuery } from '../core/ledger/ledger-query.ts'
import type { ServiceFacts } from '../core/policy/policy-types.ts'
import type { TransfersConfig } from '../core/transfers/transfers-config.ts'
import { openDirectiveState } from './directive-state.ts'
import { catalogFor } from './gateway-process.ts'

/** Catalog lookups for `sluice policy test|lint` and `sluice config check`. */
export async function openCatalogLookups(): Promise<{
  serviceFacts(id: string): ServiceFacts | undefined
  readonly knownServices: ReadonlySet<string>
}> {
  const catalog = createCatalog(await loadBuiltinCatalog())
  return {
    serviceFacts: (id) =>
      destinationOf(catalog, { id, kind: 'openai', baseUrl: '', keyMode: 'held', timeoutMs: 0, service: id })
        .service,
    knownServices: new Set(catalog.entries.map((e) => e.id)),
  }
}

/** Opens an existing ledger for reading and verifying; a missing one is NOT_FOUND, never created. */
export async function openExistingLedger(dataDir: string): Promise<LedgerDatabase> {
  const file = ledgerFileIn(dataDir)
  if (!existsSync(file)) {
    throw new SluiceError('NOT_FOUND', `no ledger at ${file}: pass --data DIR of a Sluice data directory`)
  }
  return openSqliteLedger(file)
}

/** Reads a text file (UTF-8). */
export const readTextFile = (path: string): Promise<string> => readFile(path, 'utf8')

/**
 * Documents for an evidence bundle beside the records: the directives (orders, with references and who
 * issued them) and, for a bundle about one recipient, the deletion requests sent to it with the
 * recipient's confirmation when attached.
 */
export async function evidenceExtras(request: {
  readonly dataDir: string
  readonly filter: LedgerQuery
}): Promise<readonly EvidenceFile[]> {
  const state = await openDirectiveState(request.dataDir, { vault: 'never' })
  try {
    const recipient = request.filter.recipient?.toLowerCase()
    const directives = (await state.directives.list()).filter(
      (d) => recipient === undefined || d.target.recipient?.toLowerCase() === recipient,
    )
    const requests = (await state.deletionRequests.list()).filter(
      (r) => recipient === undefined || r.recipient.toLowerCase() === recipient,
    )
    const files: EvidenceFile[] = [
      { name: 'directives.json', content: `${JSON.stringify(directives, null, 2)}\n` },
      { name: 'deletion-requests.json', content: `${JSON.stringify(requests, null, 2)}\n` },
    ]
    for (const r of requests) {
      const bytes = r.confirmation === undefined ? undefined : await state.deletionRequests.attachment(r.id)
      if (bytes !== undefined) {
        files.push({
          name: `confirmation-${r.id}.b64`,
          content: `${Buffer.from(bytes).toString('base64')}\n`,
        })
      }
    }
    return files
  } finally {
    await state.close()
  }
}

/** The catalog (with the config's changes) and transfers settings a config file puts in force. */
export async function loadTransfersFor(
  configFile: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{
  readonly entries: readonly CatalogEntry[]
  readonly transfers: TransfersConfig
  readonly dataDir: string
}> {
  const config = await loadConfig(configFile, env)
  const catalog = await catalogFor(config)
  return { entries: catalog.entries, transfers: config.transfers, dataDir: config.server.dataDir }
}

/** The pseudonym the gateway records for a user, keyed with the data directory's hash key. */
export async function subjectOfUser(dataDir: string, tenant: string, user: string): Promise<string> {
  const key = await openHashKey(dataDir, process.env.SLUICE_HASH_KEY)
  return pseudonymOf(key, tenant, user)
}
