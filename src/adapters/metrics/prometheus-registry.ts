// A small Prometheus registry: counters and histograms with labels, rendered in the text exposition
// format 0.0.4. No package: the hot path is one Map walk to a label child (callers may also keep the
// child) and a few number additions; every string is built at scrape time, never per observation.
//
// Snapshots are plain JSON so that node:cluster workers can send theirs to the primary over IPC, where
// `mergeSnapshots` sums them into one exposition.
import { SluiceError } from '../../app/errors.ts'

/** Label values for the label names `N`, in the same order. */
export type LabelValues<N extends readonly string[]> = { [K in keyof N]: string }

/** One counter series in a snapshot. */
export interface CounterSeries {
  labels: string[]
  value: number
}

/** One histogram series in a snapshot; `counts` are per bucket (not cumulative), the last one is +Inf. */
export interface HistogramSeries {
  labels: string[]
  counts: number[]
  sum: number
  count: number
}

/** A counter in a snapshot. */
export interface CounterSnapshot {
  type: 'counter'
  name: string
  help: string
  labelNames: string[]
  series: CounterSeries[]
}

/** A histogram in a snapshot; `buckets` are the finite upper bounds (+Inf is implied). */
export interface HistogramSnapshot {
  type: 'histogram'
  name: string
  help: string
  labelNames: string[]
  buckets: number[]
  series: HistogramSeries[]
}

/** One metric in a snapshot. */
export type MetricSnapshot = CounterSnapshot | HistogramSnapshot

/** Every metric of one registry (one process) at one moment, as plain JSON. */
export interface MetricsSnapshot {
  metrics: MetricSnapshot[]
}

const metricNamePattern = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const labelNamePattern = /^[a-zA-Z_][a-zA-Z0-9_]*$/

const invalid = (message: string): SluiceError => new SluiceError('INVALID_INPUT', message)

/** One labelled series of a counter. */
export class CounterChild {
  value = 0
  /** Adds `amount` (default 1); a counter only goes up. */
  inc(amount = 1): void {
    if (!(amount >= 0)) throw invalid(`a counter cannot change by ${amount}`)
    this.value += amount
  }
}

/** One labelled series of a histogram. */
export class HistogramChild {
  readonly #bounds: Float64Array
  /** Per-bucket counts (not cumulative); the last slot is +Inf. */
  readonly counts: Float64Array
  sum = 0
  count = 0
  constructor(bounds: Float64Array) {
    this.#bounds = bounds
    this.counts = new Float64Array(bounds.length + 1)
  }
  /** Records one observation (seconds, for durations). */
  observe(value: number): void {
    if (Number.isNaN(value)) throw invalid('a histogram cannot observe NaN')
    const bounds = this.#bounds
    // Linear: the lists are short and most observations land in the first few buckets.
    let i = 0
    while (i < bounds.length && value > (bounds[i] as number)) i++
    this.counts[i] = (this.counts[i] as number) + 1
    this.sum += value
    this.count++
  }
}

/** Children of one metric, found by walking one Map per label (no key strings are built). */
class ChildTree<C> {
  readonly #depth: number
  readonly #make: () => C
  readonly #root = new Map<string, unknown>()
  readonly series: { labels: string[]; child: C }[] = []
  constructor(depth: number, make: () => C) {
    this.#depth = depth
    this.#make = make
  }
  get(values: readonly string[], metric: string): C {
    if (values.length !== this.#depth) {
      throw invalid(`${metric} takes ${this.#depth} label values, got ${values.length}`)
    }
    let node = this.#root
    for (let i = 0; i < this.#depth - 1; i++) {
      const value = values[i] as string
      let next = node.get(value) as Map<string, unknown> | undefined
      if (next === undefined) {
        checkLabelValue(value, metric)
        next = new Map()
        node.set(value, next)
      }
      node = next
    }
    const last = this.#depth === 0 ? '' : (values[this.#depth - 1] as string)
    let child = node.get(last) as C | undefined
    if (child === undefined) {
      for (const value of values) checkLabelValue(value, metric)
      child = this.#make()
      node.set(last, child)
      this.series.push({ labels: [...values], child })
    }
    return child
  }
}

function checkLabelValue(value: unknown, metric: string): void {
  if (typeof value !== 'string') throw invalid(`${metric}: label values must be strings, got ${typeof value}`)
}

