import type { TargetCheck } from './eval-targets.ts'
import { targetOf } from './eval-targets.ts'
import type { ErrorExample, Metrics, SpanScores } from './score-spans.ts'

const num = (v: number): string => v.toFixed(3)
const show = (s: string): string => JSON.stringify(s)

/**
 * Picks up to `n` errors of each type and kind, preferring different failure reasons (missed outright,
 * wrong type, partial span) over many of the same.
 */
export function selectErrors(errors: readonly ErrorExample[], n: number): ErrorExample[] {
  const buckets = new Map<string, ErrorExample[]>()
  for (const e of errors) {
    const key = `${e.type}|${e.kind}`
    const list = buckets.get(key) ?? []
    buckets.set(key, list)
    if (list.length >= n * 8) continue
    list.push(e)
  }
  const out: ErrorExample[] = []
  for (const list of buckets.values()) {
    const reason = (e: ErrorExample): string => (e.near ? `${e.near.type}|${e.near.iou >= 0.9}` : 'none')
    const seen = new Set<string>()
    const first = list.filter((e) => {
      if (seen.has(reason(e))) return false
      seen.add(reason(e))
      return true
    })
    out.push(...[...first, ...list.filter((e) => !first.includes(e))].slice(0, n))
  }
  return out.sort((a, b) => a.type.localeCompare(b.type) || a.kind.localeCompare(b.kind))
}

function row(name: string, m: Metrics, target: number | undefined): string {
  const verdict = target === undefined ? '' : `>=${target.toFixed(2)} ${m.f1 >= target ? 'PASS' : 'FAIL'}`
  return [
    name.padEnd(20),
    String(m.support).padStart(7),
    String(m.tp).padStart(6),
    String(m.fp).padStart(6),
    String(m.fn).padStart(6),
    num(m.precision).padStart(9),
    num(m.recall).padStart(8),
    num(m.f1).padStart(7),
    `  ${verdict}`,
  ].join(' ')
}

function describeError(e: ErrorExample): string {
  const where = e.near
    ? e.kind === 'FN'
      ? ` (predicted ${e.near.type} ${show(e.near.value)}, IoU ${num(e.near.iou)})`
      : ` (gold ${e.near.type} ${show(e.near.value)}, IoU ${num(e.near.iou)})`
    : e.kind === 'FN'
      ? ' (nothing predicted there)'
      : ' (no gold span there)'
  return `  ${e.kind} ${e.id} ${show(e.value)}${where}\n      in ${show(e.context)}`
}

/** The human-readable report: the per-type table, micro scores, targets and error examples. */
export function formatEvalReport(
  scores: SpanScores,
  checks: readonly TargetCheck[],
  examples: number,
): string {
  const lines: string[] = []
  lines.push(
    `${'type'.padEnd(20)} ${'support'.padStart(7)} ${'TP'.padStart(6)} ${'FP'.padStart(6)} ${'FN'.padStart(6)} ${'precision'.padStart(9)} ${'recall'.padStart(8)} ${'F1'.padStart(7)}   target`,
  )
  for (const [type, m] of scores.perType) lines.push(row(type, m, targetOf(type)))
  const micro = checks.find((c) => c.name === 'micro')
  lines.push(row('micro', scores.micro, micro?.target))
  lines.push(
    `micro F2 ${num(scores.micro.f2)} (presidio-research's headline metric; vanilla Presidio: P 0.685, R 0.603, F2 0.618 on its English set)`,
  )
  const failed = checks.filter((c) => !c.pass)
  lines.push(
    failed.length === 0
      ? `targets: all ${checks.length} PASS`
      : `targets: ${checks.length - failed.length}/${checks.length} pass; FAIL: ${failed.map((c) => `${c.name} ${num(c.actual)} < ${c.target}`).join(', ')}`,
  )
  const chosen = selectErrors(scores.errors, examples)
  if (chosen.length > 0) {
    lines.push('', `worst errors (up to ${examples} FN and ${examples} FP per type):`)
    let current = ''
    for (const e of chosen) {
      if (e.type !== current) {
        current = e.type
        lines.push(`${e.type}:`)
      }
      lines.push(describeError(e))
    }
  }
  return `${lines.join('\n')}\n`
}
