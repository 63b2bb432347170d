import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { CatalogError } from './catalog-error.ts'
import { catalogOverridesSchema, parseCatalog } from './catalog-schema.ts'
import { mergeCatalog } from './merge-catalog.ts'

const builtin = parseCatalog(
  JSON.parse(readFileSync(new URL('../../../catalog/ai-services.json', import.meta.url), 'utf8')),
)
const added = (extra: Record<string, unknown> = {}) => ({
  id: 'in-house-llm',
  name: 'In-house LLM',
  operator: 'Our ministry',
  operatorCountry: 'KR',
  tier: 'internal',
  reviewedAt: '2026-11-20',
  apiDomains: ['llm.ministry.go.kr'],
  sources: ['internal procurement record'],
  ...extra,
})
const fails = (run: () => unknown, pattern: RegExp) =>
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof CatalogError)
    assert.match(e.message, pattern)
    return true
  })

describe('mergeCatalog', () => {
  it('returns the built-in entries unchanged when there is nothing to change', () => {
    assert.deepEqual(mergeCatalog(builtin, {}), builtin)
  })

  it('adds, patches and removes', () => {
    const merged = mergeCatalog(builtin, {
      add: [added()],
      override: {
        wrtn: { training: { optOut: true }, storage: { countries: ['KR'] }, status: 'retired' },
        'openai-api': { apiDomains: ['api.openai.com', 'eu.api.openai.com'] },
      },
      remove: ['lg-exaone'],
    })
    assert.equal(merged.length, builtin.length)
    assert.equal(
      merged.find((e) => e.id === 'lg-exaone'),
      undefined,
    )
    const wrtn = merged.find((e) => e.id === 'wrtn')
    assert.ok(wrtn)
    // training and storage merge one level: the original training facts stay.
    assert.equal(wrtn.training.promptsByDefault, 'yes')
    assert.equal(wrtn.training.optOut, true)
    assert.match(wrtn.training.note ?? '', /performance improvement/)
    assert.deepEqual(wrtn.storage.countries, ['KR'])
    assert.equal(wrtn.status, 'retired')
    assert.deepEqual(merged.find((e) => e.id === 'openai-api')?.apiDomains, [
      'api.openai.com',
      'eu.api.openai.com',
    ])
    const mine = merged.at(-1)
    assert.equal(mine?.id, 'in-house-llm')
    assert.equal(mine?.training.promptsByDefault, 'unknown')
    assert.ok(Object.isFrozen(mine))
    // The built-in entries are not touched.
    assert.equal(builtin.find((e) => e.id === 'wrtn')?.status, 'active')
  })

  it('lets an entry be removed and added again under the same id', () => {
    const merged = mergeCatalog(builtin, {
      remove: ['wrtn'],
      add: [added({ id: 'wrtn', apiDomains: ['wrtn.ai'] })],
    })
    assert.equal(merged.find((e) => e.id === 'wrtn')?.tier, 'internal')
  })

  it('names an unknown id in override or remove, and an added id that exists', () => {
    fails(
      () => mergeCatalog(builtin, { override: { 'chat-gpt': { status: 'retired' } } }),
      /catalog\.override\.chat-gpt: no built-in service/,
    )
    fails(
      () => mergeCatalog(builtin, { remove: ['deep-seek'] }),
      /catalog\.remove: no built-in service has the id deep-seek/,
    )
    fails(
      () => mergeCatalog(builtin, { add: [added({ id: 'deepseek' })] }),
      /catalog\.add\[0\] \(deepseek\): a service with this id already exists/,
    )
    fails(
      () => mergeCatalog(builtin, { remove: ['wrtn'], override: { wrtn: {} } }),
      /catalog\.override\.wrtn: this service is also removed/,
    )
    fails(
      () => mergeCatalog(builtin, { add: [added(), added()] }),
      /catalog\.add\[1\] \(in-house-llm\)\.id: id in-house-llm is used twice/,
    )
  })

  it('validates patches and added entries, naming the field', () => {
    fails(
      () => mergeCatalog(builtin, { override: { wrtn: { tier: 'free' } } }),
      /catalog\.override\.wrtn\.tier: /,
    )
    fails(
      () => mergeCatalog(builtin, { override: { wrtn: { id: 'x' } } }),
      /catalog\.override\.wrtn: Unrecognized key: "id"/,
    )
    fails(
      () => mergeCatalog(builtin, { override: { wrtn: { training: { optOut: 'no' } } } }),
      /catalog\.override\.wrtn\.training\.optOut/,
    )
    fails(
      () => mergeCatalog(builtin, { override: { wrtn: { webDomains: [] } } }),
      /catalog\.override\.wrtn\.webDomains: needs at least one domain/,
    )
    fails(
      () => mergeCatalog(builtin, { add: [added({ operatorCountry: 'Korea' })] }),
      /catalog\.add\[0\] \(in-house-llm\)\.operatorCountry/,
    )
  })

  it('refuses a domain that another service already lists', () => {
    fails(
      () => mergeCatalog(builtin, { add: [added({ apiDomains: ['api.deepseek.com'] })] }),
      /catalog\.add\[0\] \(in-house-llm\)\.apiDomains\[0\]: api\.deepseek\.com is already listed by deepseek/,
    )
    fails(
      () => mergeCatalog(builtin, { override: { wrtn: { webDomains: ['chatgpt.com'] } } }),
      /catalog\.override\.wrtn\.webDomains\[0\]: chatgpt\.com is already listed by openai-chatgpt/,
    )
  })

  it('accepts the configuration section as the config schema parses it', () => {
    const section = catalogOverridesSchema.parse({
      add: [added()],
      override: { deepseek: { status: 'unknown' } },
    })
    const merged = mergeCatalog(builtin, section)
    assert.equal(merged.find((e) => e.id === 'deepseek')?.status, 'unknown')
    assert.equal(merged.length, builtin.length + 1)
  })
})
