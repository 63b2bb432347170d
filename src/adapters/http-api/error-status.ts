import type { ErrorCode } from '../../app/errors.ts'

/** HTTP status per error code; a Record makes a forgotten code a compile error. */
export const statusByCode: Readonly<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  INVALID_JSON: 400,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNSUPPORTED_FORMAT: 415,
  BROKEN_DOCUMENT: 422,
  ENCRYPTED_DOCUMENT: 422,
  LIMIT_EXCEEDED: 413,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFIG_INVALID: 500,
  UNAUTHENTICATED: 401,
  POLICY_BLOCK: 403,
  // 428: the request may go once it is resent with a stated reason (warn-then-resend).
  POLICY_WARN: 428,
  // The transfer may go once the data subject gives separate consent at the link in the body.
  CONSENT_REQUIRED: 403,
  // Fail closed: inspection could not complete, so nothing left.
  INSPECTION_FAILED: 503,
  UPSTREAM_FAILED: 502,
  UPSTREAM_TIMEOUT: 502,
  INTERNAL: 500,
}
