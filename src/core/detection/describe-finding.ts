import { categoryOfType, type DataCategory } from './entity-type.ts'
import type { Finding } from './finding.ts'

/** A finding as Sluice shows it to people and programs: with its category, score rounded, no value. */
export interface FindingRecord {
  readonly type: Finding['type']
  readonly category: DataCategory
  readonly start: number
  readonly end: number
  readonly score: number
  readonly subtype?: string
  readonly validator?: string
}

/** Describes a finding for output (API bodies, CLI JSON). */
export function describeFinding(f: Finding): FindingRecord {
  return {
    type: f.type,
    category: categoryOfType[f.type],
    start: f.start,
    end: f.end,
    score: Math.round(f.score * 1000) / 1000,
    ...(f.subtype === undefined ? {} : { subtype: f.subtype }),
    ...(f.validator === undefined ? {} : { validator: f.validator }),
  }
}
