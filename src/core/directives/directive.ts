// A directive is an order the organisation must carry out on every request at once: a regulator's
// suspension of transfers (PIPA Art. 28-9), a service the organisation blocks, or the deletion of data
// already sent to a recipient (the PIPC's April 2025 DeepSeek findings: destroy the prompts sent to
// Volcano Engine). The shape is checked here so a malformed order can never be stored or applied.

import { z } from 'zod'
import { legalNameOf } from '../transfers/recipient-register.ts'

/** What a directive does. */
export const directiveKinds = ['suspend-transfers', 'block-service', 'delete-data'] as const

/** One of {@link directiveKinds}. */
export type DirectiveKind = (typeof directiveKinds)[number]

/** Whom a directive is about. Every field given must match (a recipient AND a country narrows). */
export interface DirectiveTarget {
  /** Legal name of the recipient (matched without regard to case and spacing). */
  readonly recipient?: string
  /** ISO 3166 alpha-2 country of the recipient. */
  readonly country?: string
  /** Catalog service id. */
  readonly service?: string
}

/** A time range, `from` inclusive and `to` exclusive, both ISO 8601 with a zone. */
export interface TimeRange {
  readonly from: string
  readonly to: string
}

/** One order, as stored and as applied. */
export interface Directive {
  readonly id: string
  readonly kind: DirectiveKind
  readonly target: DirectiveTarget
  /** In effect from this time (ISO 8601 with a zone). */
  readonly from: string
  /** In effect until this time, exclusive; absent = until revoked. */
  readonly until?: string
  /** delete-data: the period of the transfers whose data is to be deleted. */
  readonly range?: TimeRange
  /** The order's reference, e.g. 'PIPC 2025-04 DeepSeek'. */
  readonly orderRef: string
  /** The legal basis, e.g. 'PIPA Art. 28-9'. */
  readonly basis?: string
  /** Who issued it in the organisation (e.g. 'CPO kim'). */
  readonly issuedBy: string
  readonly issuedAt: string
  /** The tenant it binds; absent = every tenant. */
  readonly tenant?: string
  /** When it was revoked; a revoked directive no longer applies from that time. */
  readonly revokedAt?: string
  /** Who revoked it. */
  readonly revokedBy?: string
}

const isoTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/,
    'an ISO 8601 time with a zone, e.g. 2025-04-10T00:00:00Z',
  )
  .refine((s) => !Number.isNaN(Date.parse(s)), 'a real date and time')
const name = z.string().trim().min(1).max(256)

const targetSchema = z
  .object({
    recipient: name.optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 code such as CN')
      .optional(),
    service: name.optional(),
  })
  .strict()

const rangeSchema = z
  .object({ from: isoTime, to: isoTime })
  .strict()
  .refine((r) => Date.parse(r.from) < Date.parse(r.to), 'range.from must be before range.to')

/** The schema of a {@link Directive}; kind-specific rules are in the refinement. */
export const directiveSchema = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, dot, dash or underscore (at most 64)'),
    kind: z.enum(directiveKinds),
    target: targetSchema,
    from: isoTime,
    until: isoTime.optional(),
    range: rangeSchema.optional(),
    orderRef: name,
    basis: name.optional(),
    issuedBy: name,
    issuedAt: isoTime,
    tenant: name.optional(),
    revokedAt: isoTime.optional(),
    revokedBy: name.optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    const issue = (path: string[], message: string) => ctx.addIssue({ code: 'custom', path, message })
    const { recipient, country, service } = d.target
    if (d.until !== undefined && Date.parse(d.until) <= Date.parse(d.from)) {
      issue(['until'], 'until must be after from')
    }
    if (
      d.kind === 'suspend-transfers' &&
      recipient === undefined &&
      country === undefined &&
      service === undefined
    ) {
      issue(['target'], 'suspend-transfers needs a recipient, a country or a service')
    }
    if (d.kind === 'block-service' && service === undefined) {
      issue(['target', 'service'], 'block-service needs the service to block')
    }
    if (d.kind === 'delete-data') {
      if (recipient === undefined) issue(['target', 'recipient'], 'delete-data needs the recipient')
      if (d.range === undefined) issue(['range'], 'delete-data needs the time range of the data')
    } else if (d.range !== undefined) {
      issue(['range'], 'only delete-data takes a range')
    }
    if (d.revokedBy !== undefined && d.revokedAt === undefined)
      issue(['revokedBy'], 'revokedBy needs revokedAt')
  })

/** Why `value` is not a valid {@link Directive} (`"target.service: block-service needs …"`), or undefined. */
export function directiveProblem(value: unknown): string | undefined {
  const result = directiveSchema.safeParse(value)
  if (result.success) return undefined
  const first = result.error.issues[0]
  if (first === undefined) return 'invalid directive'
  const path = first.path.join('.')
  return path === '' ? first.message : `${path}: ${first.message}`
}

/**
 * `value` as a {@link Directive} with its optional fields dropped when undefined (so stored and
 * compared forms are the same), or throws a TypeError naming the problem.
 */
export function toDirective(value: unknown): Directive {
  const result = directiveSchema.safeParse(value)
  if (!result.success) throw new TypeError(`invalid directive: ${directiveProblem(value)}`)
  const d = result.data
  return {
    id: d.id,
    kind: d.kind,
    target: {
      ...(d.target.recipient === undefined ? {} : { recipient: d.target.recipient }),
      ...(d.target.country === undefined ? {} : { country: d.target.country }),
      ...(d.target.service === undefined ? {} : { service: d.target.service }),
    },
    from: d.from,
    ...(d.until === undefined ? {} : { until: d.until }),
    ...(d.range === undefined ? {} : { range: { from: d.range.from, to: d.range.to } }),
    orderRef: d.orderRef,
    ...(d.basis === undefined ? {} : { basis: d.basis }),
    issuedBy: d.issuedBy,
    issuedAt: d.issuedAt,
    ...(d.tenant === undefined ? {} : { tenant: d.tenant }),
    ...(d.revokedAt === undefined ? {} : { revokedAt: d.revokedAt }),
    ...(d.revokedBy === undefined ? {} : { revokedBy: d.revokedBy }),
  }
}

/** Recipient names compare without regard to case, repeated spaces and surrounding space. */
export function sameRecipient(a: string, b: string): boolean {
  // Either side may be a catalog name with notes in brackets; the legal name before them counts too.
  const left = [normaliseName(a), normaliseName(legalNameOf(a))]
  const right = [normaliseName(b), normaliseName(legalNameOf(b))]
  return left.some((name) => right.includes(name))
}

function normaliseName(s: string): string {
  return s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()
}

/** True when `directive` is in force at `time`: begun, not ended, not revoked. */
export function inForce(directive: Directive, time: string): boolean {
  const t = Date.parse(time)
  if (Date.parse(directive.from) > t) return false
  if (directive.until !== undefined && Date.parse(directive.until) <= t) return false
  if (directive.revokedAt !== undefined && Date.parse(directive.revokedAt) <= t) return false
  return true
}
