// Span-level scoring in the manner of presidio-research's SpanEvaluator (research §1.6).
//
// Matching rule: a predicted span is a true positive when it has the SAME entity type as a gold span
// and their character intersection-over-union is >= the threshold (default 0.9, Presidio's default).
// Each gold span and each prediction is used at most once; pairs are taken greedily by highest IoU.
// Every unmatched prediction is a false positive of its type; every unmatched gold span a false
// negative of its type. A prediction on the right text with the wrong type therefore costs one FP
// and one FN; error examples say so ("as PHONE_NUMBER"), so detector authors can tell the cases apart.

/** A typed span, UTF-16 offsets, end exclusive. */
export interface TypedSpan {
  readonly type: string
  readonly start: number
  readonly end: number
}

/** One text with its gold and predicted spans. */
export interface ScoredText {
  readonly id: string
  readonly text: string
  readonly gold: readonly TypedSpan[]
  readonly predicted: readonly TypedSpan[]
}

/** Counts and rates for one type, or for all types together (micro). */
export interface Metrics {
  readonly tp: number
  readonly fp: number
  readonly fn: number
  readonly support: number
  readonly precision: number
  readonly recall: number
  readonly f1: number
  readonly f2: number
}

/** One false negative or false positive, with the text it is about. */
export interface ErrorExample {
  readonly kind: 'FN' | 'FP'
  readonly id: string
  readonly type: string
  readonly value: string
  readonly context: string
  /** What the other side had there: a prediction for an FN, a gold span for an FP. */
  readonly near?: { readonly type: string; readonly value: string; readonly iou: number }
}

/** Scores of a whole corpus. */
export interface SpanScores {
  readonly perType: ReadonlyMap<string, Metrics>
  readonly micro: Metrics
  readonly errors: readonly ErrorExample[]
}

/** Default IoU threshold for a match. */
export const defaultIouThreshold = 0.9

/** Character intersection-over-union of two spans (0 when disjoint). */
export function iou(a: TypedSpan, b: TypedSpan): number {
  const inter = Math.min(a.end, b.end) - Math.max(a.start, b.start)
  if (inter <= 0) return 0
  return inter / (Math.max(a.end, b.end) - Math.min(a.start, b.start))
}

/** Pairs gold and predicted spans of the same type with IoU >= threshold, greedily by IoU. */
export function matchSpans(
  gold: readonly TypedSpan[],
  predicted: readonly TypedSpan[],
  threshold = defaultIouThreshold,
): { matched: [number, number][]; missed: number[]; spurious: number[] } {
  const candidates: [number, number, number][] = []
  gold.forEach((g, gi) => {
    predicted.forEach((p, pi) => {
      if (g.type !== p.type) return
      const v = iou(g, p)
      if (v >= threshold) candidates.push([v, gi, pi])
    })
  })
  candidates.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2])
  const usedGold = new Set<number>()
  const usedPred = new Set<number>()
  const matched: [number, number][] = []
  for (const [, gi, pi] of candidates) {
    if (usedGold.has(gi) || usedPred.has(pi)) continue
    usedGold.add(gi)
    usedPred.add(pi)
    matched.push([gi, pi])
  }
  return {
    matched,
    missed: gold.map((_, i) => i).filter((i) => !usedGold.has(i)),
    spurious: predicted.map((_, i) => i).filter((i) => !usedPred.has(i)),
  }
}

const fBeta = (p: number, r: number, beta: number): number =>
  p + r === 0 ? 0 : ((1 + beta * beta) * p * r) / (beta * beta * p + r)

/** Precision, recall, F1 and F2 from counts. No predictions and no gold counts as perfect. */
export function metricsOf(tp: number, fp: number, fn: number): Metrics {
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp)
  const recall = tp + fn === 0 ? (fp === 0 ? 1 : 0) : tp / (tp + fn)
  return {
    tp,
    fp,
    fn,
    support: tp + fn,
    precision,
    recall,
    f1: fBeta(precision, recall, 1),
    f2: fBeta(precision, recall, 2),
  }
}

function nearest(span: TypedSpan, others: readonly TypedSpan[]): TypedSpan | undefined {
  let best: TypedSpan | undefined
  let bestIou = 0
  for (const o of others) {
    const v = iou(span, o)
    if (v > bestIou) {
      bestIou = v
      best = o
    }
  }
  return best
}

function describe(
  kind: 'FN' | 'FP',
  t: ScoredText,
  span: TypedSpan,
  others: readonly TypedSpan[],
): ErrorExample {
  const value = t.text.slice(span.start, span.end)
  const context = t.text.slice(Math.max(0, span.start - 24), Math.min(t.text.length, span.end + 24))
  const near = nearest(span, others)
  const base = { kind, id: t.id, type: span.type, value, context }
  if (!near) return base
  return {
    ...base,
    near: { type: near.type, value: t.text.slice(near.start, near.end), iou: iou(span, near) },
  }
}

/** Scores every text and sums per type and overall (micro). */
export function scoreSpans(texts: readonly ScoredText[], threshold = defaultIouThreshold): SpanScores {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>()
  const bump = (type: string, key: 'tp' | 'fp' | 'fn'): void => {
    const c = counts.get(type) ?? { tp: 0, fp: 0, fn: 0 }
    c[key]++
    counts.set(type, c)
  }
  const errors: ErrorExample[] = []
  for (const t of texts) {
    const { matched, missed, spurious } = matchSpans(t.gold, t.predicted, threshold)
    for (const [gi] of matched) bump((t.gold[gi] as TypedSpan).type, 'tp')
    for (const gi of missed) {
      const g = t.gold[gi] as TypedSpan
      bump(g.type, 'fn')
      errors.push(describe('FN', t, g, t.predicted))
    }
    for (const pi of spurious) {
      const p = t.predicted[pi] as TypedSpan
      bump(p.type, 'fp')
      errors.push(describe('FP', t, p, t.gold))
    }
  }
  const perType = new Map<string, Metrics>()
  let tp = 0
  let fp = 0
  let fn = 0
  for (const [type, c] of [...counts].sort((a, b) => a[0].localeCompare(b[0]))) {
    perType.set(type, metricsOf(c.tp, c.fp, c.fn))
    tp += c.tp
    fp += c.fp
    fn += c.fn
  }
  return { perType, micro: metricsOf(tp, fp, fn), errors }
}
