// Cross-border transfers in a serving process: the consent and recipient-patch stores (SQLite or
// PostgreSQL as configured), the register state, the deps the gateway checks transfers with, and the
// consent pages.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createConsentPages, isConsentPath } from '../adapters/http-api/consent-pages.ts'
import { openPostgresConsentStore } from '../adapters/state-postgres/consent-store.ts'
import { openPostgresRecipientPatchStore } from '../adapters/state-postgres/recipient-patch-store.ts'
import { openSqliteConsentStore } from '../adapters/state-sqlite/consent-store.ts'
import { openSqliteRecipientPatchStore } from '../adapters/state-sqlite/recipient-patch-store.ts'
import type { TransferDeps } from '../app/consent/transfer-deps.ts'
import { createTransfersState } from '../app/consent/transfers-state.ts'
import type { GatewaySetup } from '../app/gateway/gateway-setup.ts'
import type { SluiceConfig } from '../config/sluice-config-schema.ts'
import type { ConsentEntry } from '../core/ledger/ledger-record.ts'

/** The transfer machinery of one process. */
export interface TransfersWiring {
  readonly deps: TransferDeps
  /** Serves /consent/… and /v1/consents…; returns false for other paths. */
  serve(req: IncomingMessage, res: ServerResponse): boolean
  reload(config: SluiceConfig, setup: GatewaySetup): Promise<void>
  close(): Promise<void>
}

/** Opens the stores and builds the register from the same catalog the gateway uses. */
export async function openTransfers(options: {
  readonly config: SluiceConfig
  readonly setup: () => GatewaySetup
  readonly hashKey: Uint8Array
  /** Base URL of consent links (known only once the server listens when the port is 0). */
  readonly publicUrl: () => string
  readonly recordConsent: (entry: ConsentEntry) => Promise<void>
  readonly log: (line: string) => void
}): Promise<TransfersWiring> {
  const { config } = options
  const storage = config.storage
  const url = storage.kind === 'postgres' ? storage.url : undefined
  const consents =
    url === undefined
      ? await openSqliteConsentStore(config.server.dataDir)
      : await openPostgresConsentStore({ url })
  const patches =
    url === undefined
      ? await openSqliteRecipientPatchStore(config.server.dataDir)
      : await openPostgresRecipientPatchStore({ url })
  const state = await createTransfersState(options.setup().catalog.entries, config.transfers, patches)
  const deps: TransferDeps = {
    transfers: state.current,
    consents,
    tokenKey: options.hashKey,
    clock: { now: () => new Date() },
    get publicUrl() {
      return options.publicUrl()
    },
    recordConsent: options.recordConsent,
  }
  const pages = createConsentPages({
    transfer: deps,
    authorize: (req) => {
      const bearer = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1]?.trim()
      const subject = options.setup().identify({
        ...(bearer === undefined ? {} : { apiKey: bearer }),
        remoteAddress: req.socket.remoteAddress ?? '',
      })
      return subject.ok ? { tenant: subject.tenant } : undefined
    },
    onError: (error) =>
      options.log(`consent page failed: ${error instanceof Error ? error.message : String(error)}`),
  })
  return {
    deps,
    serve: (req, res) => {
      const path = (req.url ?? '/').split('?', 1)[0] ?? '/'
      if (!isConsentPath(path)) return false
      pages(req, res)
      return true
    },
    reload: (next, setup) => state.reload(setup.catalog.entries, next.transfers),
    close: async () => {
      await consents.close()
      await patches.close()
    },
  }
}
