import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { openSqliteLedger } from '../../adapters/ledger-sqlite/open-sqlite-ledger.ts'
import { createPgTestSchema, type PgTestSchema } from '../../adapters/state-postgres/directive-pg-db.ts'
import { openPostgresDirectiveStore } from '../../adapters/state-postgres/directive-store.ts'
import { stateFileIn } from '../../adapters/state-sqlite/directive-sqlite-db.ts'
import { openSqliteDirectiveStore } from '../../adapters/state-sqlite/directive-store.ts'
import type { DirectiveRequest } from '../../core/directives/apply-directives.ts'
import { isSluiceError, SluiceError } from '../errors.ts'
import type { LedgerStore } from '../ledger-port.ts'
import { verifyLedger } from '../verify-ledger.ts'
import { createDirectiveCache } from './directive-cache.ts'
import type { DirectiveStore } from './directive-store-port.ts'
import { type DirectiveDeps, issueDirective, revokeDirective } from './manage-directives.ts'

const toVolcano = (time: string): DirectiveRequest => ({
  tenant: 'acme',
  service: 'deepseek',
  recipients: [
    { name: 'Hangzhou DeepSeek Artificial Intelligence Co., Ltd.', country: 'CN' },
    { name: 'Volcano Engine', country: 'CN' },
  ],
  time,
  personalData: true,
})

const suspension = {
  kind: 'suspend-transfers' as const,
  target: { recipient: 'Volcano Engine' },
  from: '2025-04-10T00:00:00.000Z',
  orderRef: 'PIPC 2025-04 DeepSeek',
  basis: 'PIPA Art. 28-9',
  issuedBy: 'CPO kim',
}

let dir: string
let ledger: LedgerStore
let ids = 0
const depsOver = (store: DirectiveStore, over: Partial<DirectiveDeps> = {}): DirectiveDeps => ({
  store,
  ledger,
  now: () => new Date('2025-04-10T01:00:00.000Z'),
  newId: () => `dir-${++ids}`,
  ...over,
})

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-manage-directives-'))
  ledger = await openSqliteLedger(join(dir, 'ledger.db'))
})
after(async () => {
  await ledger.close()
  await rm(dir, { recursive: true, force: true })
})

describe('issueDirective / revokeDirective', () => {
  it('records issue and revocation in the ledger with who acted, and revocation lifts the block', async () => {
    const store = await openSqliteDirectiveStore(stateFileIn(join(dir, 'a')))
    const issued = await issueDirective(depsOver(store), suspension)
    assert.equal(issued.issuedAt, '2025-04-10T01:00:00.000Z')
    const cache = await createDirectiveCache(store)
    assert.equal(cache.check(toVolcano('2025-04-11T00:00:00.000Z')).blocked, true)
    assert.equal(cache.check(toVolcano('2025-04-09T00:00:00.000Z')).blocked, false, 'not before its date')

    const revoked = await revokeDirective(
      depsOver(store, { now: () => new Date('2025-04-28T00:00:00.000Z') }),
      issued.id,
      'CPO lee',
    )
    assert.equal(revoked.revokedBy, 'CPO lee')
    await cache.refresh()
    assert.equal(cache.check(toVolcano('2025-04-29T00:00:00.000Z')).blocked, false, 'lifted after revocation')
    assert.equal(
      cache.check(toVolcano('2025-04-11T00:00:00.000Z')).blocked,
      true,
      'still binds in its period',
    )
    cache.close()

    const records = await ledger.read(1, 100)
    const entries = records.map((r) => r.entry).filter((e) => e.kind === 'directive')
    assert.deepEqual(
      entries.map((e) => [e.action, e.directiveId, e.by, e.orderRef, e.recipient, e.time]),
      [
        [
          'issue',
          issued.id,
          'CPO kim',
          'PIPC 2025-04 DeepSeek',
          'Volcano Engine',
          '2025-04-10T01:00:00.000Z',
        ],
        [
          'revoke',
          issued.id,
          'CPO lee',
          'PIPC 2025-04 DeepSeek',
          'Volcano Engine',
          '2025-04-28T00:00:00.000Z',
        ],
      ],
    )
    assert.equal((await verifyLedger(ledger)).ok, true)
    await assert.rejects(
      revokeDirective(depsOver(store), issued.id, 'x'),
      (e) => isSluiceError(e) && e.code === 'INVALID_INPUT',
    )
    await assert.rejects(
      revokeDirective(depsOver(store), 'nope', 'x'),
      (e) => isSluiceError(e) && e.code === 'NOT_FOUND',
    )
    await store.close()
  })

  it('takes the directive back when the ledger cannot record it', async () => {
    const store = await openSqliteDirectiveStore(stateFileIn(join(dir, 'b')))
    const failing = { append: async () => Promise.reject(new SluiceError('INTERNAL', 'disk full')) }
    await assert.rejects(issueDirective(depsOver(store, { ledger: failing }), suspension), /disk full/)
    assert.deepEqual(await store.list(), [])
    await assert.rejects(
      issueDirective(depsOver(store), { ...suspension, kind: 'block-service' }),
      (e) =>
        isSluiceError(e) && e.code === 'INVALID_INPUT' && /block-service needs the service/.test(e.message),
    )
    await store.close()
  })
})

