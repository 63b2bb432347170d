// The behaviour every CheckpointStore adapter must show (SQLite and PostgreSQL ledger databases).
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { type CheckpointBody, signCheckpoint } from '../core/ledger/checkpoint.ts'
import { createFrontier } from '../core/ledger/merkle.ts'
import type { CheckpointStore, StoredCheckpoint } from './checkpoint-port.ts'
import { isSluiceError } from './errors.ts'

/** Hooks an adapter's test gives {@link checkpointStoreContract}. */
export interface CheckpointContractHooks {
  /** Removes all stored data, so the next `open` starts empty. Runs before each case. */
  readonly cleanup?: () => Promise<void>
}

/**
 * Registers the contract cases under `describe(name)`. `open` returns a store over the same data each
 * time it is called, empty after `cleanup`; `close` releases one.
 */
export function checkpointStoreContract(
  name: string,
  open: () => Promise<CheckpointStore & { close(): Promise<void> }>,
  hooks: CheckpointContractHooks = {},
): void {
  describe(`CheckpointStore contract: ${name}`, () => {
    const { privateKey } = generateKeyPairSync('ed25519')
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const opened: { close(): Promise<void> }[] = []
    let store: CheckpointStore

    beforeEach(async () => {
      await hooks.cleanup?.()
      const s = await open()
      opened.push(s)
      store = s
    })
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close()
    })

    // A checkpoint of `size` made-up records at minute `minute`.
    const made = (size: number, minute: number, salt = ''): StoredCheckpoint => {
      const frontier = createFrontier()
      for (let i = 0; i < size; i++)
        frontier.push(
          `${salt}${i}`
            .padStart(64, 'a')
            .slice(0, 64)
            .replace(/[^0-9a-f]/g, 'b'),
        )
      const body: CheckpointBody = {
        treeSize: size,
        rootHash: frontier.root(),
        time: new Date(Date.UTC(2026, 10, 24, 7, minute)).toISOString(),
      }
      return { ...signCheckpoint(body, pem), frontier: frontier.save() }
    }
    const isCode = (code: string) => (error: unknown) => isSluiceError(error) && error.code === code

    it('starts without checkpoints', async () => {
      assert.equal(await store.latestCheckpoint(), undefined)
      assert.equal(await store.checkpointAt(5), undefined)
      assert.deepEqual(await store.listCheckpoints({ limit: 10 }), [])
    })

    it('keeps checkpoints with their frontier and finds the latest by tree size', async () => {
      const a = made(5, 1)
      const b = made(12, 2)
      const c = made(9, 3)
      for (const cp of [a, b, c]) assert.deepEqual(await store.putCheckpoint(cp), cp)
      assert.deepEqual(await store.latestCheckpoint(), b)
      assert.deepEqual(await store.checkpointAt(9), c)
      assert.equal(await store.checkpointAt(10), undefined)
      assert.deepEqual(await store.listCheckpoints({ limit: 10 }), [a, c, b])
      assert.deepEqual(await store.listCheckpoints({ limit: 2 }), [a, c])
      assert.deepEqual(
        await store.listCheckpoints({
          from: '2026-11-24T07:02:00Z',
          to: '2026-11-24T16:03:00+09:00',
          limit: 10,
        }),
        [b],
      )
      // Survives reopening.
      const again = await open()
      opened.push(again)
      assert.deepEqual(await again.latestCheckpoint(), b)
    })

    it('ignores the same checkpoint twice and refuses another root for a tree size (a fork)', async () => {
      const a = made(7, 1)
      await store.putCheckpoint(a)
      // Another instance's checkpoint of the same head: same root, another time and signature.
      const twin = made(7, 4)
      assert.deepEqual(await store.putCheckpoint(twin), a)
      await assert.rejects(store.putCheckpoint(made(7, 5, 'x')), isCode('INTERNAL'))
      assert.deepEqual(await store.listCheckpoints({ limit: 10 }), [a])
    })

    it('refuses malformed checkpoints and bad ranges', async () => {
      const a = made(3, 1)
      for (const bad of [
        { ...a, rootHash: 'zz' },
        { ...a, treeSize: -1 },
        { ...a, time: 'now' },
        { ...a, frontier: ['nope'] },
      ]) {
        await assert.rejects(store.putCheckpoint(bad), isCode('INVALID_INPUT'))
      }
      await assert.rejects(store.listCheckpoints({ from: 'soon', limit: 1 }), isCode('INVALID_INPUT'))
      await assert.rejects(store.listCheckpoints({ limit: -1 }), isCode('INVALID_INPUT'))
      await assert.rejects(store.checkpointAt(-2), isCode('INVALID_INPUT'))
    })
  })
}
