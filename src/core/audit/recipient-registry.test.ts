import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { createRecipientRegistry } from './recipient-registry.ts'

const shipped = JSON.parse(
  readFileSync(new URL('../../../catalog/recipients-registry.json', import.meta.url), 'utf8'),
)

test('the shipped registry is valid, CC0, and knows Volcano Engine by domain and ASN', () => {
  const r = createRecipientRegistry(shipped)
  assert.equal(shipped.licence, 'CC0-1.0')
  assert.equal(
    r.byHost('ark.cn-beijing.volces.com')?.recipient.entity,
    'Beijing Volcano Engine Technology Co., Ltd.',
  )
  assert.equal(r.byHost('ark.cn-beijing.volces.com')?.domain, 'volces.com')
  assert.equal(r.byHost('evilvolces.com'), undefined)
  assert.equal(r.byHost('GATOR.VOLCES.COM.')?.recipient.id, 'volcano-engine')
  assert.equal(r.byAsn(137718)?.country, 'CN')
  for (const d of [
    'volcengine.com',
    'volcengineapi.com',
    'byteplus.com',
    'bytepluses.com',
    'bytedance.com',
    'byteoversea.com',
    'zijieapi.com',
    'snssdk.com',
    'doubao.com',
    'deepseek.com',
    'sentry.io',
    'intercom.io',
    'app-measurement.com',
    'adjust.com',
    'appsflyersdk.com',
  ])
    assert.ok(r.byHost(`x.${d}`), d)
  for (const asn of [137718, 396986, 150436, 138699, 11983]) assert.ok(r.byAsn(asn), `AS${asn}`)
  for (const rec of r.recipients) assert.ok(rec.sources.length > 0)
})

test('duplicates and bad fields are refused', () => {
  const base = { licence: 'CC0-1.0', reviewedAt: '2026-11-24', note: 'n' }
  const rec = {
    id: 'a',
    entity: 'A',
    country: 'US',
    kind: 'cloud',
    domains: ['a.example'],
    asns: [1],
    sources: ['s'],
  }
  assert.throws(
    () => createRecipientRegistry({ ...base, recipients: [rec, { ...rec, id: 'b', asns: [] }] }),
    /a\.example is listed by both a and b/,
  )
  assert.throws(
    () => createRecipientRegistry({ ...base, recipients: [rec, { ...rec, id: 'b', domains: [] }] }),
    /AS1 is listed by both/,
  )
  assert.throws(
    () => createRecipientRegistry({ ...base, recipients: [{ ...rec, country: 'ZZ' }] }),
    /country/,
  )
  assert.throws(() => createRecipientRegistry({ ...base, recipients: [{ ...rec, sources: [] }] }), /sources/)
})
