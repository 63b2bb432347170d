import { entityTypes } from './entity-type.ts'
import type { Finding } from './finding.ts'

// Earlier in entityTypes wins a full tie: validated national identifiers before generic shapes.
const priority = new Map(entityTypes.map((t, i) => [t, i]))

function compareRank(a: Finding, b: Finding): number {
  if (a.score !== b.score) return b.score - a.score
  const length = b.end - b.start - (a.end - a.start)
  if (length !== 0) return length
  const byType = (priority.get(a.type) ?? 0) - (priority.get(b.type) ?? 0)
  return byType !== 0 ? byType : a.start - b.start
}

const byStartThenEnd = (a: Finding, b: Finding): number => a.start - b.start || a.end - b.end

// A prompt yields a handful of findings in a few already-ordered runs (one per detector): an
// insertion sort orders them several times faster than Array#sort with a comparator. Stable, like
// Array#sort, so ties keep detector order; long lists go to Array#sort.
function sorted(findings: readonly Finding[], compare: (a: Finding, b: Finding) => number): Finding[] {
  if (findings.length > 48) return [...findings].sort(compare)
  const out: Finding[] = []
  for (const f of findings) {
    let i = out.length
    while (i > 0 && compare(out[i - 1] as Finding, f) > 0) {
      out[i] = out[i - 1] as Finding
      i--
    }
    out[i] = f
  }
  return out
}

/**
 * Keeps a set of non-overlapping findings, deterministically: a higher score wins, then the longer
 * span, then the type listed first in `entityTypes`, then the earlier start. Output is sorted by start.
 */
export function resolveOverlaps(findings: readonly Finding[]): Finding[] {
  if (findings.length < 2) return [...findings]
  const byStart = sorted(findings, byStartThenEnd)
  // Most texts have no overlapping findings at all: then start order is the answer.
  let disjoint = true
  for (let i = 1; i < byStart.length && disjoint; i++) {
    disjoint = (byStart[i] as Finding).start >= (byStart[i - 1] as Finding).end
  }
  if (disjoint) return byStart
  const ranked = sorted(findings, compareRank)
  const kept: Finding[] = [] // sorted by start, pairwise disjoint
  for (const f of ranked) {
    let lo = 0
    let hi = kept.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((kept[mid] as Finding).start < f.start) lo = mid + 1
      else hi = mid
    }
    const prev = kept[lo - 1]
    const next = kept[lo]
    if (prev && prev.end > f.start) continue
    if (next && next.start < f.end) continue
    kept.splice(lo, 0, f)
  }
  return kept
}
