// Retention: content older than vault.retentionDays is deleted, keys and all. The gateway's primary
// process runs this at start and then periodically.
import type { ContentVault } from './content-vault.ts'
import type { VaultRemoval } from './vault-store-port.ts'

/** Options of {@link startVaultPurge}. */
export interface VaultPurgeOptions {
  readonly now: () => Date
  /** How often to purge (default hourly). */
  readonly everyMs?: number
  readonly onPurged?: (removal: VaultRemoval) => void
  readonly onError?: (error: unknown) => void
}

/** Purges expired content now and every `everyMs`; the timer does not keep the process alive. */
export function startVaultPurge(vault: ContentVault, options: VaultPurgeOptions): { stop(): void } {
  let running = false
  const purge = () => {
    if (running) return
    running = true
    vault
      .purgeExpired(options.now())
      .then(
        (removal) => options.onPurged?.(removal),
        (error: unknown) => options.onError?.(error),
      )
      .finally(() => {
        running = false
      })
  }
  purge()
  const timer = setInterval(purge, options.everyMs ?? 3_600_000)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
