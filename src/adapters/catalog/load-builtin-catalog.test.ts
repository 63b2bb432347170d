import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { isSluiceError } from '../../app/errors.ts'
import { loadBuiltinCatalog, readCatalogFile } from './load-builtin-catalog.ts'

describe('loadBuiltinCatalog', () => {
  it('loads the shipped catalog: 27 valid services, each with a source and a review date', async () => {
    const entries = await loadBuiltinCatalog()
    assert.equal(entries.length, 27)
    for (const e of entries) {
      assert.ok(e.sources.length >= 1, e.id)
      assert.match(e.reviewedAt, /^2026-\d\d-\d\d$/, e.id)
      for (const r of e.recipients) assert.ok(r.source.length > 0, `${e.id} ${r.name}`)
    }
  })

  it('lists every domain exactly once across the whole catalog', async () => {
    const seen = new Map<string, string>()
    for (const e of await loadBuiltinCatalog())
      for (const d of [...e.webDomains, ...e.apiDomains]) {
        assert.equal(seen.get(d), undefined, `${d} in ${e.id} and ${seen.get(d)}`)
        seen.set(d, e.id)
      }
    assert.ok(seen.size > 100)
  })

  it('keeps the research facts the rules depend on', async () => {
    const entries = await loadBuiltinCatalog()
    const get = (id: string) => entries.find((e) => e.id === id)
    assert.deepEqual(
      get('deepseek')?.recipients.map((r) => [r.country, r.foundBy]),
      [
        ['CN', 'regulator'],
        ['CN', 'regulator'],
        ['CN', 'regulator'],
        ['US', 'regulator'],
      ],
    )
    assert.equal(get('naver-hyperclova-x')?.status, 'unknown')
    assert.match(get('naver-hyperclova-x')?.statusNote ?? '', /2026-04-09/)
    assert.equal(get('openai-api')?.training.promptsByDefault, 'opt-in')
    assert.deepEqual(get('moonshot-kimi-cn')?.storage.countries, ['CN'])
  })
})

describe('readCatalogFile', () => {
  const dir = mkdtemp(join(tmpdir(), 'sluice-catalog-'))
  after(async () => rm(await dir, { recursive: true, force: true }))

  it('names the file and the problem for unreadable, non-JSON and invalid files', async () => {
    const base = await dir
    const missing = join(base, 'missing.json')
    await assert.rejects(readCatalogFile(missing, 'CONFIG_INVALID'), (e: unknown) => {
      assert.ok(isSluiceError(e) && e.code === 'CONFIG_INVALID')
      assert.match(e.message, /missing\.json: cannot read the catalog/)
      return true
    })
    const broken = join(base, 'broken.json')
    await writeFile(broken, '{"services": [')
    await assert.rejects(readCatalogFile(broken, 'INTERNAL'), (e: unknown) => {
      assert.ok(isSluiceError(e) && e.code === 'INTERNAL')
      assert.match(e.message, /broken\.json: the catalog is not valid JSON/)
      return true
    })
    const invalid = join(base, 'invalid.json')
    await writeFile(
      invalid,
      JSON.stringify({ reviewedAt: '2026-11-01', source: 'x', services: [{ id: 'a-b', name: 'A' }] }),
    )
    await assert.rejects(readCatalogFile(invalid, 'CONFIG_INVALID'), (e: unknown) => {
      assert.ok(isSluiceError(e))
      assert.match(e.message, /invalid\.json: invalid catalog: services\[0\] \(a-b\)\.operator: /)
      return true
    })
  })
})
