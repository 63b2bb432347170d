import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { selectTypes } from './select-types.ts'

describe('selectTypes', () => {
  it('expands a category into its types', () => {
    const r = selectTypes(['device_information'])
    assert.ok(r.ok)
    assert.deepEqual([...r.value].sort(), ['DEVICE_ID', 'IMEI', 'MAC_ADDRESS'])
  })
  it('mixes types and categories', () => {
    const r = selectTypes(['KR_RRN', 'credentials'])
    assert.ok(r.ok)
    assert.deepEqual([...r.value].sort(), ['KR_RRN', 'SECRET'])
  })
  it('names every unknown entry in the error', () => {
    const r = selectTypes(['KR_RRN', 'SSN', 'secrets'])
    assert.ok(!r.ok)
    assert.match(r.error, /unknown type or category: SSN, secrets/)
  })
})
