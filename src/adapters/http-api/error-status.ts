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
  INTERNAL: 500,
}
