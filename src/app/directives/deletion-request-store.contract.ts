// The behaviour every DeletionRequestStore adapter must show; SQLite and PostgreSQL run the same cases.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { isSluiceError } from '../errors.ts'
import type { DeletionConfirmation, DeletionRequest, DeletionRequestStore } from './deletion-request-port.ts'

const rejectsWith = (code: string) => (error: unknown) => isSluiceError(error) && error.code === code

const request = (id: string, createdAt = '2025-04-24T09:00:00.000Z'): DeletionRequest => ({
  id,
  directiveId: 'dir-delete',
  recipient: 'Volcano Engine',
  orderRef: 'PIPC 2025-04 DeepSeek',
  range: { from: '2025-01-15T00:00:00.000Z', to: '2025-02-16T00:00:00.000Z' },
  createdAt,
  createdBy: 'CPO kim',
  records: 2,
  letter: { ko: '개인정보 파기 요청', en: 'Request for deletion' },
  status: 'sent',
})

const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0xff])
const confirmation = (bytes: Uint8Array, fileName?: string): DeletionConfirmation => ({
  at: '2025-05-02T00:00:00.000Z',
  by: 'CPO kim',
  ...(fileName === undefined ? {} : { fileName }),
  sha256: createHash('sha256').update(bytes).digest('hex'),
  size: bytes.length,
})

/** Registers the contract cases under `describe(name)`; `cleanup` empties the store before each case. */
export function deletionRequestStoreContract(
  name: string,
  open: () => Promise<DeletionRequestStore>,
  hooks: { readonly cleanup?: () => Promise<void> } = {},
): void {
  describe(`DeletionRequestStore contract: ${name}`, () => {
    const opened: DeletionRequestStore[] = []
    let store: DeletionRequestStore
    beforeEach(async () => {
      await hooks.cleanup?.()
      store = await open()
      opened.push(store)
    })
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close()
    })

    it('keeps requests and lists them by creation time', async () => {
      await store.create(request('del-2', '2025-04-25T00:00:00.000Z'))
      await store.create(request('del-1'))
      assert.deepEqual(await store.list(), [request('del-1'), request('del-2', '2025-04-25T00:00:00.000Z')])
      assert.deepEqual(await store.get('del-1'), request('del-1'))
      assert.equal(await store.get('nope'), undefined)
      await assert.rejects(store.create(request('del-1')), rejectsWith('INVALID_INPUT'))
      await assert.rejects(
        store.create({ ...request('del-3'), status: 'confirmed' }),
        rejectsWith('INVALID_INPUT'),
      )
    })

    it('attaches a confirmation file once, keeping its bytes exactly', async () => {
      await store.create(request('del-1'))
      assert.equal(await store.attachment('del-1'), undefined)
      const confirmed = await store.confirm('del-1', confirmation(pdf, 'confirmation.pdf'), pdf)
      assert.equal(confirmed.status, 'confirmed')
      assert.deepEqual(confirmed.confirmation, confirmation(pdf, 'confirmation.pdf'))
      assert.deepEqual(await store.get('del-1'), confirmed)
      assert.deepEqual(await store.attachment('del-1'), pdf)
      await assert.rejects(store.confirm('del-1', confirmation(pdf), pdf), rejectsWith('INVALID_INPUT'))
      await assert.rejects(store.confirm('nope', confirmation(pdf), pdf), rejectsWith('NOT_FOUND'))
    })

    it('takes a text confirmation, and refuses one that does not match its bytes', async () => {
      await store.create(request('del-1'))
      const text = new TextEncoder().encode('We deleted all data. — Volcano Engine DPO')
      await assert.rejects(store.confirm('del-1', confirmation(pdf), text), rejectsWith('INVALID_INPUT'))
      assert.equal((await store.get('del-1'))?.status, 'sent')
      const confirmed = await store.confirm('del-1', confirmation(text), text)
      assert.equal(confirmed.confirmation?.fileName, undefined)
      assert.deepEqual(await store.attachment('del-1'), text)
    })
  })
}
