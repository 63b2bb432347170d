// Error bodies in the caller's protocol. OpenAI-style `{"error": {type, code, message, …}}` and
// Anthropic-style `{"type": "error", "error": {type, message, …}}` are what the official SDKs parse
// into their APIError classes, so a policy block reaches the user's code with its message intact.
import { type ErrorCode, isSluiceError } from '../../app/errors.ts'
import { isGatewayError } from '../../app/gateway/gateway-error.ts'
import { statusByCode } from './error-status.ts'

const typeByCode: Readonly<Record<ErrorCode, string>> = {
  INVALID_INPUT: 'invalid_request_error',
  INVALID_JSON: 'invalid_request_error',
  BODY_TOO_LARGE: 'invalid_request_error',
  UNSUPPORTED_MEDIA_TYPE: 'invalid_request_error',
  UNSUPPORTED_FORMAT: 'invalid_request_error',
  BROKEN_DOCUMENT: 'invalid_request_error',
  ENCRYPTED_DOCUMENT: 'invalid_request_error',
  LIMIT_EXCEEDED: 'invalid_request_error',
  NOT_FOUND: 'not_found_error',
  METHOD_NOT_ALLOWED: 'invalid_request_error',
  CONFIG_INVALID: 'api_error',
  UNAUTHENTICATED: 'authentication_error',
  POLICY_BLOCK: 'sluice_policy_block',
  POLICY_WARN: 'sluice_policy_warn',
  CONSENT_REQUIRED: 'sluice_consent_required',
  INSPECTION_FAILED: 'sluice_inspection_failed',
  UPSTREAM_FAILED: 'sluice_upstream_error',
  UPSTREAM_TIMEOUT: 'sluice_upstream_error',
  INTERNAL: 'api_error',
}

/** Status and body for `error`, shaped for an OpenAI or an Anthropic client. */
export function gatewayErrorBody(
  style: 'openai' | 'anthropic',
  error: unknown,
  requestId: string,
): { readonly status: number; readonly body: unknown } {
  const code: ErrorCode = isSluiceError(error) ? error.code : 'INTERNAL'
  const message = isSluiceError(error)
    ? error.message
    : 'internal error; the request id identifies it in the log'
  const details = {
    type: typeByCode[code],
    code: code.toLowerCase(),
    message,
    ...(isGatewayError(error) && error.rule !== undefined ? { rule: error.rule } : {}),
    ...(isGatewayError(error) && error.notice !== undefined ? { notice: error.notice } : {}),
    ...(isGatewayError(error) && error.consentUrl !== undefined ? { consent_url: error.consentUrl } : {}),
    request_id: requestId,
  }
  const status = statusByCode[code]
  if (style === 'anthropic') return { status, body: { type: 'error', error: details, request_id: requestId } }
  return { status, body: { error: { ...details, param: null } } }
}
