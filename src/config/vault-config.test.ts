import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseConfig } from './parse-config.ts'

const tenants = `
tenants:
  acme:
    name: Acme
    policy: { preset: kr-enterprise }
`

describe('vault section', () => {
  it('is off by default with 30 days of retention', () => {
    assert.deepEqual(parseConfig(tenants).vault, { enabled: false, retentionDays: 30 })
  })

  it('takes enabled and retentionDays, and refuses a bad retention or an unknown field', () => {
    assert.deepEqual(parseConfig(`${tenants}vault: { enabled: true, retentionDays: 7 }\n`).vault, {
      enabled: true,
      retentionDays: 7,
    })
    assert.throws(() => parseConfig(`${tenants}vault: { retentionDays: 0 }\n`), /retentionDays/)
    assert.throws(() => parseConfig(`${tenants}vault: { keepForever: true }\n`), /keepForever/)
  })
})
