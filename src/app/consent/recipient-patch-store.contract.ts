// The behaviour every RecipientPatchStore adapter must show (SQLite and PostgreSQL run these cases).
import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import type { RecipientPatchStore } from './recipient-patch-store-port.ts'

/** Registers the contract cases; `open` returns a store over the same data each time, empty after `cleanup`. */
export function recipientPatchStoreContract(
  name: string,
  open: () => Promise<RecipientPatchStore>,
  hooks: { readonly cleanup?: () => Promise<void> } = {},
): void {
  describe(`RecipientPatchStore contract: ${name}`, () => {
    const opened: RecipientPatchStore[] = []
    let store: RecipientPatchStore
    const openStore = async () => {
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
      assert.deepEqual(await store.list(), [])
    })

    it('keeps patches in order, exactly, across reopening', async () => {
      const a = await store.add(
        {
          name: 'Volcano Engine',
          suspended: { orderRef: 'PIPC-1', from: '2025-04-23' },
          usesDataForOwnPurposes: 'unknown',
        },
        '2026-11-24T07:00:00.000Z',
        'dpo@acme',
      )
      const b = await store.add(
        {
          name: 'Intercom',
          contact: 'privacy@intercom.example',
          purpose: { ko: '고객 지원', en: 'customer support' },
          certification: null,
        },
        '2026-11-24T07:01:00.000Z',
        'admin',
      )
      assert.ok(b.seq > a.seq)
      const again = await openStore()
      assert.deepEqual(await again.list(), [a, b])
      assert.deepEqual(a.patch.suspended, { orderRef: 'PIPC-1', from: '2025-04-23' })
      assert.equal(b.by, 'admin')
    })
  })
}
