// Shape checks every DeletionRequestStore adapter applies alike.
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { SluiceError } from '../errors.ts'
import type { DeletionConfirmation, DeletionRequest } from './deletion-request-port.ts'

const isoTime = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), 'an ISO 8601 time')
const text = z.string().min(1).max(1024)

const confirmationSchema = z
  .object({
    at: isoTime,
    by: text,
    fileName: text.optional(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256'),
    size: z.number().int().min(0),
  })
  .strict()

const requestSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, dot, dash or underscore'),
    directiveId: text,
    recipient: text,
    orderRef: text,
    range: z.object({ from: isoTime, to: isoTime }).strict(),
    createdAt: isoTime,
    createdBy: text,
    records: z.number().int().min(0),
    letter: z.object({ ko: z.string().min(1), en: z.string().min(1) }).strict(),
    status: z.enum(['sent', 'confirmed']),
    confirmation: confirmationSchema.optional(),
  })
  .strict()
  .refine(
    (r) => (r.status === 'confirmed') === (r.confirmation !== undefined),
    'a confirmed request carries its confirmation, a sent one none',
  )

/** `request` checked for storing, or INVALID_INPUT naming the problem. */
export function checkedDeletionRequest(request: DeletionRequest): DeletionRequest {
  const result = requestSchema.safeParse(request)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new SluiceError(
      'INVALID_INPUT',
      `deletion request: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`,
    )
  }
  return request
}

/** `current` confirmed with `confirmation` over `attachment`, or the error confirming it is. */
export function confirmedCopy(
  current: DeletionRequest | undefined,
  id: string,
  confirmation: DeletionConfirmation,
  attachment: Uint8Array,
): DeletionRequest {
  if (current === undefined) throw new SluiceError('NOT_FOUND', `no deletion request with id '${id}'`)
  if (current.status === 'confirmed') {
    throw new SluiceError(
      'INVALID_INPUT',
      `deletion request '${id}' was already confirmed at ${current.confirmation?.at}`,
    )
  }
  const digest = createHash('sha256').update(attachment).digest('hex')
  if (digest !== confirmation.sha256 || attachment.length !== confirmation.size) {
    throw new SluiceError('INVALID_INPUT', 'the confirmation does not match its attachment (sha256 or size)')
  }
  const { fileName, ...rest } = confirmation
  return checkedDeletionRequest({
    ...current,
    status: 'confirmed',
    confirmation: { ...rest, ...(fileName === undefined ? {} : { fileName }) },
  })
}

/** A stored body back as a DeletionRequest; INTERNAL when the row was damaged. */
export function parseStoredDeletionRequest(body: string): DeletionRequest {
  try {
    const value = JSON.parse(body) as DeletionRequest
    return checkedDeletionRequest(value)
  } catch (error) {
    throw new SluiceError('INTERNAL', `a stored deletion request does not decode: ${String(error)}`, {
      cause: error,
    })
  }
}
