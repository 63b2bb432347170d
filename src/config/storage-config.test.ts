import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isConfigError } from './config-error.ts'
import { parseConfig } from './parse-config.ts'

const tenants = 'tenants:\n  acme:\n    name: Acme\n    policy: {preset: kr-enterprise}\n'
const problems = (text: string, env: Record<string, string> = {}): string[] => {
  try {
    parseConfig(text, { env })
  } catch (error) {
    if (isConfigError(error)) return [...error.problems]
    throw error
  }
  return []
}

describe('storage config', () => {
  it('defaults to sqlite without a url', () => {
    assert.deepEqual(parseConfig(tenants).storage, { kind: 'sqlite' })
  })

  it('takes postgres with a url, from the file or SLUICE_STORAGE_URL', () => {
    const url = 'postgres://sluice@db.internal:5432/sluice'
    assert.deepEqual(parseConfig(`${tenants}storage: {kind: postgres, url: "${url}"}\n`).storage, {
      kind: 'postgres',
      url,
    })
    assert.deepEqual(parseConfig(tenants, { env: { SLUICE_STORAGE_URL: url } }).storage, {
      kind: 'postgres',
      url,
    })
    // The variable overrides the file's url; a file saying sqlite stays sqlite.
    assert.deepEqual(
      parseConfig(`${tenants}storage: {kind: postgres, url: "postgres://old/db"}\n`, {
        env: { SLUICE_STORAGE_URL: url },
      }).storage,
      { kind: 'postgres', url },
    )
    assert.equal(
      parseConfig(`${tenants}storage: {kind: sqlite}\n`, { env: { SLUICE_STORAGE_URL: url } }).storage.kind,
      'sqlite',
    )
  })

  it('refuses postgres without a url, a url that is not postgres, and unknown fields', () => {
    assert.match(
      problems(`${tenants}storage: {kind: postgres}\n`).join('\n'),
      /storage\.url: postgres storage needs a url/,
    )
    assert.match(
      problems(`${tenants}storage: {kind: postgres, url: "mysql://x/y"}\n`).join('\n'),
      /storage\.url/,
    )
    assert.match(problems(`${tenants}storage: {kind: oracle}\n`).join('\n'), /storage\.kind/)
    assert.match(problems(`${tenants}storage: {kind: sqlite, path: x}\n`).join('\n'), /storage/)
  })
})
