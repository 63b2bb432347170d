// The behaviour every ConsentStore adapter must show: SQLite and PostgreSQL run these same cases.
import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import type { ConsentRecord } from '../../core/transfers/consent.ts'
import { isSluiceError } from '../errors.ts'
import type { ConsentStore } from './consent-store-port.ts'

/** A valid consent record for tests; `n` varies the id and time. */
export function sampleConsent(n: number, overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    id: `cns_${String(n).padStart(4, '0')}`,
    tenant: 'acme',
    subject: 'subj_0123456789abcdef',
    service: 'deepseek',
    bases: ['KR_PIPA_28_8_1_1'],
    items: ['personal_identifier'],
    recipients: ['Hangzhou DeepSeek Artificial Intelligence Co., Ltd.', 'Volcano Engine'],
    chainHash: 'a'.repeat(64),
    noticeHash: 'b'.repeat(64),
    givenAt: new Date(Date.UTC(2026, 10, 1, 0, 0, n)).toISOString(),
    expiresAt: '2027-11-01T00:00:00.000Z',
    withdrawnAt: null,
    source: 'page',
    evidence: null,
    ...overrides,
  }
}

/** Hooks an adapter test gives the suite. */
export interface ConsentContractHooks {
  /** Removes all stored consents; runs before each case. */
  readonly cleanup?: () => Promise<void>
}

/** Registers the contract cases under `describe(name)`; `open` returns a store over the same data each time. */
export function consentStoreContract(
  name: string,
  open: () => Promise<ConsentStore>,
  hooks: ConsentContractHooks = {},
): void {
  describe(`ConsentStore contract: ${name}`, () => {
    const opened: ConsentStore[] = []
    let store: ConsentStore
    const openStore = async (): Promise<ConsentStore> => {
      const s = await open()
      opened.push(s)
      return s
    }
    beforeEach(async () => {
      await hooks.cleanup?.()
      store = await openStore()
    })
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close()
    })

    it('starts empty', async () => {
      assert.deepEqual(await store.forSubject('acme', 'subj_0123456789abcdef'), [])
      assert.equal(await store.get('acme', 'cns_0001'), undefined)
    })

    it('returns added records exactly, oldest first, and keeps them across reopening', async () => {
      const records = [
        sampleConsent(2, { items: ['device_information', 'personal_identifier'], evidence: 'form 7' }),
        sampleConsent(1, { expiresAt: null, source: 'import', bases: ['KR_PIPA_28_8_1_1', 'GDPR_49_1_A'] }),
      ]
      await store.add(records)
      const again = await openStore()
      assert.deepEqual(await again.forSubject('acme', 'subj_0123456789abcdef'), [records[1], records[0]])
      assert.deepEqual(await again.get('acme', 'cns_0002'), records[0])
    })

    it('keeps tenants and subjects apart', async () => {
      await store.add([
        sampleConsent(1),
        sampleConsent(2, { tenant: 'other' }),
        sampleConsent(3, { subject: 'subj_ffffffffffffffff' }),
      ])
      assert.deepEqual(
        (await store.forSubject('acme', 'subj_0123456789abcdef')).map((c) => c.id),
        ['cns_0001'],
      )
      assert.equal(await store.get('acme', 'cns_0002'), undefined)
      assert.equal((await store.get('other', 'cns_0002'))?.tenant, 'other')
    })

    it('refuses a duplicate id and writes nothing of that batch', async () => {
      await store.add([sampleConsent(1)])
      await assert.rejects(
        store.add([sampleConsent(2), sampleConsent(1)]),
        (e) => isSluiceError(e) && e.code === 'INVALID_INPUT' && /cns_0001/.test(e.message),
      )
      await assert.rejects(
        store.add([sampleConsent(5), sampleConsent(5)]),
        (e) => isSluiceError(e) && e.code === 'INVALID_INPUT',
      )
      assert.deepEqual(
        (await store.forSubject('acme', 'subj_0123456789abcdef')).map((c) => c.id),
        ['cns_0001'],
      )
    })

    it('withdraws once: the first withdrawal time stays', async () => {
      await store.add([sampleConsent(1)])
      const first = await store.withdraw('acme', 'cns_0001', '2026-11-10T00:00:00.000Z')
      assert.equal(first?.withdrawnAt, '2026-11-10T00:00:00.000Z')
      const second = await store.withdraw('acme', 'cns_0001', '2026-11-20T00:00:00.000Z')
      assert.equal(second?.withdrawnAt, '2026-11-10T00:00:00.000Z')
      assert.equal((await store.get('acme', 'cns_0001'))?.withdrawnAt, '2026-11-10T00:00:00.000Z')
      assert.equal(await store.withdraw('acme', 'cns_9999', '2026-11-10T00:00:00.000Z'), undefined)
      assert.equal(await store.withdraw('other', 'cns_0001', '2026-11-10T00:00:00.000Z'), undefined)
    })

    it('adds nothing for an empty list', async () => {
      await store.add([])
      assert.deepEqual(await store.forSubject('acme', 'subj_0123456789abcdef'), [])
    })
  })
}
