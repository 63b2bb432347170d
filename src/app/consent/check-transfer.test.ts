import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { categoriesLeaving, ledgerTransferOf } from './check-transfer.ts'

describe('categoriesLeaving', () => {
  const summary = [
    { type: 'EMAIL_ADDRESS', category: 'personal_identifier' },
    { type: 'IP_ADDRESS', category: 'network_details' },
    { type: 'SECRET', category: 'credentials' },
  ]
  it('keeps every category on allow and route, none transformed on a full redact', () => {
    assert.deepEqual(categoriesLeaving(summary, { action: 'allow' }), [
      'credentials',
      'network_details',
      'personal_identifier',
    ])
    assert.deepEqual(categoriesLeaving(summary, { action: 'route' }).length, 3)
    assert.deepEqual(categoriesLeaving(summary, { action: 'redact' }), [])
  })
  it('keeps the types a partial transform leaves alone', () => {
    assert.deepEqual(
      categoriesLeaving(summary, { action: 'pseudonymise', transformTypes: ['EMAIL_ADDRESS'] }),
      ['credentials', 'network_details'],
    )
  })
})

describe('ledgerTransferOf', () => {
  it('records origin and grounds, nothing when no transfer was needed', () => {
    assert.equal(ledgerTransferOf({ needed: false }), undefined)
    assert.deepEqual(
      ledgerTransferOf(
        {
          needed: true,
          ok: true,
          transfers: [
            {
              recipient: 'OpenAI',
              country: 'US',
              regime: 'KR_PIPA',
              basis: 'KR_PIPA_28_8_1_3',
              article: 'PIPA Art. 28-8(1)3',
              reference: 'DPA-1',
            },
          ],
        },
        'EU',
      ),
      {
        origin: 'EU',
        grounds: [{ recipient: 'OpenAI', country: 'US', basis: 'KR_PIPA_28_8_1_3', reference: 'DPA-1' }],
      },
    )
  })
})
