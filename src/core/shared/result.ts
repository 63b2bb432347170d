/** An expected outcome: a value, or an error the caller must handle. */
export type Result<T, E> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E }

/** Wraps a value as a successful {@link Result}. */
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value })

/** Wraps an error as a failed {@link Result}. */
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error })