// Two caches over two separate openings of one store stand for two gateway processes.
async function seenWithinASecond(open: () => Promise<DirectiveStore>): Promise<number> {
  const [a, b, cli] = [await open(), await open(), await open()]
  const cacheA = await createDirectiveCache(a, { refreshMs: 500 })
  const cacheB = await createDirectiveCache(b, { refreshMs: 500 })
  const now = '2025-04-11T00:00:00.000Z'
  assert.equal(cacheA.check(toVolcano(now)).blocked, false)
  assert.equal(cacheB.check(toVolcano(now)).blocked, false)
  const issuedAt = performance.now()
  await issueDirective(depsOver(cli), suspension)
  let elapsed = Number.POSITIVE_INFINITY
  // Bounded: 300 × 10 ms.
  for (let i = 0; i < 300; i++) {
    if (cacheA.check(toVolcano(now)).blocked && cacheB.check(toVolcano(now)).blocked) {
      elapsed = performance.now() - issuedAt
      break
    }
    await sleep(10)
  }
  cacheA.close()
  cacheB.close()
  for (const s of [a, b, cli]) await s.close()
  return elapsed
}

describe('createDirectiveCache across processes', () => {
  it('SQLite: a directive issued elsewhere blocks in both caches within a second', async () => {
    const file = stateFileIn(join(dir, 'shared'))
    const elapsed = await seenWithinASecond(() => openSqliteDirectiveStore(file))
    assert.ok(elapsed < 1000, `took ${elapsed} ms`)
  })

  it('PostgreSQL: the same within a second', async () => {
    const db: PgTestSchema = await createPgTestSchema()
    try {
      const elapsed = await seenWithinASecond(() => openPostgresDirectiveStore(db.pool))
      assert.ok(elapsed < 1000, `took ${elapsed} ms`)
    } finally {
      await db.drop()
    }
  })

  it('keeps the last directives read when a poll fails, and reports it', async () => {
    const store = await openSqliteDirectiveStore(stateFileIn(join(dir, 'flaky')))
    await issueDirective(depsOver(store), suspension)
    const errors: unknown[] = []
    let failing = false
    const flaky: DirectiveStore = {
      ...store,
      revision: () => (failing ? Promise.reject(new Error('store down')) : store.revision()),
    }
    const cache = await createDirectiveCache(flaky, { refreshMs: 20, onError: (e) => errors.push(e) })
    failing = true
    for (let i = 0; i < 100 && errors.length === 0; i++) await sleep(10)
    assert.match(String(errors[0]), /store down/)
    assert.equal(cache.check(toVolcano('2025-04-11T00:00:00.000Z')).blocked, true)
    cache.close()
    await store.close()
  })
})
