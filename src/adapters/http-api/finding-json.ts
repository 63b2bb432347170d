import { categoryOfType } from '../../core/detection/entity-type.ts'
import type { Finding } from '../../core/detection/finding.ts'

/** A finding as the API and the CLI's JSON output show it: with its data category, never the value. */
export function toFindingJson(f: Finding): Record<string, unknown> {
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
