import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { CatalogError } from './catalog-error.ts'
import { type CatalogEntry, catalogEntrySchema, parseCatalog } from './catalog-schema.ts'
import { createDomainIndex, normalizeHost } from './domain-index.ts'

const shipped = parseCatalog(
  JSON.parse(readFileSync(new URL('../../../catalog/ai-services.json', import.meta.url), 'utf8')),
)
const index = createDomainIndex(shipped)
const found = (host: string) => {
  const m = index.match(host)
  return m === undefined ? undefined : `${m.entry.id} ${m.kind} ${m.domain}`
}
const entry = (id: string, web: string[], api: string[] = []): CatalogEntry =>
  catalogEntrySchema.parse({
    id,
    name: id,
    operator: id,
    operatorCountry: 'US',
    tier: 'api',
    reviewedAt: '2026-11-01',
    webDomains: web,
    apiDomains: api,
    sources: ['s'],
  })

describe('createDomainIndex', () => {
  it('matches a listed suffix on a label boundary only', () => {
    assert.equal(found('ark.cn-beijing.volces.com'), 'volcengine-ark api ark.cn-beijing.volces.com')
    assert.equal(found('maas.cn-shanghai.volces.com'), 'volcengine-ark api volces.com')
    assert.equal(found('volces.com'), 'volcengine-ark api volces.com')
    assert.equal(found('evilvolces.com'), undefined)
    assert.equal(found('volces.com.evil.example'), undefined)
    assert.equal(found('com'), undefined)
  })

  it('lets the longest listed suffix win across services', () => {
    assert.equal(found('api.deepseek.com'), 'deepseek api api.deepseek.com')
    assert.equal(found('chat.deepseek.com'), 'deepseek web chat.deepseek.com')
    assert.equal(found('cdn.deepseek.com'), 'deepseek web deepseek.com')
    assert.equal(found('api.openai.com'), 'openai-api api api.openai.com')
    assert.equal(found('platform.openai.com'), 'openai-api web platform.openai.com')
    assert.equal(found('cdn.openai.com'), 'openai-chatgpt web openai.com')
    assert.equal(found('dashscope.aliyuncs.com'), 'alibaba-tongyi-cn api dashscope.aliyuncs.com')
    assert.equal(
      found('cn-hongkong.dashscope.aliyuncs.com'),
      'alibaba-qwen-intl api cn-hongkong.dashscope.aliyuncs.com',
    )
    assert.equal(
      found('ws-123.ap-southeast-1.maas.aliyuncs.com'),
      'alibaba-qwen-intl api ap-southeast-1.maas.aliyuncs.com',
    )
    assert.equal(found('oss.aliyuncs.com'), undefined)
  })

  it('ignores case, a trailing dot and a port', () => {
    assert.equal(found('API.DeepSeek.COM'), 'deepseek api api.deepseek.com')
    assert.equal(found('api.deepseek.com.'), 'deepseek api api.deepseek.com')
    assert.equal(found('api.deepseek.com:443'), 'deepseek api api.deepseek.com')
    assert.equal(found('Chat.DeepSeek.com.:8443'), 'deepseek web chat.deepseek.com')
  })

  it('matches nothing for IP literals and malformed hosts', () => {
    for (const host of ['', '[::1]:443', '::1', '203.0.113.5', 'api.deepseek.com:https', 'a'.repeat(400)])
      assert.equal(index.match(host), undefined, host)
  })

  it('marks domains that also carry non-AI content', () => {
    assert.equal(index.match('www.bing.com')?.shared, true)
    assert.equal(index.match('copilot.microsoft.com')?.shared, false)
  })

  it('refuses a domain listed by two services, naming both', () => {
    assert.throws(
      () => createDomainIndex([entry('one', ['a.example']), entry('two', [], ['a.example'])]),
      (e: unknown) =>
        e instanceof CatalogError &&
        /a\.example is listed by both one \(web\) and two \(api\)/.test(e.message),
    )
  })

  it('looks up by label, whatever the size of the catalog', () => {
    // 20,000 services; a host with many labels still resolves to the longest suffix.
    const many = Array.from({ length: 20_000 }, (_, i) => entry(`svc-${i}`, [`svc-${i}.example`]))
    const big = createDomainIndex([...many, entry('deep', [], ['x.svc-7.example'])])
    assert.equal(big.match('a.b.c.x.svc-7.example')?.entry.id, 'deep')
    assert.equal(big.match('a.b.c.y.svc-7.example')?.entry.id, 'svc-7')
    assert.equal(big.match('svc-20000.example'), undefined)
  })
})

describe('normalizeHost', () => {
  it('returns the bare lowercase name', () => {
    assert.equal(normalizeHost(' Example.COM.:80 '), 'example.com')
    assert.equal(normalizeHost('example.com:99999'), undefined)
    assert.equal(normalizeHost('.'), undefined)
  })
})
