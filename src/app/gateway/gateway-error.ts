import { type ErrorCode, SluiceError } from '../errors.ts'

/** A user-facing notice in Korean and English. */
export interface GatewayNotice {
  readonly ko: string
  readonly en: string
}

/**
 * A gateway failure the client must see with its reason: a policy block or warn (with the rule and
 * notice that decided it), an inspection fault, an upstream failure. Adapters render it in the
 * caller's protocol (OpenAI- or Anthropic-style error bodies).
 */
export class GatewayError extends SluiceError {
  readonly rule: string | undefined
  readonly notice: GatewayNotice | undefined
  /** Where the data subject gives the separate consent a transfer needs (CONSENT_REQUIRED). */
  readonly consentUrl: string | undefined
  constructor(
    code: ErrorCode,
    message: string,
    details: {
      readonly rule?: string
      readonly notice?: GatewayNotice
      readonly consentUrl?: string
      readonly cause?: unknown
    } = {},
  ) {
    super(code, message, details.cause === undefined ? undefined : { cause: details.cause })
    this.rule = details.rule
    this.notice = details.notice
    this.consentUrl = details.consentUrl
  }
}

/** True when `error` is a {@link GatewayError}. */
export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError
}
