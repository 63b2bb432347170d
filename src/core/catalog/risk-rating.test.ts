import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { type CatalogEntry, catalogEntrySchema, parseCatalog } from './catalog-schema.ts'
import { levelOf, rateService, riskThresholds, riskWeights } from './risk-rating.ts'

const shipped = parseCatalog(
  JSON.parse(readFileSync(new URL('../../../catalog/ai-services.json', import.meta.url), 'utf8')),
)
const rated = (id: string) => {
  const entry = shipped.find((e) => e.id === id)
  assert.ok(entry, id)
  return rateService(entry)
}

// A Korean API service that states it does not train on prompts and keeps data in Korea: nothing to flag.
const baseline = {
  id: 'kr-api',
  name: 'KR API',
  operator: 'KR Co.',
  operatorCountry: 'KR',
  tier: 'api',
  reviewedAt: '2026-11-01',
  apiDomains: ['api.kr-api.example'],
  training: { promptsByDefault: 'no', optOut: null, note: null },
  storage: { countries: ['KR'], note: null },
  sources: ['https://kr-api.example/terms'],
}
const entry = (changes: Record<string, unknown> = {}): CatalogEntry =>
  catalogEntrySchema.parse({ ...baseline, ...changes })
const codes = (e: CatalogEntry, home?: string) =>
  rateService(e, home === undefined ? {} : { homeCountry: home }).reasons.map((r) => r.code)
const recipient = (country: string, foundBy = 'vendor') => ({
  name: `Recipient in ${country} (detail)`,
  country,
  role: 'processor',
  foundBy,
  source: 'https://example.com',
})

describe('rateService on the shipped catalog', () => {
  it('rates DeepSeek critical, for the reasons the PIPC found', () => {
    const r = rated('deepseek')
    assert.equal(r.level, 'critical')
    for (const code of [
      'operator-country-of-concern',
      'recipient-country-of-concern',
      'recipient-found-by-regulator',
      'trains-on-prompts-by-default',
      'storage-country-of-concern',
    ])
      assert.ok(
        r.reasons.some((x) => x.code === code),
        code,
      )
    const regulator = r.reasons.find((x) => x.code === 'recipient-found-by-regulator')
    assert.match(regulator?.en ?? '', /Beijing DeepSeek, Volcano Engine, Shumei Technology, Intercom\.$/)
  })

  it('rates the OpenAI API lower than ChatGPT, and DeepSeek above every other service', () => {
    assert.ok(rated('openai-api').score < rated('openai-chatgpt').score)
    assert.ok(rated('anthropic-api').score < rated('anthropic-claude').score)
    const deepseek = rated('deepseek').score
    for (const e of shipped) if (e.id !== 'deepseek') assert.ok(rateService(e).score < deepseek, e.id)
  })

  it('rates a mainland-China entry above its international counterpart', () => {
    assert.ok(rated('moonshot-kimi-cn').score > rated('moonshot-kimi-global').score)
    assert.ok(rated('zhipu-bigmodel-cn').score > rated('zai-glm-global').score)
    assert.ok(rated('minimax-cn').score > rated('minimax-global').score)
  })

  it('gives every reason a score contribution and text in both languages', () => {
    for (const e of shipped) {
      const r = rateService(e)
      assert.equal(
        r.score,
        r.reasons.reduce((s, x) => s + x.points, 0),
        e.id,
      )
      for (const x of r.reasons) assert.ok(x.en.length > 0 && /[가-힣]/.test(x.ko), `${e.id} ${x.code}`)
      assert.deepEqual(rateService(e), r)
    }
  })
})

