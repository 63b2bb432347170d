import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseExposition, sampleValue } from '../../../test/support/parse-prometheus-text.ts'
import { createGatewayMetrics, renderMerged, requestDurationBuckets } from './gateway-metrics.ts'
import type { MetricsSnapshot } from './prometheus-registry.ts'

/** What one worker would send the primary over IPC (a JSON round trip). */
const overIpc = (snapshot: MetricsSnapshot): MetricsSnapshot => JSON.parse(JSON.stringify(snapshot))

describe('gateway metrics', () => {
  it('declares every gateway metric with its type', () => {
    const { types } = parseExposition(createGatewayMetrics().render())
    assert.deepEqual(Object.fromEntries(types), {
      sluice_requests_total: 'counter',
      sluice_decisions_total: 'counter',
      sluice_detections_total: 'counter',
      sluice_request_duration_seconds: 'histogram',
      sluice_inspection_duration_seconds: 'histogram',
      sluice_upstream_errors_total: 'counter',
      sluice_ledger_records_total: 'counter',
    })
  })

  it('records a request through held label children and renders it', () => {
    const metrics = createGatewayMetrics()
    const ok = metrics.requests.labels('openai.chat', 'acme', '200')
    ok.inc()
    ok.inc()
    metrics.requests.labels('openai.chat', 'acme', '403').inc()
    metrics.decisions.labels('pseudonymise', 'personal-ids').inc()
    metrics.detections.labels('KR_PHONE').inc(2)
    metrics.requestDuration.labels('openai.chat').observe(0.0004)
    metrics.inspectionDuration.observe(0.00008)
    metrics.upstreamErrors.labels('openai', 'timeout').inc()
    metrics.ledgerRecords.inc(3)
    const { samples } = parseExposition(metrics.render())
    assert.equal(
      sampleValue(samples, 'sluice_requests_total', { api: 'openai.chat', tenant: 'acme', status: '200' }),
      2,
    )
    assert.equal(
      sampleValue(samples, 'sluice_requests_total', { api: 'openai.chat', tenant: 'acme', status: '403' }),
      1,
    )
    assert.equal(
      sampleValue(samples, 'sluice_decisions_total', { action: 'pseudonymise', rule: 'personal-ids' }),
      1,
    )
    assert.equal(sampleValue(samples, 'sluice_detections_total', { type: 'KR_PHONE' }), 2)
    // 0.4 ms lands in the 0.5 ms bucket, not the 0.25 ms one: sub-millisecond overhead is resolved.
    const dur = (le: string) =>
      sampleValue(samples, 'sluice_request_duration_seconds_bucket', { api: 'openai.chat', le })
    assert.equal(dur('0.00025'), 0)
    assert.equal(dur('0.0005'), 1)
    assert.equal(sampleValue(samples, 'sluice_inspection_duration_seconds_bucket', { le: '0.0001' }), 1)
    assert.equal(sampleValue(samples, 'sluice_inspection_duration_seconds_bucket', { le: '0.00005' }), 0)
    assert.equal(
      sampleValue(samples, 'sluice_upstream_errors_total', { upstream: 'openai', kind: 'timeout' }),
      1,
    )
    assert.equal(sampleValue(samples, 'sluice_ledger_records_total'), 3)
  })

  it('has request buckets from a tenth of a millisecond to tens of seconds', () => {
    assert.ok((requestDurationBuckets[0] ?? 1) <= 0.0001)
    assert.ok((requestDurationBuckets.at(-1) ?? 0) >= 30)
  })

  it('sums the snapshots of several workers into one exposition', () => {
    const a = createGatewayMetrics()
    const b = createGatewayMetrics()
    a.requests.labels('openai.chat', 'acme', '200').inc(5)
    b.requests.labels('openai.chat', 'acme', '200').inc(7)
    b.requests.labels('anthropic.messages', 'acme', '200').inc()
    a.requestDuration.labels('openai.chat').observe(0.002)
    b.requestDuration.labels('openai.chat').observe(12)
    a.ledgerRecords.inc(5)
    b.ledgerRecords.inc(8)
    const text = a.renderMerged([overIpc(a.snapshot()), overIpc(b.snapshot())])
    assert.equal(text, renderMerged([a.snapshot(), b.snapshot()]))
    const { samples } = parseExposition(text)
    assert.equal(
      sampleValue(samples, 'sluice_requests_total', { api: 'openai.chat', tenant: 'acme', status: '200' }),
      12,
    )
    assert.equal(
      sampleValue(samples, 'sluice_requests_total', {
        api: 'anthropic.messages',
        tenant: 'acme',
        status: '200',
      }),
      1,
    )
    assert.equal(sampleValue(samples, 'sluice_request_duration_seconds_count', { api: 'openai.chat' }), 2)
    assert.equal(
      sampleValue(samples, 'sluice_request_duration_seconds_bucket', { api: 'openai.chat', le: '0.0025' }),
      1,
    )
    assert.equal(
      sampleValue(samples, 'sluice_request_duration_seconds_bucket', { api: 'openai.chat', le: '10' }),
      1,
    )
    assert.equal(
      sampleValue(samples, 'sluice_request_duration_seconds_bucket', { api: 'openai.chat', le: '20' }),
      2,
    )
    assert.equal(sampleValue(samples, 'sluice_request_duration_seconds_sum', { api: 'openai.chat' }), 12.002)
    assert.equal(sampleValue(samples, 'sluice_ledger_records_total'), 13)
  })
})
