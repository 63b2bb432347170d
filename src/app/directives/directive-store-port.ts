// Where directives are kept. Every gateway process reads them (polling `revision`, see
// directive-cache.ts) and the CLI writes them, so the store is the one place an order is in force from.
import type { Directive } from '../../core/directives/directive.ts'

/** The directives of an organisation: issued, revoked, never edited otherwise. */
export interface DirectiveStore {
  /**
   * Keeps a new directive. Rejects with INVALID_INPUT, storing nothing, when it is malformed or its
   * id is already taken.
   */
  put(directive: Directive): Promise<void>
  /** The directive with `id`, revoked or not; undefined when there is none. */
  get(id: string): Promise<Directive | undefined>
  /** Every directive, revoked ones included, by issue time then id. */
  list(): Promise<readonly Directive[]>
  /**
   * Marks the directive revoked at `at` by `by` and resolves with it. Rejects with NOT_FOUND for an
   * unknown id and INVALID_INPUT when it is already revoked or `at`/`by` is malformed.
   */
  revoke(id: string, at: string, by: string): Promise<Directive>
  /**
   * Takes back a `put` whose ledger record could not be written (so no order is in force that the
   * ledger does not show). Resolves with whether a directive was removed.
   */
  remove(id: string): Promise<boolean>
  /**
   * A number that rises with every put, revoke and remove, by any process on the same store: a
   * reader polls it cheaply and reloads the list only when it moved.
   */
  revision(): Promise<number>
  /** Releases the store; it is unusable afterwards. */
  close(): Promise<void>
}