interface MetricOptions<N extends readonly string[]> {
  name: string
  help: string
  labelNames?: N
}

/** A monotonically increasing count, optionally split by labels. */
export class Counter<N extends readonly string[] = []> {
  readonly name: string
  readonly help: string
  readonly labelNames: N
  readonly #tree: ChildTree<CounterChild>
  constructor(options: MetricOptions<N>) {
    this.name = options.name
    this.help = options.help
    this.labelNames = options.labelNames ?? ([] as unknown as N)
    this.#tree = new ChildTree(this.labelNames.length, () => new CounterChild())
    if (this.labelNames.length === 0) this.#tree.get([], this.name)
  }
  /** The series for these label values (created on first use; keep it to skip the lookup). */
  labels(...values: LabelValues<N>): CounterChild {
    return this.#tree.get(values, this.name)
  }
  /** Adds to the unlabelled series (only for a counter without labels). */
  inc(amount = 1): void {
    this.#tree.get([], this.name).inc(amount)
  }
  /** This counter as plain JSON. */
  snapshot(): CounterSnapshot {
    return {
      type: 'counter',
      name: this.name,
      help: this.help,
      labelNames: [...this.labelNames],
      series: this.#tree.series.map(({ labels, child }) => ({ labels: [...labels], value: child.value })),
    }
  }
}

interface HistogramOptions<N extends readonly string[]> extends MetricOptions<N> {
  /** Finite upper bounds, strictly increasing; +Inf is added. */
  buckets: readonly number[]
}

/** A distribution of observations in fixed buckets, optionally split by labels. */
export class Histogram<N extends readonly string[] = []> {
  readonly name: string
  readonly help: string
  readonly labelNames: N
  readonly buckets: readonly number[]
  readonly #tree: ChildTree<HistogramChild>
  constructor(options: HistogramOptions<N>) {
    this.name = options.name
    this.help = options.help
    this.labelNames = options.labelNames ?? ([] as unknown as N)
    const buckets =
      options.buckets.at(-1) === Number.POSITIVE_INFINITY ? options.buckets.slice(0, -1) : options.buckets
    checkBuckets(this.name, buckets)
    this.buckets = Object.freeze([...buckets])
    const bounds = Float64Array.from(buckets)
    this.#tree = new ChildTree(this.labelNames.length, () => new HistogramChild(bounds))
    if (this.labelNames.length === 0) this.#tree.get([], this.name)
  }
  /** The series for these label values (created on first use; keep it to skip the lookup). */
  labels(...values: LabelValues<N>): HistogramChild {
    return this.#tree.get(values, this.name)
  }
  /** Observes into the unlabelled series (only for a histogram without labels). */
  observe(value: number): void {
    this.#tree.get([], this.name).observe(value)
  }
  /** This histogram as plain JSON. */
  snapshot(): HistogramSnapshot {
    return {
      type: 'histogram',
      name: this.name,
      help: this.help,
      labelNames: [...this.labelNames],
      buckets: [...this.buckets],
      series: this.#tree.series.map(({ labels, child }) => ({
        labels: [...labels],
        counts: Array.from(child.counts),
        sum: child.sum,
        count: child.count,
      })),
    }
  }
}

function checkBuckets(name: string, buckets: readonly number[]): void {
  if (buckets.length === 0) throw invalid(`${name}: a histogram needs at least one finite bucket`)
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i] as number
    if (!Number.isFinite(b)) throw invalid(`${name}: bucket bounds must be finite numbers (+Inf is implied)`)
    if (i > 0 && !(b > (buckets[i - 1] as number))) throw invalid(`${name}: bucket bounds must increase`)
  }
}

function checkNames(name: string, labelNames: readonly string[], histogram: boolean): void {
  if (!metricNamePattern.test(name)) throw invalid(`invalid metric name ${JSON.stringify(name)}`)
  const seen = new Set<string>()
  for (const label of labelNames) {
    if (!labelNamePattern.test(label) || label.startsWith('__')) {
      throw invalid(`${name}: invalid label name ${JSON.stringify(label)}`)
    }
    if (histogram && label === 'le') throw invalid(`${name}: a histogram may not have a label named le`)
    if (seen.has(label)) throw invalid(`${name}: label ${label} given twice`)
    seen.add(label)
  }
}

