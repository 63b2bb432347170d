import type { EntityType } from './entity-type.ts'

/**
 * A typed span found in text. Offsets are UTF-16 code units of the ORIGINAL text, end exclusive.
 * `validator` names the check that passed (e.g. 'luhn', 'rrn-checksum'); `subtype` refines the type
 * (e.g. 'business' for a 1588 number, 'private' for 10.0.0.1).
 */
export interface Finding {
  readonly type: EntityType
  readonly start: number
  readonly end: number
  readonly score: number
  readonly subtype?: string
  readonly validator?: string
}
