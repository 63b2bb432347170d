/** Why a document could not be read. */
export type DocumentErrorCode =
  | 'UNSUPPORTED_FORMAT'
  | 'BROKEN_DOCUMENT'
  | 'LIMIT_EXCEEDED'
  | 'ENCRYPTED_DOCUMENT'

/** A document that could not be read, with a machine-readable reason and a one-line message. */
export class DocumentError extends Error {
  readonly code: DocumentErrorCode

  constructor(code: DocumentErrorCode, message: string, options?: { readonly cause?: unknown }) {
    super(message, options)
    this.name = 'DocumentError'
    this.code = code
  }
}
