/** Stable error codes. Each adapter maps them to its medium (HTTP status, exit code) in one place. */
export const errorCodes = [
  'INVALID_INPUT',
  'INVALID_JSON',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNSUPPORTED_FORMAT',
  'BROKEN_DOCUMENT',
  'ENCRYPTED_DOCUMENT',
  'LIMIT_EXCEEDED',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFIG_INVALID',
  'UNAUTHENTICATED',
  'POLICY_BLOCK',
  'POLICY_WARN',
  'CONSENT_REQUIRED',
  'INSPECTION_FAILED',
  'UPSTREAM_FAILED',
  'UPSTREAM_TIMEOUT',
  'INTERNAL',
] as const

/** One of {@link errorCodes}. */
export type ErrorCode = (typeof errorCodes)[number]

/** An expected failure with a stable code and a message that names the fix. */
export class SluiceError extends Error {
  readonly code: ErrorCode
  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'SluiceError'
    this.code = code
  }
}

/** True when `error` is a {@link SluiceError} (also across duplicated module copies). */
export function isSluiceError(error: unknown): error is SluiceError {
  return (
    error instanceof Error && error.name === 'SluiceError' && typeof (error as SluiceError).code === 'string'
  )
}
