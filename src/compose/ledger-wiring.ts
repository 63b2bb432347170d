// The ledger as configured (SQLite in the data directory, or PostgreSQL), and the checkpointer that
// signs its Merkle root. Exactly one process runs the checkpointer: the primary, or the only process.

import { openPostgresLedger } from '../adapters/ledger-postgres/open-postgres-ledger.ts'
import { openLedgerSigningKey } from '../adapters/ledger-signing/open-ledger-signing-key.ts'
import { ledgerFileIn, openSqliteLedger } from '../adapters/ledger-sqlite/open-sqlite-ledger.ts'
import type { LedgerDatabase } from '../app/checkpoint-port.ts'
import { createCheckpointer } from '../app/checkpointer.ts'
import type { SluiceConfig } from '../config/sluice-config-schema.ts'

/** Opens the configured ledger store (creating the SQLite file and its directory when missing). */
export async function openConfiguredLedger(config: SluiceConfig): Promise<LedgerDatabase> {
  const { storage } = config
  if (storage.kind === 'postgres' && storage.url !== undefined) return openPostgresLedger(storage.url)
  return openSqliteLedger(ledgerFileIn(config.server.dataDir))
}

/** A running checkpointer; `stop` writes a last checkpoint so a clean shutdown leaves the tail signed. */
export interface RunningCheckpointer {
  stop(): Promise<void>
}

/** Starts signing checkpoints every 10,000 records or minute, whichever comes first. */
export async function startCheckpointing(
  config: SluiceConfig,
  log: (line: string) => void,
): Promise<RunningCheckpointer> {
  const store = await openConfiguredLedger(config)
  const signer = await openLedgerSigningKey(config.server.dataDir)
  const checkpointer = createCheckpointer(store, store, signer, {
    everyRecords: 10_000,
    everyMs: 60_000,
    onError: (error) =>
      log(`!!! ledger checkpoint failed: ${error instanceof Error ? error.message : String(error)}`),
  })
  checkpointer.start()
  return {
    stop: async () => {
      await checkpointer.stop()
      await checkpointer.checkpointNow().catch((error: unknown) => {
        log(`!!! last ledger checkpoint failed: ${error instanceof Error ? error.message : String(error)}`)
      })
      await store.close()
    },
  }
}
