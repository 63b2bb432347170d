// The behaviour every VaultStore adapter must show, at the port and through the content vault that
// uses it (erasure, re-keying, retention); SQLite and PostgreSQL run the same cases.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { isSluiceError } from '../errors.ts'
import { createContentVault, recipientKey } from './content-vault.ts'
import type { VaultEntryRecord, VaultKeyRecord, VaultStore } from './vault-store-port.ts'

const rejectsWith = (code: string) => (error: unknown) => isSluiceError(error) && error.code === code

const key = (id: string, recipient = 'volcano engine', day = '2025-01-20'): VaultKeyRecord => ({
  id,
  recipient,
  day,
  wrapped: new Uint8Array([1, 2, 3, id.length]),
})

const entry = (ref: string, over: Partial<VaultEntryRecord> = {}): VaultEntryRecord => ({
  ref,
  recipient: 'volcano engine',
  time: '2025-01-20T03:00:00.000Z',
  day: '2025-01-20',
  keyId: 'k1',
  sealed: new Uint8Array([9, 8, 7]),
  ...over,
})

/**
 * Registers the contract cases under `describe(name)`. `open` returns a store over the same data
 * each time; `cleanup` empties it before each case.
 */
export function vaultStoreContract(
  name: string,
  open: () => Promise<VaultStore>,
  hooks: { readonly cleanup?: () => Promise<void> } = {},
): void {
  describe(`VaultStore contract: ${name}`, () => {
    const opened: VaultStore[] = []
    let store: VaultStore
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

    it('keeps one key per (recipient, day): a second add gets the first', async () => {
      assert.equal(await store.keyFor('volcano engine', '2025-01-20'), undefined)
      assert.deepEqual(await store.addKey(key('k1')), key('k1'))
      assert.deepEqual(await store.addKey(key('k2')), key('k1'), 'the race loser uses the winner')
      assert.deepEqual(await store.keyFor('volcano engine', '2025-01-20'), key('k1'))
      assert.deepEqual(await store.keyById('k1'), key('k1'))
      assert.equal(await store.keyById('k2'), undefined)
      assert.deepEqual(
        await store.addKey(key('k3', 'volcano engine', '2025-01-21')),
        key('k3', 'volcano engine', '2025-01-21'),
      )
    })

    it('stores entries and finds them by request, recipient and time range (end exclusive), and by key', async () => {
      await store.addKey(key('k1'))
      await store.addKey(key('k9', 'hangzhou deepseek'))
      const a = entry('req-a', { seq: 17 })
      const b = entry('req-b', { time: '2025-01-20T05:00:00.000Z' })
      const c = entry('req-a', { recipient: 'hangzhou deepseek', keyId: 'k9' })
      for (const e of [b, a, c]) await store.putEntry(e)
      assert.deepEqual(await store.entry('req-a', 'volcano engine'), a)
      assert.equal(await store.entry('req-a', 'nobody'), undefined)
      assert.deepEqual(await store.entriesOf('req-a'), [c, a])
      assert.deepEqual(
        await store.entriesIn('volcano engine', '2025-01-20T03:00:00.000Z', '2025-01-20T05:00:00.000Z'),
        [a],
      )
      assert.deepEqual(
        await store.entriesIn('volcano engine', '2025-01-20T00:00:00.000Z', '2025-01-21T00:00:00.000Z'),
        [a, b],
      )
      assert.deepEqual(await store.entriesUnder('k9'), [c])
    })

    it('refuses an entry twice and an entry whose key is gone', async () => {
      await store.addKey(key('k1'))
      await store.putEntry(entry('req-a'))
      await assert.rejects(store.putEntry(entry('req-a')), rejectsWith('INVALID_INPUT'))
      await assert.rejects(store.putEntry(entry('req-b', { keyId: 'gone' })), rejectsWith('NOT_FOUND'))
    })

    it('erases by plan: deletes, destroys and replaces keys, all or nothing', async () => {
      await store.addKey(key('k1'))
      await store.addKey(key('k2', 'volcano engine', '2025-01-21'))
      await store.putEntry(entry('req-a'))
      await store.putEntry(entry('req-b'))
      await store.putEntry(
        entry('req-c', { keyId: 'k2', day: '2025-01-21', time: '2025-01-21T00:00:00.000Z' }),
      )
      // A plan that leaves an entry under a destroyed key must fail and change nothing.
      await assert.rejects(
        store.erase({
          deleteEntries: [{ ref: 'req-a', recipient: 'volcano engine' }],
          destroyKeys: ['k1'],
          replaceKeys: [],
        }),
      )
      assert.equal((await store.entriesUnder('k1')).length, 2)
      assert.ok(await store.keyById('k1'))

      const resealed = entry('req-b', { keyId: 'k1b', sealed: new Uint8Array([5, 5]) })
      const removed = await store.erase({
        deleteEntries: [
          { ref: 'req-a', recipient: 'volcano engine' },
          { ref: 'req-c', recipient: 'volcano engine' },
        ],
        destroyKeys: ['k2'],
        replaceKeys: [{ oldKeyId: 'k1', key: key('k1b'), entries: [resealed] }],
      })
      assert.deepEqual(removed, { entries: 2, keysDestroyed: 1, keysReplaced: 1 })
      assert.equal(await store.keyById('k1'), undefined)
      assert.equal(await store.keyById('k2'), undefined)
      assert.deepEqual(await store.keyFor('volcano engine', '2025-01-20'), key('k1b'))
      assert.deepEqual(await store.entriesOf('req-b'), [resealed])
      assert.deepEqual(await store.entriesOf('req-a'), [])
    })

    it('purges days before the retention cut-off', async () => {
      await store.addKey(key('k1'))
      await store.addKey(key('k2', 'volcano engine', '2025-01-21'))
      await store.putEntry(entry('req-a'))
      await store.putEntry(
        entry('req-c', { keyId: 'k2', day: '2025-01-21', time: '2025-01-21T00:00:00.000Z' }),
      )
      assert.deepEqual(await store.purgeBefore('2025-01-21'), {
        entries: 1,
        keysDestroyed: 1,
        keysReplaced: 0,
      })
      assert.equal(await store.keyById('k1'), undefined)
      assert.equal((await store.entriesOf('req-c')).length, 1)
    })

    describe('through the content vault', () => {
      const masterKey = randomBytes(32)
      const volcano = 'Volcano Engine'
      const deepseek = 'Hangzhou DeepSeek Artificial Intelligence Co., Ltd.'
      const sent = [
        { requestId: 'r1', time: '2025-01-15T09:00:00.000Z', text: '홍길동 010-1234-5678 first' },
        { requestId: 'r2', time: '2025-01-20T09:00:00.000Z', text: 'second prompt' },
        { requestId: 'r3', time: '2025-02-15T23:00:00.000Z', text: 'third prompt, late in the day' },
        { requestId: 'r4', time: '2025-02-15T01:00:00.000Z', text: 'fourth prompt, same day, in range' },
        { requestId: 'r5', time: '2025-04-20T09:00:00.000Z', text: 'after the range' },
      ]
      const fill = async () => {
        const vault = createContentVault(store, { masterKey, retentionDays: 30 })
        for (const s of sent) {
          // DeepSeek's service sends to both; the vault keeps one sealed copy per recipient.
          for (const recipient of [deepseek, volcano]) {
            await vault.putContent({ requestId: s.requestId, recipient, time: s.time, content: s.text })
          }
        }
        await vault.putContent({
          requestId: 'o1',
          recipient: 'OpenAI, L.L.C.',
          time: '2025-02-01T00:00:00.000Z',
          content: 'other service',
        })
        return vault
      }

      it('gives content back only with the right master key', async () => {
        const vault = await fill()
        assert.equal(await vault.getContent('r1', 'volcano  ENGINE'), sent[0]?.text)
        assert.equal(await vault.getContent('r1'), sent[0]?.text)
        assert.equal(await vault.getContent('missing'), undefined)
        const other = createContentVault(store, { masterKey: randomBytes(32), retentionDays: 30 })
        await assert.rejects(other.getContent('r1', volcano), rejectsWith('INTERNAL'))
      })

      it('erases exactly what went to the recipient in the range; everything else still decrypts', async () => {
        const vault = await fill()
        // 2025-01-15 .. 2025-02-15T12:00: r1, r2, r4 in range; r3 shares r4's day but is outside.
        const removed = await vault.eraseRecipient(volcano, {
          from: '2025-01-15T00:00:00.000Z',
          to: '2025-02-15T12:00:00.000Z',
        })
        // 3 requests × 2 recipients' copies; keys: Volcano and DeepSeek for 01-15 and 01-20 destroyed,
        // both 02-15 keys replaced (r3 stays on that day).
        assert.deepEqual(removed, { entries: 6, keysDestroyed: 4, keysReplaced: 2 })
        for (const id of ['r1', 'r2', 'r4']) {
          assert.equal(await vault.getContent(id), undefined, `${id} erased`)
          assert.deepEqual(await store.entriesOf(id), [])
        }
        assert.equal(await vault.getContent('r3', volcano), sent[2]?.text)
        assert.equal(await vault.getContent('r3', deepseek), sent[2]?.text)
        assert.equal(await vault.getContent('r5', volcano), sent[4]?.text)
        assert.equal(await vault.getContent('o1'), 'other service')
        assert.equal(await store.keyFor(recipientKey(volcano), '2025-01-15'), undefined)
        // New content for a re-keyed day goes under the new key and reads back.
        await vault.putContent({
          requestId: 'r6',
          recipient: volcano,
          time: '2025-02-15T20:00:00.000Z',
          content: 'new',
        })
        assert.equal(await vault.getContent('r6', volcano), 'new')
      })

      it('purges content older than the retention period', async () => {
        const vault = await fill()
        const removed = await vault.purgeExpired(new Date('2025-04-21T00:00:00.000Z'))
        assert.equal(removed.entries, 9)
        assert.equal(await vault.getContent('r5', volcano), sent[4]?.text)
        assert.equal(await vault.getContent('o1'), undefined)
      })
    })
  })
}
