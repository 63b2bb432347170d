import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseExposition, sampleValue } from '../../../test/support/parse-prometheus-text.ts'
import { isSluiceError } from '../../app/errors.ts'
import {
  escapeLabelValue,
  MetricsRegistry,
  type MetricsSnapshot,
  mergeSnapshots,
  renderSnapshot,
} from './prometheus-registry.ts'

const isInvalidInput = (error: unknown): boolean => isSluiceError(error) && error.code === 'INVALID_INPUT'

describe('prometheus registry: counters', () => {
  it('renders HELP, TYPE and one line per label set', () => {
    const registry = new MetricsRegistry()
    const hits = registry.counter({ name: 'x_hits_total', help: 'Hits.', labelNames: ['route', 'code'] })
    hits.labels('/a', '200').inc()
    hits.labels('/a', '200').inc(2)
    hits.labels('/b', '500').inc()
    const { samples, help, types } = parseExposition(registry.render())
    assert.equal(help.get('x_hits_total'), 'Hits.')
    assert.equal(types.get('x_hits_total'), 'counter')
    assert.equal(sampleValue(samples, 'x_hits_total', { route: '/a', code: '200' }), 3)
    assert.equal(sampleValue(samples, 'x_hits_total', { route: '/b', code: '500' }), 1)
    assert.equal(samples.length, 2)
  })

  it('returns the same child for the same label values, so callers can keep it', () => {
    const registry = new MetricsRegistry()
    const c = registry.counter({ name: 'c_total', help: 'c', labelNames: ['a', 'b'] })
    assert.equal(c.labels('x', 'y'), c.labels('x', 'y'))
    assert.notEqual(c.labels('x', 'y'), c.labels('x', 'z'))
  })

  it('shows an unlabelled counter at 0 before anything happens', () => {
    const registry = new MetricsRegistry()
    const c = registry.counter({ name: 'idle_total', help: 'Idle.' })
    assert.equal(sampleValue(parseExposition(registry.render()).samples, 'idle_total'), 0)
    c.inc()
    assert.equal(sampleValue(parseExposition(registry.render()).samples, 'idle_total'), 1)
  })

  it('escapes label values and HELP text', () => {
    const registry = new MetricsRegistry()
    const c = registry.counter({ name: 'esc_total', help: 'back\\slash\nnewline', labelNames: ['v'] })
    const nasty = 'a"b\\c\nd'
    c.labels(nasty).inc()
    const text = registry.render()
    assert.ok(text.includes('esc_total{v="a\\"b\\\\c\\nd"} 1'), text)
    assert.ok(text.includes('# HELP esc_total back\\\\slash\\nnewline\n'), text)
    assert.equal(sampleValue(parseExposition(text).samples, 'esc_total', { v: nasty }), 1)
    assert.equal(escapeLabelValue('plain'), 'plain')
  })

  it('refuses a wrong number of label values, non-strings, negative increments and bad names', () => {
    const registry = new MetricsRegistry()
    const c = registry.counter({ name: 'r_total', help: 'r', labelNames: ['a', 'b'] })
    assert.throws(() => (c.labels as (...v: string[]) => unknown)('only-one'), isInvalidInput)
    assert.throws(() => (c.labels as (...v: unknown[]) => unknown)('x', 200), isInvalidInput)
    assert.throws(() => c.labels('x', 'y').inc(-1), isInvalidInput)
    assert.throws(() => c.labels('x', 'y').inc(Number.NaN), isInvalidInput)
    assert.throws(() => registry.counter({ name: 'r_total', help: 'again' }), isInvalidInput)
    assert.throws(() => registry.counter({ name: '1bad', help: 'x' }), isInvalidInput)
    assert.throws(
      () => registry.counter({ name: 'ok_total', help: 'x', labelNames: ['__reserved'] }),
      isInvalidInput,
    )
    assert.throws(
      () => registry.counter({ name: 'ok2_total', help: 'x', labelNames: ['a', 'a'] }),
      isInvalidInput,
    )
    // The failed calls created no series.
    assert.equal(parseExposition(registry.render()).samples.length, 1)
  })
})

