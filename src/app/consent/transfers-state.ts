// The register and settings in force: the catalog, then configuration patches, then stored patches.
// Requests read it synchronously (`current`); a configuration reload or a new stored patch rebuilds it.
import type { CatalogEntry } from '../../core/catalog/catalog-schema.ts'
import { buildRecipientRegister } from '../../core/transfers/recipient-register.ts'
import { recipientPatchSchema, type TransfersConfig } from '../../core/transfers/transfers-config.ts'
import { SluiceError } from '../errors.ts'
import type { RecipientPatchStore, StoredRecipientPatch } from './recipient-patch-store-port.ts'
import type { TransfersSnapshot } from './transfer-deps.ts'

/** The live transfers state. */
export interface TransfersState {
  /** The snapshot in force (pass as `TransferDeps.transfers`). */
  current(): TransfersSnapshot
  /** Patch names (configuration or stored) that matched no recipient at the last rebuild. */
  unmatched(): readonly string[]
  /** Rebuilds from new catalog entries and settings (configuration reload) plus the stored patches. */
  reload(entries: readonly CatalogEntry[], settings: TransfersConfig): Promise<void>
  /**
   * Validates and stores a register patch, then rebuilds. INVALID_INPUT for a malformed patch, NOT_FOUND
   * when it names no recipient of the register (nothing is stored then).
   */
  patch(body: unknown, by: string, at: string): Promise<StoredRecipientPatch>
}

/** Builds the state; reads the stored patches once now. */
export async function createTransfersState(
  entries: readonly CatalogEntry[],
  settings: TransfersConfig,
  store: RecipientPatchStore,
): Promise<TransfersState> {
  let catalog = entries
  let config = settings
  let stored = await store.list()
  let snapshot: TransfersSnapshot
  let missing: readonly string[] = []
  const rebuild = () => {
    const built = buildRecipientRegister(catalog, [...config.recipients, ...stored.map((s) => s.patch)])
    snapshot = { register: built.register, settings: config }
    missing = built.unmatched
  }
  rebuild()
  return {
    current: () => snapshot,
    unmatched: () => missing,
    async reload(nextEntries, nextSettings) {
      catalog = nextEntries
      config = nextSettings
      stored = await store.list()
      rebuild()
    },
    async patch(body, by, at) {
      const parsed = recipientPatchSchema.safeParse(body)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        throw new SluiceError(
          'INVALID_INPUT',
          `recipient patch ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`.trim(),
        )
      }
      if (buildRecipientRegister(catalog, [parsed.data]).unmatched.length > 0) {
        throw new SluiceError('NOT_FOUND', `no recipient named '${parsed.data.name}' in the register`)
      }
      const saved = await store.add(parsed.data, at, by)
      stored = [...stored, saved]
      rebuild()
      return saved
    },
  }
}
