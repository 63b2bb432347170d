import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { createCatalog, recipientCountries } from './catalog.ts'
import { CatalogError } from './catalog-error.ts'
import { parseCatalog } from './catalog-schema.ts'
import { rateService } from './risk-rating.ts'

const entries = parseCatalog(
  JSON.parse(readFileSync(new URL('../../../catalog/ai-services.json', import.meta.url), 'utf8')),
)
const byId = (id: string) => {
  const e = entries.find((x) => x.id === id)
  assert.ok(e, id)
  return e
}

describe('createCatalog', () => {
  const catalog = createCatalog(entries)

  it('finds entries by id and by host', () => {
    assert.equal(catalog.entries.length, 27)
    assert.equal(catalog.byId('deepseek')?.operatorCountry, 'CN')
    assert.equal(catalog.byId('nope'), undefined)
    const m = catalog.matchHost('api.anthropic.com:443')
    assert.equal(m?.entry.id, 'anthropic-api')
    assert.equal(m?.kind, 'api')
  })

  it('computes each rating once, from the home country given', () => {
    const r = catalog.rating('deepseek')
    assert.equal(r?.level, 'critical')
    assert.equal(catalog.rating('deepseek'), r)
    assert.equal(catalog.rating('nope'), undefined)
    const fromUs = createCatalog(entries, { homeCountry: 'US' })
    assert.deepEqual(fromUs.rating('openai-api'), rateService(byId('openai-api'), { homeCountry: 'US' }))
    assert.ok((fromUs.rating('openai-api')?.score ?? 0) < (catalog.rating('openai-api')?.score ?? 0))
  })

  it('refuses two entries with one id', () => {
    assert.throws(() => createCatalog([byId('wrtn'), byId('wrtn')]), CatalogError)
  })
})

describe('recipientCountries', () => {
  it('lists the operator and recipient countries once each, sorted', () => {
    assert.deepEqual(recipientCountries(byId('deepseek')), ['CN', 'US'])
    assert.deepEqual(recipientCountries(byId('kakao-kanana')), ['KR', 'US'])
    assert.deepEqual(recipientCountries(byId('upstage-solar')), ['KR', 'US'])
    assert.deepEqual(recipientCountries(byId('minimax-global')), ['SG'])
  })
})
