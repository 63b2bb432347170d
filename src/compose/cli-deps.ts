// What the config, policy and ledger commands need from the outside world, wired once here.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { loadBuiltinCatalog } from '../adapters/catalog/load-builtin-catalog.ts'
import { ledgerFileIn, openSqliteLedger } from '../adapters/ledger-sqlite/open-sqlite-ledger.ts'
import type { LedgerDatabase } from '../app/checkpoint-port.ts'
import { SluiceError } from '../app/errors.ts'
import { destinationOf } from '../app/gateway/service-facts.ts'
import { createCatalog } from '../core/catalog/catalog.ts'
import type { ServiceFacts } from '../core/policy/policy-types.ts'

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
