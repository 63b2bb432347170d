import type { EntityType } from '../../src/core/detection/entity-type.ts'
import type { SpanScores } from './score-spans.ts'

/** Types with a hard validity rule (checksum, format or parser); DESIGN.md asks F1 >= 0.98 of each. */
export const validatedTypes: readonly EntityType[] = [
  'KR_RRN',
  'KR_FRN',
  'KR_CRN',
  'KR_BRN',
  'CREDIT_CARD',
  'IBAN_CODE',
  'IMEI',
  'KR_DRIVER_LICENSE',
  'PHONE_NUMBER',
  'EMAIL_ADDRESS',
  'IP_ADDRESS',
  'MAC_ADDRESS',
]

/** The F1 target of a type, or undefined for types DESIGN.md sets none for. */
export function targetOf(type: string): number | undefined {
  if ((validatedTypes as readonly string[]).includes(type)) return 0.98
  if (type === 'PERSON') return 0.85
  return undefined
}

/** Micro-F1 target over all types. */
export const microTarget = 0.97

/** One target with its measured value. */
export interface TargetCheck {
  readonly name: string
  readonly target: number
  readonly actual: number
  readonly pass: boolean
}

/**
 * Checks every target. A validated type absent from the scores (no gold and no predictions) counts as
 * F1 0: a corpus that stops exercising a type must not pass silently.
 */
export function checkTargets(scores: SpanScores): TargetCheck[] {
  const checks: TargetCheck[] = []
  for (const type of [...validatedTypes, 'PERSON']) {
    const target = targetOf(type) ?? 0
    const actual = scores.perType.get(type)?.f1 ?? 0
    checks.push({ name: type, target, actual, pass: actual >= target })
  }
  checks.push({
    name: 'micro',
    target: microTarget,
    actual: scores.micro.f1,
    pass: scores.micro.f1 >= microTarget,
  })
  return checks
}
