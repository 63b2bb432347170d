import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { CatalogError } from './catalog-error.ts'
import { catalogOverridesSchema, isDomainSuffix, parseCatalog, parseCatalogFile } from './catalog-schema.ts'

const shipped = () =>
  JSON.parse(readFileSync(new URL('../../../catalog/ai-services.json', import.meta.url), 'utf8')) as {
    services: Record<string, unknown>[]
  }

const minimal = (extra: Record<string, unknown> = {}) => ({
  id: 'example-ai',
  name: 'Example AI',
  operator: 'Example Co.',
  operatorCountry: 'KR',
  tier: 'api',
  reviewedAt: '2026-11-01',
  apiDomains: ['api.example.com'],
  sources: ['https://example.com/terms'],
  ...extra,
})
const file = (...services: unknown[]) => ({ reviewedAt: '2026-11-01', source: 'test', services })

function rejects(json: unknown, ...patterns: RegExp[]) {
  assert.throws(
    () => parseCatalog(json),
    (error: unknown) => {
      assert.ok(error instanceof CatalogError)
      for (const pattern of patterns) assert.match(error.message, pattern)
      return true
    },
  )
}

describe('parseCatalog', () => {
  it('accepts the shipped catalog and freezes what it returns', () => {
    const entries = parseCatalog(shipped())
    assert.equal(entries.length, 27)
    const deepseek = entries.find((e) => e.id === 'deepseek')
    assert.ok(deepseek)
    assert.ok(Object.isFrozen(deepseek) && Object.isFrozen(deepseek.recipients[0]))
    assert.throws(() => (deepseek.webDomains as string[]).push('x.example'))
  })

  it('fills what an entry leaves out with "unknown", never with "none"', () => {
    const [entry] = parseCatalog(file(minimal()))
    assert.ok(entry)
    assert.equal(entry.status, 'active')
    assert.deepEqual(entry.training, { promptsByDefault: 'unknown', optOut: null, note: null })
    assert.deepEqual(entry.storage, { countries: [], note: null })
    assert.deepEqual([entry.webDomains, entry.recipients, entry.sharedDomains], [[], [], []])
  })

  it('names the entry id and the field path of each problem', () => {
    const json = shipped()
    const [, , openaiApi, claude] = json.services
    assert.ok(openaiApi && claude)
    ;(openaiApi.webDomains as string[]).push('https://chat.example.com')
    claude.operatorCountry = 'UK'
    rejects(
      json,
      /services\[2\] \(openai-api\)\.webDomains\[1\]: must be a lowercase hostname/,
      /services\[3\] \(anthropic-claude\)\.operatorCountry: must be an assigned ISO 3166-1/,
    )
  })

  it('rejects domains that are not lowercase bare hostnames', () => {
    for (const bad of [
      'API.example.com',
      'api.example.com:443',
      '*.example.com',
      'example.com/',
      'com',
      '10.0.0.1',
    ]) {
      assert.equal(isDomainSuffix(bad), false, bad)
      rejects(file(minimal({ apiDomains: [bad] })), /\(example-ai\)\.apiDomains\[0\]/)
    }
    assert.ok(isDomainSuffix('ark.cn-beijing.volces.com'))
    assert.ok(isDomainSuffix('gemini.google'))
  })

  it('rejects lowercase or unassigned country codes, in recipients and storage too', () => {
    rejects(file(minimal({ operatorCountry: 'kr' })), /operatorCountry/)
    rejects(file(minimal({ storage: { countries: ['EU'] } })), /\(example-ai\)\.storage\.countries\[0\]/)
    const recipient = { name: 'X', country: 'USA', role: 'processor', foundBy: 'vendor', source: 's' }
    rejects(file(minimal({ recipients: [recipient] })), /\(example-ai\)\.recipients\[0\]\.country/)
  })

  it('rejects repeated ids and a domain claimed by two services, naming both', () => {
    rejects(
      file(minimal(), minimal({ apiDomains: ['api.other.com'] })),
      /services\[1\] \(example-ai\)\.id: id example-ai is used twice/,
    )
    rejects(
      file(minimal(), minimal({ id: 'other', webDomains: ['api.example.com'], apiDomains: [] })),
      /services\[1\] \(other\)\.webDomains\[0\]: api\.example\.com is already listed by example-ai/,
    )
    rejects(
      file(minimal({ webDomains: ['api.example.com'] })),
      /apiDomains\[0\]: api\.example\.com is listed twice/,
    )
  })

  it('requires a source, a domain (except for an internal model), a valid date and known keys', () => {
    rejects(file(minimal({ sources: [] })), /\(example-ai\)\.sources: needs at least one source/)
    rejects(file(minimal({ apiDomains: [] })), /\(example-ai\)\.webDomains: needs at least one domain/)
    assert.equal(parseCatalog(file(minimal({ tier: 'internal', apiDomains: [] })))[0]?.tier, 'internal')
    rejects(file(minimal({ reviewedAt: '2026-02-30' })), /reviewedAt: must be an ISO date/)
    rejects(file(minimal({ domains: ['x.com'] })), /\(example-ai\): Unrecognized key: "domains"/)
    rejects(
      file(minimal({ sharedDomains: ['bing.com'] })),
      /sharedDomains\[0\]: bing\.com is not in webDomains/,
    )
    rejects(file(minimal({ id: 'Example AI' })), /services\[0\] \(Example AI\)\.id: must be lowercase/)
  })

  it('reports a missing services list at the file level', () => {
    rejects({ reviewedAt: '2026-11-01', source: 'x' }, /services: /)
    rejects([], /\(root\)/)
  })

  it('keeps the file review date and conventions', () => {
    const parsed = parseCatalogFile(shipped())
    assert.equal(parsed.reviewedAt, '2026-11-01')
    assert.ok(parsed.conventions.length > 0)
  })
})

describe('catalogOverridesSchema', () => {
  it('accepts additions, patches and removals, and rejects an id change in a patch', () => {
    const ok = catalogOverridesSchema.safeParse({
      add: [minimal()],
      override: { deepseek: { status: 'retired', training: { optOut: false } } },
      remove: ['wrtn'],
    })
    assert.ok(ok.success)
    assert.equal(ok.data.add?.[0]?.status, 'active')
    const bad = catalogOverridesSchema.safeParse({ override: { deepseek: { id: 'other' } } })
    assert.ok(!bad.success)
    assert.deepEqual(bad.error.issues[0]?.path, ['override', 'deepseek'])
  })
})

describe('parseCatalog messages', () => {
  it('reports each problem once and caps a long list', () => {
    const bad = { ...minimal({ operatorCountry: 'kr' }) }
    const message = (() => {
      try {
        parseCatalog(file(bad))
      } catch (e) {
        return (e as Error).message
      }
      return ''
    })()
    assert.equal(message.match(/operatorCountry/g)?.length, 1)
    const many = Array.from({ length: 30 }, (_, i) =>
      minimal({ id: `s-${i}`, apiDomains: [`API.s${i}.com`] }),
    )
    rejects(file(...many), /; and 10 more problems$/)
  })
})
