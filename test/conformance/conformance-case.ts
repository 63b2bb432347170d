import type { EntityType } from '../../src/core/detection/entity-type.ts'

/** Where a vector file's cases were transcribed from. */
export interface VectorSource {
  readonly repo: string
  readonly path: string
  readonly commit: string
  readonly licence: string
}

/** A span as [start, end), UTF-16 offsets, end exclusive. */
export type Range = readonly [number, number]

/** What Sluice does instead of the upstream expectation, and why (a deliberate rule, not a bug). */
export interface ExpectedDifference {
  readonly reason: string
  readonly count: number
  readonly spans?: readonly Range[]
}

/**
 * One upstream test case: scanning `text` must yield `count` findings whose type is one of `types`
 * (the upstream entity mapped to ours), at `spans` when upstream states them.
 */
export interface ConformanceCase {
  readonly text: string
  readonly types: readonly EntityType[]
  readonly count: number
  readonly spans?: readonly Range[]
  readonly difference?: ExpectedDifference
}

/** A transcribed upstream test file. */
export interface VectorFile {
  readonly name: string
  readonly source: VectorSource
  readonly cases: readonly ConformanceCase[]
}

/** Case builder for one entity mapping: `t(text, count, spans?)`. */
export function casesOf(types: readonly EntityType[]) {
  return (text: string, count: number, spans?: readonly Range[]): ConformanceCase =>
    spans === undefined ? { text, types, count } : { text, types, count, spans }
}

/** Marks `c` as a documented, deliberate difference: Sluice yields `count` (at `spans`) because of `reason`. */
export function differs(
  c: ConformanceCase,
  reason: string,
  count: number,
  spans?: readonly Range[],
): ConformanceCase {
  return { ...c, difference: spans === undefined ? { reason, count } : { reason, count, spans } }
}
