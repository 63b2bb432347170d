import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { openSqliteLedger } from '../../adapters/ledger-sqlite/open-sqlite-ledger.ts'
import { openSqliteDeletionRequestStore } from '../../adapters/state-sqlite/deletion-request-store.ts'
import { stateFileIn } from '../../adapters/state-sqlite/directive-sqlite-db.ts'
import { openSqliteDirectiveStore } from '../../adapters/state-sqlite/directive-store.ts'
import { openSqliteVaultStore } from '../../adapters/state-sqlite/vault-store.ts'
import type { DecisionEntry } from '../../core/ledger/ledger-record.ts'
import { sampleDecisionEntry } from '../../core/ledger/sample-entry.ts'
import type { LedgerStore } from '../ledger-port.ts'
import { createContentVault } from '../vault/content-vault.ts'
import type { VaultStore } from '../vault/vault-store-port.ts'
import { verifyLedger } from '../verify-ledger.ts'
import { deleteRecipientData } from './delete-recipient-data.ts'
import type { DeletionRequestStore } from './deletion-request-port.ts'
import type { DirectiveStore } from './directive-store-port.ts'

const volcano = { name: 'Volcano Engine', country: 'CN' }
const deepseek = { name: 'Hangzhou DeepSeek Artificial Intelligence Co., Ltd.', country: 'CN' }
const openai = { name: 'OpenAI, L.L.C.', country: 'US' }

// The DeepSeek case: requests through DeepSeek reach Volcano too; one goes to OpenAI; one was blocked.
const transfers: { entry: Partial<DecisionEntry>; content: string }[] = [
  {
    entry: {
      requestId: 'r1',
      time: '2025-01-16T01:00:00.000Z',
      recipients: [deepseek, volcano],
      action: 'allow',
    },
    content: '주민번호 900101-1234567 문의',
  },
  {
    entry: {
      requestId: 'r2',
      time: '2025-02-01T01:00:00.000Z',
      recipients: [deepseek, volcano],
      action: 'redact',
    },
    content: 'second',
  },
  {
    entry: {
      requestId: 'r3',
      time: '2025-02-20T01:00:00.000Z',
      recipients: [deepseek, volcano],
      action: 'allow',
    },
    content: 'after the range',
  },
  {
    entry: { requestId: 'r4', time: '2025-02-01T02:00:00.000Z', recipients: [openai], action: 'allow' },
    content: 'to OpenAI',
  },
  {
    entry: {
      requestId: 'r5',
      time: '2025-02-01T03:00:00.000Z',
      recipients: [deepseek, volcano],
      action: 'block',
    },
    content: '',
  },
]

let dir: string
let ledger: LedgerStore
let directives: DirectiveStore
let vaultStore: VaultStore
let deletionRequests: DeletionRequestStore

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-delete-data-'))
  ledger = await openSqliteLedger(join(dir, 'ledger.db'))
  directives = await openSqliteDirectiveStore(stateFileIn(dir))
  vaultStore = await openSqliteVaultStore(stateFileIn(dir))
  deletionRequests = await openSqliteDeletionRequestStore(stateFileIn(dir))
})
after(async () => {
  for (const s of [ledger, directives, vaultStore, deletionRequests]) await s.close()
  await rm(dir, { recursive: true, force: true })
})

describe('deleteRecipientData', () => {
  it('shreds exactly what went to Volcano in the range, records the erasure, keeps the chain verifiable', async () => {
    const vault = createContentVault(vaultStore, { masterKey: randomBytes(32), retentionDays: 3650 })
    for (const [i, t] of transfers.entries()) {
      const [record] = await ledger.append([
        sampleDecisionEntry(i * 4, { ...t.entry, direction: 'request', tenant: 'acme' }),
      ])
      if (t.entry.action === 'block') continue
      for (const r of t.entry.recipients ?? []) {
        await vault.putContent({
          requestId: t.entry.requestId as string,
          seq: record?.seq ?? 0,
          recipient: r.name,
          time: t.entry.time as string,
          content: t.content,
        })
      }
    }
    const before = await ledger.read(1, 100)

    let ids = 0
    const result = await deleteRecipientData(
      {
        store: directives,
        ledger,
        vault,
        deletionRequests,
        now: () => new Date('2025-04-24T09:00:00.000Z'),
        newId: () => `dir-${++ids}`,
        newRequestId: () => 'del-1',
        organisation: 'ACME Corp.',
      },
      {
        recipient: 'volcano engine',
        range: { from: '2025-01-15T00:00:00.000Z', to: '2025-02-16T00:00:00.000Z' },
        orderRef: 'PIPC 2025-04 DeepSeek',
        by: 'CPO kim',
      },
    )

    // r1 and r2, each in two copies (DeepSeek's and Volcano's); their four day keys destroyed.
    assert.deepEqual(result.removal, { entries: 4, keysDestroyed: 4, keysReplaced: 0 })
    assert.equal(await vault.getContent('r1'), undefined)
    assert.equal(await vault.getContent('r2'), undefined)
    assert.equal(await vault.getContent('r3', 'Volcano Engine'), 'after the range')
    assert.equal(await vault.getContent('r4'), 'to OpenAI')

    // The letter lists the sent transfers to Volcano in the range: not the blocked one, not OpenAI's.
    assert.deepEqual(
      result.records.map((r) => r.requestId),
      ['r1', 'r2'],
    )
    assert.match(result.request.letter.en, /Volcano|volcano/)
    assert.doesNotMatch(result.request.letter.en + result.request.letter.ko, /900101/)
    assert.deepEqual(await deletionRequests.get('del-1'), result.request)

    // The ledger: the old records are untouched, then the directive and the erasure record follow.
    const records = await ledger.read(1, 100)
    assert.deepEqual(records.slice(0, before.length), before)
    const added = records.slice(before.length).map((r) => r.entry)
    assert.deepEqual(
      added.map((e) => e.kind),
      ['directive', 'erasure'],
    )
    assert.deepEqual(added[1], {
      kind: 'erasure',
      time: '2025-04-24T09:00:00.000Z',
      directiveId: 'dir-1',
      recipient: 'volcano engine',
      rangeFrom: '2025-01-15T00:00:00.000Z',
      rangeTo: '2025-02-16T00:00:00.000Z',
      contents: 4,
      keysDestroyed: 4,
      keysReplaced: 0,
      records: 2,
      by: 'CPO kim',
    })
    assert.deepEqual(result.erasure.entry, added[1])
    const verdict = await verifyLedger(ledger)
    assert.equal(verdict.ok, true)
    assert.equal(verdict.count, records.length)
    assert.equal((await directives.get('dir-1'))?.kind, 'delete-data')
  })
})