describe('rateService attributes', () => {
  it('gives a Korean API service without training the lowest possible rating', () => {
    const r = rateService(entry())
    assert.deepEqual(r, { level: 'low', score: 0, reasons: [] })
    for (const e of shipped) assert.ok(rateService(e).score > r.score, e.id)
  })

  it('adds each attribute with its documented weight', () => {
    const cases: [Record<string, unknown>, string[], number][] = [
      [{ operatorCountry: 'US' }, ['operator-abroad'], riskWeights.operatorAbroad],
      [
        { operatorCountry: 'CN' },
        ['operator-abroad', 'operator-country-of-concern'],
        riskWeights.operatorAbroad + riskWeights.operatorCountryOfConcern,
      ],
      [{ recipients: [recipient('KR')] }, [], 0],
      [{ recipients: [recipient('US')] }, ['recipient-abroad'], riskWeights.recipientAbroad],
      [
        { recipients: [recipient('CN'), recipient('US')] },
        ['recipient-abroad', 'recipient-country-of-concern'],
        riskWeights.recipientAbroad + riskWeights.recipientCountryOfConcern,
      ],
      [
        { recipients: [recipient('KR', 'regulator')] },
        ['recipient-found-by-regulator'],
        riskWeights.recipientFoundByRegulator,
      ],
      [
        { training: { promptsByDefault: 'yes', optOut: true } },
        ['trains-on-prompts-by-default'],
        riskWeights.trainsOnPromptsByDefault,
      ],
      [
        { training: { promptsByDefault: 'yes', optOut: false } },
        ['trains-on-prompts-by-default', 'no-training-opt-out'],
        riskWeights.trainsOnPromptsByDefault + riskWeights.noTrainingOptOut,
      ],
      [{ training: { promptsByDefault: 'opt-in' } }, [], 0],
      [{ training: { promptsByDefault: 'unknown' } }, ['training-unknown'], riskWeights.trainingUnknown],
      [{ storage: { countries: [] } }, ['storage-unknown'], riskWeights.storageUnknown],
      [{ storage: { countries: ['KR', 'JP'] } }, ['storage-abroad'], riskWeights.storageAbroad],
      [
        { storage: { countries: ['CN'] } },
        ['storage-abroad', 'storage-country-of-concern'],
        riskWeights.storageAbroad + riskWeights.storageCountryOfConcern,
      ],
      [{ status: 'retired' }, ['status-retired'], riskWeights.statusRetired],
      [{ status: 'unknown' }, ['status-unknown'], riskWeights.statusUnknown],
      [{ tier: 'consumer' }, ['consumer-tier'], riskWeights.consumerTier],
      [{ tier: 'mixed' }, ['includes-consumer-tier'], riskWeights.includesConsumerTier],
      [{ tier: 'enterprise' }, [], 0],
      [{ tier: 'internal' }, [], 0],
    ]
    for (const [changes, expected, points] of cases) {
      const r = rateService(entry(changes))
      assert.deepEqual(
        r.reasons.map((x) => x.code),
        expected,
        JSON.stringify(changes),
      )
      assert.equal(r.score, points, JSON.stringify(changes))
    }
  })

  it('judges "abroad" from the home country given', () => {
    const us = entry({ operatorCountry: 'US', storage: { countries: ['US'] } })
    assert.deepEqual(codes(us), ['operator-abroad', 'storage-abroad'])
    assert.deepEqual(codes(us, 'US'), [])
    const kr = entry()
    assert.deepEqual(codes(kr, 'US'), ['operator-abroad', 'storage-abroad'])
    // A country of concern at home is not "of concern" from there.
    assert.deepEqual(codes(entry({ operatorCountry: 'CN', storage: { countries: ['CN'] } }), 'CN'), [])
  })

  it('takes the countries of concern from the options', () => {
    const ru = entry({ operatorCountry: 'RU' })
    assert.deepEqual(codes(ru), ['operator-abroad'])
    assert.deepEqual(
      rateService(ru, { countriesOfConcern: ['RU'] }).reasons.map((r) => r.code),
      ['operator-abroad', 'operator-country-of-concern'],
    )
  })

  it('maps scores to levels at the documented thresholds', () => {
    assert.equal(levelOf(0), 'low')
    assert.equal(levelOf(riskThresholds.medium - 1), 'low')
    assert.equal(levelOf(riskThresholds.medium), 'medium')
    assert.equal(levelOf(riskThresholds.high - 1), 'medium')
    assert.equal(levelOf(riskThresholds.high), 'high')
    assert.equal(levelOf(riskThresholds.critical - 1), 'high')
    assert.equal(levelOf(riskThresholds.critical), 'critical')
  })
})
