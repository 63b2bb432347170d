import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { stateFileIn } from '../../adapters/state-sqlite/directive-sqlite-db.ts'
import { openSqliteVaultStore } from '../../adapters/state-sqlite/vault-store.ts'
import { applyDirectives } from '../../core/directives/apply-directives.ts'
import type { Directive } from '../../core/directives/directive.ts'
import { isGatewayError } from '../gateway/gateway-error.ts'
import { createContentVault } from '../vault/content-vault.ts'
import { startVaultPurge } from '../vault/vault-purge.ts'
import { directiveRefusal, directiveRequestOf, keepSentContent } from './gateway-directives.ts'

const dir = await mkdtemp(join(tmpdir(), 'sluice-gateway-directives-'))
after(() => rm(dir, { recursive: true, force: true }))

const suspension: Directive = {
  id: 'dir-volcano',
  kind: 'suspend-transfers',
  target: { recipient: 'Volcano Engine' },
  from: '2025-04-10T00:00:00.000Z',
  orderRef: 'PIPC 2025-04 DeepSeek',
  issuedBy: 'CPO kim',
  issuedAt: '2025-04-10T00:00:00.000Z',
}
const recipients = [
  { name: 'Hangzhou DeepSeek', country: 'CN' },
  { name: 'Volcano Engine', country: 'CN' },
]

describe('gateway directive helpers', () => {
  it('counts device and network details as personal data, credentials alone not', () => {
    const base = { tenant: 'acme', service: 'deepseek', recipients, time: '2025-04-11T00:00:00.000Z' }
    assert.equal(directiveRequestOf({ ...base, categories: ['device_information'] }).personalData, true)
    assert.equal(
      directiveRequestOf({ ...base, categories: ['personal_identifier', 'credentials'] }).personalData,
      true,
    )
    assert.equal(
      directiveRequestOf({ ...base, categories: ['credentials', 'classified'] }).personalData,
      false,
    )
  })

  it('turns a blocking verdict into a POLICY_BLOCK naming the order', () => {
    const verdict = applyDirectives(
      [suspension],
      directiveRequestOf({
        tenant: 'acme',
        recipients,
        time: '2025-04-11T00:00:00.000Z',
        categories: ['sensitive'],
      }),
    )
    assert.ok(verdict.blocked)
    const error = directiveRefusal(verdict)
    assert.ok(isGatewayError(error))
    assert.equal(error.code, 'POLICY_BLOCK')
    assert.equal(error.rule, 'directive:dir-volcano')
    assert.match(error.message, /order PIPC 2025-04 DeepSeek/)
    assert.equal(error.notice, verdict.notice)
  })

  it('keeps the sent body once per recipient, or under the upstream when none is known; purges by retention', async () => {
    const store = await openSqliteVaultStore(stateFileIn(dir))
    const vault = createContentVault(store, { masterKey: randomBytes(32), retentionDays: 30 })
    const body = { model: 'deepseek-chat', messages: [{ role: 'user', content: '[KR_RRN] 문의' }] }
    await keepSentContent(vault, {
      requestId: 'r1',
      time: '2025-04-01T00:00:00.000Z',
      recipients,
      upstream: 'deepseek',
      body,
    })
    await keepSentContent(vault, {
      requestId: 'r2',
      time: '2025-04-20T00:00:00.000Z',
      recipients: [],
      upstream: 'local-llm',
      body,
    })
    assert.deepEqual(JSON.parse((await vault.getContent('r1', 'Volcano Engine')) ?? ''), body)
    assert.deepEqual(JSON.parse((await vault.getContent('r1', 'Hangzhou DeepSeek')) ?? ''), body)
    assert.deepEqual(JSON.parse((await vault.getContent('r2', 'local-llm')) ?? ''), body)

    const purged = await new Promise((resolve, reject) => {
      const purge = startVaultPurge(vault, {
        now: () => new Date('2025-05-05T00:00:00.000Z'),
        onPurged: (removal) => {
          purge.stop()
          resolve(removal)
        },
        onError: reject,
      })
    })
    // 30 days back from 2025-05-05 keeps 04-06 on: r1 (04-01) goes, r2 stays.
    assert.deepEqual(purged, { entries: 2, keysDestroyed: 2, keysReplaced: 0 })
    assert.equal(await vault.getContent('r1'), undefined)
    assert.ok(await vault.getContent('r2'))
    await store.close()
  })
})
