// Opens the directive, vault and deletion-request stores of a data directory (SQLite state.db, or
// PostgreSQL when a URL is given) for `sluice directive` and for the gateway processes.
import { existsSync } from 'node:fs'
import pg from 'pg'
import { openPostgresLedger } from '../adapters/ledger-postgres/open-postgres-ledger.ts'
import { ledgerFileIn, openSqliteLedger } from '../adapters/ledger-sqlite/open-sqlite-ledger.ts'
import { openPostgresDeletionRequestStore } from '../adapters/state-postgres/deletion-request-store.ts'
import { openPostgresDirectiveStore } from '../adapters/state-postgres/directive-store.ts'
import { openPostgresVaultStore } from '../adapters/state-postgres/vault-store.ts'
import { openSqliteDeletionRequestStore } from '../adapters/state-sqlite/deletion-request-store.ts'
import { stateFileIn } from '../adapters/state-sqlite/directive-sqlite-db.ts'
import { openSqliteDirectiveStore } from '../adapters/state-sqlite/directive-store.ts'
import { openSqliteVaultStore } from '../adapters/state-sqlite/vault-store.ts'
import { openVaultKey, vaultKeyFileIn } from '../adapters/vault-key/open-vault-key.ts'
import type { DeletionRequestStore } from '../app/directives/deletion-request-port.ts'
import { createDirectiveCache, type DirectiveCache } from '../app/directives/directive-cache.ts'
import type { DirectiveStore } from '../app/directives/directive-store-port.ts'
import type { LedgerStore } from '../app/ledger-port.ts'
import { type ContentVault, createContentVault } from '../app/vault/content-vault.ts'
import type { VaultStore } from '../app/vault/vault-store-port.ts'

/** Where the state lives: state.db in the data directory, or a PostgreSQL database. */
export interface DirectiveStateOptions {
  /** PostgreSQL connection URL (config `storage.url` when `storage.kind` is postgres). */
  readonly postgresUrl?: string
  /** Open the vault: 'always' (config vault.enabled: creates vault.key), 'if-present' (vault.key exists), 'never'. */
  readonly vault: 'always' | 'if-present' | 'never'
  /** Config vault.retentionDays (default 30). */
  readonly retentionDays?: number
}

/** The opened stores; `close` releases all of them (and the pool it made). */
export interface DirectiveState {
  readonly directives: DirectiveStore
  readonly deletionRequests: DeletionRequestStore
  readonly vault?: ContentVault
  close(): Promise<void>
}

/** Opens the directive state of `dataDir`. */
export async function openDirectiveState(
  dataDir: string,
  options: DirectiveStateOptions,
): Promise<DirectiveState> {
  const pool =
    options.postgresUrl === undefined
      ? undefined
      : new pg.Pool({ connectionString: options.postgresUrl, max: 4 })
  const file = stateFileIn(dataDir)
  const closers: (() => Promise<void>)[] = []
  try {
    const directives =
      pool === undefined ? await openSqliteDirectiveStore(file) : await openPostgresDirectiveStore(pool)
    closers.push(() => directives.close())
    const deletionRequests =
      pool === undefined
        ? await openSqliteDeletionRequestStore(file)
        : await openPostgresDeletionRequestStore(pool)
    closers.push(() => deletionRequests.close())
    const wantsVault =
      options.vault === 'always' || (options.vault === 'if-present' && existsSync(vaultKeyFileIn(dataDir)))
    let vault: ContentVault | undefined
    if (wantsVault) {
      const masterKey = await openVaultKey(dataDir, { create: options.vault === 'always' })
      const store: VaultStore =
        pool === undefined ? await openSqliteVaultStore(file) : await openPostgresVaultStore(pool)
      closers.push(() => store.close())
      vault = createContentVault(store, { masterKey, retentionDays: options.retentionDays ?? 30 })
    }
    if (pool !== undefined) closers.push(() => pool.end())
    return {
      directives,
      deletionRequests,
      ...(vault === undefined ? {} : { vault }),
      close: () => closeAll(closers),
    }
  } catch (error) {
    if (pool !== undefined) closers.push(() => pool.end())
    await closeAll(closers)
    throw error
  }
}

/**
 * The stores `sluice directive` works on: the directive state plus the ledger (ledger.db in `dataDir`,
 * or the PostgreSQL ledger when `postgresUrl` is given).
 */
export async function openDirectiveCommandStores(
  dataDir: string,
  options: Omit<DirectiveStateOptions, 'vault'> = {},
): Promise<DirectiveState & { readonly ledger: LedgerStore }> {
  const state = await openDirectiveState(dataDir, { ...options, vault: 'if-present' })
  let ledger: LedgerStore
  try {
    ledger =
      options.postgresUrl === undefined
        ? await openSqliteLedger(ledgerFileIn(dataDir))
        : await openPostgresLedger(options.postgresUrl)
  } catch (error) {
    await state.close()
    throw error
  }
  return {
    ...state,
    ledger,
    close: async () => {
      await state.close()
      await ledger.close()
    },
  }
}

/** What a gateway process holds: the directive cache (polled) and the vault when it is on. */
export interface GatewayDirectives {
  readonly cache: DirectiveCache
  readonly vault?: ContentVault
  close(): Promise<void>
}

/**
 * Opens the directive cache (polling every `refreshMs`, default 500) and, when the config turns it
 * on, the content vault, for one gateway process.
 */
export async function openGatewayDirectives(
  dataDir: string,
  options: {
    readonly postgresUrl?: string
    readonly vaultEnabled: boolean
    readonly retentionDays: number
    readonly refreshMs?: number
    readonly onError?: (error: unknown) => void
  },
): Promise<GatewayDirectives> {
  const state = await openDirectiveState(dataDir, {
    ...(options.postgresUrl === undefined ? {} : { postgresUrl: options.postgresUrl }),
    vault: options.vaultEnabled ? 'always' : 'never',
    retentionDays: options.retentionDays,
  })
  try {
    const cache = await createDirectiveCache(state.directives, {
      refreshMs: options.refreshMs ?? 500,
      ...(options.onError === undefined ? {} : { onError: options.onError }),
    })
    return {
      cache,
      ...(state.vault === undefined ? {} : { vault: state.vault }),
      close: async () => {
        cache.close()
        await state.close()
      },
    }
  } catch (error) {
    await state.close()
    throw error
  }
}

async function closeAll(closers: readonly (() => Promise<void>)[]): Promise<void> {
  for (const close of [...closers].reverse()) await close().catch(() => undefined)
}
