// The behaviour every DirectiveStore adapter must show; SQLite and PostgreSQL run the same cases.
import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import type { Directive } from '../../core/directives/directive.ts'
import { isSluiceError } from '../errors.ts'
import type { DirectiveStore } from './directive-store-port.ts'

/** A valid suspension for tests, with `overrides`. */
export function sampleDirective(overrides: Partial<Directive> = {}): Directive {
  return {
    id: 'dir-volcano',
    kind: 'suspend-transfers',
    target: { recipient: 'Volcano Engine', country: 'CN' },
    from: '2025-04-10T00:00:00.000Z',
    orderRef: 'PIPC 2025-04 DeepSeek',
    basis: 'PIPA Art. 28-9',
    issuedBy: 'CPO kim',
    issuedAt: '2025-04-10T01:00:00.000Z',
    ...overrides,
  }
}

const rejectsWith = (code: string) => (error: unknown) => isSluiceError(error) && error.code === code

/**
 * Registers the contract cases under `describe(name)`. `open` returns a store over the same data each
 * time (two opens behave as two processes); `cleanup` empties it before each case.
 */
export function directiveStoreContract(
  name: string,
  open: () => Promise<DirectiveStore>,
  hooks: { readonly cleanup?: () => Promise<void> } = {},
): void {
  describe(`DirectiveStore contract: ${name}`, () => {
    const opened: DirectiveStore[] = []
    const openStore = async () => {
      const store = await open()
      opened.push(store)
      return store
    }
    let store: DirectiveStore
    beforeEach(async () => {
      await hooks.cleanup?.()
      store = await openStore()
    })
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close()
    })

    it('keeps directives and gives them back exactly, by issue time', async () => {
      assert.deepEqual(await store.list(), [])
      const later = sampleDirective({
        id: 'dir-block',
        kind: 'block-service',
        target: { service: 'deepseek' },
        issuedAt: '2025-04-11T00:00:00.000Z',
        tenant: 'acme',
        until: '2025-05-01T00:00:00.000Z',
      })
      const deletion = sampleDirective({
        id: 'dir-delete',
        kind: 'delete-data',
        target: { recipient: 'Volcano Engine' },
        range: { from: '2025-01-15T00:00:00.000Z', to: '2025-02-16T00:00:00.000Z' },
        issuedAt: '2025-04-24T00:00:00.000Z',
      })
      await store.put(later)
      await store.put(sampleDirective())
      await store.put(deletion)
      assert.deepEqual(await store.list(), [sampleDirective(), later, deletion])
      assert.deepEqual(await store.get('dir-block'), later)
      assert.equal(await store.get('nope'), undefined)
    })

    it('refuses a malformed directive and a taken id, storing nothing', async () => {
      await assert.rejects(
        store.put({ ...sampleDirective(), kind: 'block-service' } as Directive),
        rejectsWith('INVALID_INPUT'),
      )
      await store.put(sampleDirective())
      await assert.rejects(store.put(sampleDirective({ orderRef: 'other' })), rejectsWith('INVALID_INPUT'))
      assert.deepEqual(await store.list(), [sampleDirective()])
    })

    it('revokes once, with time and who; unknown ids are NOT_FOUND', async () => {
      await store.put(sampleDirective())
      const revoked = await store.revoke('dir-volcano', '2025-04-28T00:00:00.000Z', 'CPO kim')
      assert.deepEqual(revoked, {
        ...sampleDirective(),
        revokedAt: '2025-04-28T00:00:00.000Z',
        revokedBy: 'CPO kim',
      })
      assert.deepEqual(await store.get('dir-volcano'), revoked)
      await assert.rejects(
        store.revoke('dir-volcano', '2025-04-29T00:00:00.000Z', 'x'),
        rejectsWith('INVALID_INPUT'),
      )
      await assert.rejects(store.revoke('nope', '2025-04-29T00:00:00.000Z', 'x'), rejectsWith('NOT_FOUND'))
      await store.put(sampleDirective({ id: 'dir-2' }))
      await assert.rejects(store.revoke('dir-2', 'yesterday', 'x'), rejectsWith('INVALID_INPUT'))
    })

    it('removes a directive on request', async () => {
      await store.put(sampleDirective())
      assert.equal(await store.remove('dir-volcano'), true)
      assert.equal(await store.remove('dir-volcano'), false)
      assert.deepEqual(await store.list(), [])
    })

    it('raises the revision on every change, seen by another opening of the store', async () => {
      const other = await openStore()
      const r0 = await other.revision()
      await store.put(sampleDirective())
      const r1 = await other.revision()
      assert.ok(r1 > r0)
      await store.revoke('dir-volcano', '2025-04-28T00:00:00.000Z', 'CPO kim')
      const r2 = await other.revision()
      assert.ok(r2 > r1)
      await store.remove('dir-volcano')
      const r3 = await other.revision()
      assert.ok(r3 > r2)
      assert.equal(await other.revision(), r3, 'no change, same revision')
      assert.deepEqual(await other.list(), [])
    })

    it('keeps directives across reopening', async () => {
      await store.put(sampleDirective())
      await store.close()
      opened.splice(opened.indexOf(store), 1)
      store = await openStore()
      assert.deepEqual(await store.list(), [sampleDirective()])
    })
  })
}
