// Every gateway process holds the directives in memory and checks each request against them without
// I/O. It polls the store's revision (one integer) every `refreshMs` and reloads the list only when it
// moved, so a directive issued by any process or by the CLI binds everywhere within about refreshMs.
import {
  applyDirectives,
  type DirectiveRequest,
  type DirectiveVerdict,
} from '../../core/directives/apply-directives.ts'
import type { Directive } from '../../core/directives/directive.ts'
import type { DirectiveStore } from './directive-store-port.ts'

/** Options of {@link createDirectiveCache}. */
export interface DirectiveCacheOptions {
  /** How often to poll the store (default 500 ms: a new directive binds within a second). */
  readonly refreshMs?: number
  /**
   * Told when a poll fails. The cache keeps the directives it last read (it never forgets an order
   * because the store is briefly unreachable) and tries again at the next poll.
   */
  readonly onError?: (error: unknown) => void
}

/** The directives as last read, refreshed in the background. */
export interface DirectiveCache {
  /** Every directive as last read (revoked ones included: they still bind before their revocation). */
  directives(): readonly Directive[]
  /** {@link applyDirectives} over the cached directives. */
  check(request: DirectiveRequest): DirectiveVerdict
  /** Reads the store now if its revision moved (the poller calls this). */
  refresh(): Promise<void>
  /** Stops polling. Does not close the store. */
  close(): void
}

/**
 * Reads the directives of `store` once (so the first request is already checked against them), then
 * polls every `refreshMs`. The timer does not keep the process alive.
 */
export async function createDirectiveCache(
  store: DirectiveStore,
  options: DirectiveCacheOptions = {},
): Promise<DirectiveCache> {
  const refreshMs = options.refreshMs ?? 500
  if (!Number.isFinite(refreshMs) || refreshMs < 10) {
    throw new RangeError(`refreshMs must be at least 10, got ${refreshMs}`)
  }
  let revision = await store.revision()
  let current: readonly Directive[] = await store.list()
  let running: Promise<void> | undefined

  async function reload(): Promise<void> {
    // The revision is read before the list: a change landing in between raises it again, so the next
    // poll reloads; reading them the other way round could miss that change for good.
    const seen = await store.revision()
    if (seen === revision) return
    const list = await store.list()
    current = list
    revision = seen
  }

  const refresh = (): Promise<void> => {
    running ??= reload().finally(() => {
      running = undefined
    })
    return running
  }

  const timer = setInterval(() => {
    refresh().catch((error: unknown) => options.onError?.(error))
  }, refreshMs)
  timer.unref()

  return {
    directives: () => current,
    check: (request) => applyDirectives(current, request),
    refresh,
    close: () => clearInterval(timer),
  }
}