describe('prometheus registry: histograms', () => {
  it('renders cumulative buckets with le (inclusive upper bounds), +Inf, _sum and _count', () => {
    const registry = new MetricsRegistry()
    const h = registry.histogram({
      name: 'lat_seconds',
      help: 'Latency.',
      labelNames: ['api'],
      buckets: [0.001, 0.01, 1],
    })
    const chat = h.labels('chat')
    for (const v of [0.0005, 0.001, 0.005, 0.5, 3]) chat.observe(v)
    const { samples, types } = parseExposition(registry.render())
    assert.equal(types.get('lat_seconds'), 'histogram')
    const bucket = (le: string) => sampleValue(samples, 'lat_seconds_bucket', { api: 'chat', le })
    assert.equal(bucket('0.001'), 2)
    assert.equal(bucket('0.01'), 3)
    assert.equal(bucket('1'), 4)
    assert.equal(bucket('+Inf'), 5)
    assert.equal(sampleValue(samples, 'lat_seconds_count', { api: 'chat' }), 5)
    assert.ok(Math.abs(sampleValue(samples, 'lat_seconds_sum', { api: 'chat' }) - 3.5065) < 1e-12)
  })

  it('accepts a trailing Infinity bound and refuses bad buckets, NaN and an le label', () => {
    const registry = new MetricsRegistry()
    const h = registry.histogram({ name: 'h_seconds', help: 'h', buckets: [1, 2, Number.POSITIVE_INFINITY] })
    assert.deepEqual(h.buckets, [1, 2])
    h.observe(5)
    assert.equal(
      sampleValue(parseExposition(registry.render()).samples, 'h_seconds_bucket', { le: '+Inf' }),
      1,
    )
    assert.throws(() => h.observe(Number.NaN), isInvalidInput)
    assert.throws(() => registry.histogram({ name: 'a_seconds', help: 'a', buckets: [] }), isInvalidInput)
    assert.throws(() => registry.histogram({ name: 'b_seconds', help: 'b', buckets: [2, 1] }), isInvalidInput)
    assert.throws(() => registry.histogram({ name: 'c_seconds', help: 'c', buckets: [1, 1] }), isInvalidInput)
    assert.throws(
      () => registry.histogram({ name: 'd_seconds', help: 'd', labelNames: ['le'], buckets: [1] }),
      isInvalidInput,
    )
  })
})

describe('prometheus registry: snapshots and merging', () => {
  const build = (requests: number, latencies: number[], extraRoute?: string): MetricsSnapshot => {
    const registry = new MetricsRegistry()
    const c = registry.counter({ name: 'req_total', help: 'Requests.', labelNames: ['route'] })
    c.labels('/chat').inc(requests)
    if (extraRoute !== undefined) c.labels(extraRoute).inc()
    const h = registry.histogram({ name: 'dur_seconds', help: 'Duration.', buckets: [0.01, 0.1] })
    for (const v of latencies) h.observe(v)
    // Snapshots travel over IPC as JSON.
    return JSON.parse(JSON.stringify(registry.snapshot())) as MetricsSnapshot
  }

  it('sums counters and histograms of two workers and keeps series only one of them has', () => {
    const merged = renderSnapshot(mergeSnapshots([build(3, [0.005, 0.05]), build(4, [0.5], '/embed')]))
    const { samples } = parseExposition(merged)
    assert.equal(sampleValue(samples, 'req_total', { route: '/chat' }), 7)
    assert.equal(sampleValue(samples, 'req_total', { route: '/embed' }), 1)
    assert.equal(sampleValue(samples, 'dur_seconds_bucket', { le: '0.01' }), 1)
    assert.equal(sampleValue(samples, 'dur_seconds_bucket', { le: '0.1' }), 2)
    assert.equal(sampleValue(samples, 'dur_seconds_bucket', { le: '+Inf' }), 3)
    assert.equal(sampleValue(samples, 'dur_seconds_count'), 3)
    assert.ok(Math.abs(sampleValue(samples, 'dur_seconds_sum') - 0.555) < 1e-12)
    // HELP/TYPE appear once per metric, not once per worker.
    assert.equal(merged.match(/# TYPE req_total /g)?.length, 1)
  })

  it('leaves the inputs untouched', () => {
    const a = build(1, [0.001])
    const before = JSON.stringify(a)
    mergeSnapshots([a, build(2, [0.002])])
    assert.equal(JSON.stringify(a), before)
  })

  it('refuses snapshots that disagree on a metric or are malformed', () => {
    const registry = new MetricsRegistry()
    registry.histogram({ name: 'dur_seconds', help: 'Duration.', buckets: [0.01, 1] })
    assert.throws(() => mergeSnapshots([build(1, []), registry.snapshot()]), isInvalidInput)
    assert.throws(() => mergeSnapshots([{ metrics: 'nope' } as unknown as MetricsSnapshot]), isInvalidInput)
    const broken = build(1, [0.5])
    const histogram = broken.metrics[1]
    assert.ok(histogram?.type === 'histogram')
    histogram.series[0]?.counts.pop()
    assert.throws(() => mergeSnapshots([broken]), isInvalidInput)
  })

  it('renders nothing for no snapshots', () => {
    assert.equal(renderSnapshot(mergeSnapshots([])), '')
  })
})
