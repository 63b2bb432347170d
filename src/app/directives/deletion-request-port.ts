// Deletion requests sent to recipients under a delete-data directive, tracked until the recipient's
// confirmation is attached (the last step of the regulator-order workflow).

import type { DeletionLetter } from '../../core/directives/deletion-letter.ts'
import type { TimeRange } from '../../core/directives/directive.ts'

/** The recipient's confirmation, as attached. */
export interface DeletionConfirmation {
  /** When it was attached. */
  readonly at: string
  /** Who attached it. */
  readonly by: string
  /** The attached file's name; absent when the confirmation was given as text. */
  readonly fileName?: string
  /** SHA-256 (hex) of the attachment's bytes. */
  readonly sha256: string
  /** Size of the attachment in bytes. */
  readonly size: number
}

/** One deletion request. */
export interface DeletionRequest {
  readonly id: string
  readonly directiveId: string
  readonly recipient: string
  readonly orderRef: string
  readonly range: TimeRange
  readonly createdAt: string
  readonly createdBy: string
  /** How many transfer records the letter lists. */
  readonly records: number
  readonly letter: DeletionLetter
  readonly status: 'sent' | 'confirmed'
  readonly confirmation?: DeletionConfirmation
}

/** Storage of deletion requests and their confirmations. */
export interface DeletionRequestStore {
  /** Keeps a new request (status 'sent'). Rejects with INVALID_INPUT for a taken id or a bad shape. */
  create(request: DeletionRequest): Promise<void>
  /** The request with `id`, or undefined. */
  get(id: string): Promise<DeletionRequest | undefined>
  /** Every request, by creation time then id. */
  list(): Promise<readonly DeletionRequest[]>
  /**
   * Attaches the recipient's confirmation (its bytes are kept beside it) and marks the request
   * confirmed. Rejects with NOT_FOUND for an unknown id and INVALID_INPUT when it is already
   * confirmed or the confirmation does not match the attachment (sha256, size).
   */
  confirm(id: string, confirmation: DeletionConfirmation, attachment: Uint8Array): Promise<DeletionRequest>
  /** The attached confirmation's bytes, or undefined when none is attached. */
  attachment(id: string): Promise<Uint8Array | undefined>
  /** Releases the store. */
  close(): Promise<void>
}