/** A set of uniquely named metrics that renders as one exposition. */
export class MetricsRegistry {
  readonly #metrics = new Map<string, Counter<readonly string[]> | Histogram<readonly string[]>>()

  /** Registers a counter. */
  counter<const N extends readonly string[] = []>(options: MetricOptions<N>): Counter<N> {
    checkNames(options.name, options.labelNames ?? [], false)
    const counter = new Counter<N>(options)
    this.#add(counter)
    return counter
  }

  /** Registers a histogram. */
  histogram<const N extends readonly string[] = []>(options: HistogramOptions<N>): Histogram<N> {
    checkNames(options.name, options.labelNames ?? [], true)
    const histogram = new Histogram<N>(options)
    this.#add(histogram)
    return histogram
  }

  #add(metric: Counter<readonly string[]> | Histogram<readonly string[]>): void {
    if (this.#metrics.has(metric.name)) throw invalid(`metric ${metric.name} is registered twice`)
    this.#metrics.set(metric.name, metric)
  }

  /** Every metric as plain JSON (safe to send over IPC). */
  snapshot(): MetricsSnapshot {
    return { metrics: [...this.#metrics.values()].map((m) => m.snapshot()) }
  }

  /** The text exposition (format 0.0.4) of this registry alone. */
  render(): string {
    return renderSnapshot(this.snapshot())
  }
}

/** The `Content-Type` of {@link renderSnapshot}'s output. */
export const expositionContentType = 'text/plain; version=0.0.4; charset=utf-8'

/**
 * Sums snapshots of the same metrics (one per worker process) into one. Metrics are matched by name and
 * must agree on type, label names and buckets; series are matched by label values.
 */
export function mergeSnapshots(snapshots: readonly MetricsSnapshot[]): MetricsSnapshot {
  const merged = new Map<string, { metric: MetricSnapshot; index: Map<string, number> }>()
  for (const snapshot of snapshots) {
    checkSnapshot(snapshot)
    for (const metric of snapshot.metrics) {
      let entry = merged.get(metric.name)
      if (entry === undefined) {
        const empty: MetricSnapshot =
          metric.type === 'counter'
            ? { ...metric, labelNames: [...metric.labelNames], series: [] }
            : { ...metric, labelNames: [...metric.labelNames], buckets: [...metric.buckets], series: [] }
        entry = { metric: empty, index: new Map() }
        merged.set(metric.name, entry)
      } else checkSameShape(entry.metric, metric)
      addSeries(entry.metric, metric, entry.index)
    }
  }
  const metrics = [...merged.values()].map(({ metric }) => metric)
  for (const metric of metrics) {
    metric.series.sort((a, b) => compareLabels(a.labels, b.labels))
  }
  return { metrics }
}

function compareLabels(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string
    const y = b[i] as string
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

function checkSameShape(a: MetricSnapshot, b: MetricSnapshot): void {
  const same =
    a.type === b.type &&
    a.labelNames.join('\u0000') === b.labelNames.join('\u0000') &&
    (a.type !== 'histogram' || b.type !== 'histogram' || a.buckets.join(',') === b.buckets.join(','))
  if (!same) throw invalid(`metric ${a.name} differs between snapshots (type, label names or buckets)`)
}

function addSeries(into: MetricSnapshot, from: MetricSnapshot, index: Map<string, number>): void {
  if (into.type === 'counter' && from.type === 'counter') {
    for (const series of from.series) {
      const key = JSON.stringify(series.labels)
      const at = index.get(key)
      const target = at === undefined ? undefined : into.series[at]
      if (target === undefined) {
        index.set(key, into.series.length)
        into.series.push({ labels: [...series.labels], value: series.value })
      } else target.value += series.value
    }
    return
  }
  if (into.type === 'histogram' && from.type === 'histogram') {
    for (const series of from.series) {
      const key = JSON.stringify(series.labels)
      const at = index.get(key)
      const target = at === undefined ? undefined : into.series[at]
      if (target === undefined) {
        index.set(key, into.series.length)
        into.series.push({
          labels: [...series.labels],
          counts: [...series.counts],
          sum: series.sum,
          count: series.count,
        })
      } else {
        for (let i = 0; i < target.counts.length; i++) {
          target.counts[i] = (target.counts[i] as number) + (series.counts[i] as number)
        }
        target.sum += series.sum
        target.count += series.count
      }
    }
  }
}

/** A snapshot that came over IPC is checked before it is trusted to be well formed. */
function checkSnapshot(snapshot: MetricsSnapshot): void {
  if (typeof snapshot !== 'object' || snapshot === null || !Array.isArray(snapshot.metrics)) {
    throw invalid('a metrics snapshot must be an object with a metrics array')
  }
  for (const metric of snapshot.metrics) {
    const name = typeof metric?.name === 'string' ? metric.name : '?'
    if (
      !metricNamePattern.test(name) ||
      typeof metric.help !== 'string' ||
      !Array.isArray(metric.labelNames)
    ) {
      throw invalid(`metrics snapshot: metric ${name} lacks a valid name, help or labelNames`)
    }
    if (metric.type !== 'counter' && metric.type !== 'histogram') {
      throw invalid(
        `metrics snapshot: metric ${name} has unknown type ${String((metric as { type: unknown }).type)}`,
      )
    }
    if (!Array.isArray(metric.series)) throw invalid(`metrics snapshot: metric ${name} lacks series`)
    const width = metric.labelNames.length
    for (const series of metric.series) {
      const labelsOk =
        Array.isArray(series?.labels) &&
        series.labels.length === width &&
        series.labels.every((v) => typeof v === 'string')
      if (!labelsOk) throw invalid(`metrics snapshot: a series of ${name} has wrong label values`)
      if (metric.type === 'counter') {
        if (typeof (series as CounterSeries).value !== 'number') {
          throw invalid(`metrics snapshot: a series of ${name} lacks a numeric value`)
        }
      } else {
        const h = series as HistogramSeries
        const countsOk =
          Array.isArray(h.counts) &&
          h.counts.length === metric.buckets.length + 1 &&
          h.counts.every((c) => typeof c === 'number')
        if (!countsOk || typeof h.sum !== 'number' || typeof h.count !== 'number') {
          throw invalid(`metrics snapshot: a series of ${name} has malformed bucket counts, sum or count`)
        }
      }
    }
  }
}

/** Escapes a label value: backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\\' ? '\\\\' : c === '"' ? '\\"' : '\\n'))
}

/** Escapes HELP text: backslash and line feed. */
function escapeHelp(text: string): string {
  return text.replace(/[\\\n]/g, (c) => (c === '\\' ? '\\\\' : '\\n'))
}

/** A sample value as the format spells it (`+Inf`, `-Inf`, `NaN`, or a Go-parsable float). */
export function formatSampleValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Number.POSITIVE_INFINITY) return '+Inf'
  if (value === Number.NEGATIVE_INFINITY) return '-Inf'
  return String(value)
}

function labelText(names: readonly string[], values: readonly string[], extra?: string): string {
  const parts: string[] = []
  for (let i = 0; i < names.length; i++) parts.push(`${names[i]}="${escapeLabelValue(values[i] as string)}"`)
  if (extra !== undefined) parts.push(extra)
  return parts.length === 0 ? '' : `{${parts.join(',')}}`
}

/** The text exposition (format 0.0.4) of a snapshot, merged or not. */
export function renderSnapshot(snapshot: MetricsSnapshot): string {
  const lines: string[] = []
  for (const metric of snapshot.metrics) {
    lines.push(`# HELP ${metric.name} ${escapeHelp(metric.help)}`)
    lines.push(`# TYPE ${metric.name} ${metric.type}`)
    if (metric.type === 'counter') {
      for (const s of metric.series) {
        lines.push(`${metric.name}${labelText(metric.labelNames, s.labels)} ${formatSampleValue(s.value)}`)
      }
      continue
    }
    for (const s of metric.series) {
      let cumulative = 0
      for (let i = 0; i <= metric.buckets.length; i++) {
        cumulative += s.counts[i] ?? 0
        const le = i < metric.buckets.length ? formatSampleValue(metric.buckets[i] as number) : '+Inf'
        lines.push(
          `${metric.name}_bucket${labelText(metric.labelNames, s.labels, `le="${le}"`)} ${formatSampleValue(cumulative)}`,
        )
      }
      const labels = labelText(metric.labelNames, s.labels)
      lines.push(`${metric.name}_sum${labels} ${formatSampleValue(s.sum)}`)
      lines.push(`${metric.name}_count${labels} ${formatSampleValue(s.count)}`)
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`
}
