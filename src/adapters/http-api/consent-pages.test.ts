// The consent flow over HTTP with real parts: the catalog's register, the SQLite consent store, the SQLite
// ledger. consent_required → page → accept → the retried check passes → a new recipient voids it.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { checkTransfer, type TransferRequest } from '../../app/consent/check-transfer.ts'
import type { ConsentStore } from '../../app/consent/consent-store-port.ts'
import type { TransferDeps, TransfersSnapshot } from '../../app/consent/transfer-deps.ts'
import type { LedgerStore } from '../../app/ledger-port.ts'
import { parseCatalog } from '../../core/catalog/catalog-schema.ts'
import { buildRecipientRegister } from '../../core/transfers/recipient-register.ts'
import { defaultTransfersConfig } from '../../core/transfers/transfers-config.ts'
import { builtinCatalogUrl } from '../catalog/load-builtin-catalog.ts'
import { openSqliteLedger } from '../ledger-sqlite/open-sqlite-ledger.ts'
import { openSqliteConsentStore } from '../state-sqlite/consent-store.ts'
import { createConsentPages } from './consent-pages.ts'

const entries = parseCatalog(JSON.parse(readFileSync(builtinCatalogUrl, 'utf8')))
const snapshotOf = (list = entries): TransfersSnapshot => ({
  register: buildRecipientRegister(list).register,
  settings: defaultTransfersConfig(),
})

describe('consent flow over HTTP', () => {
  let dir = ''
  let server: Server
  let base = ''
  let ledger: LedgerStore
  let consents: ConsentStore
  let snapshot = snapshotOf()
  let now = new Date('2026-11-24T07:00:00.000Z')
  let deps: TransferDeps
  const request: TransferRequest = {
    tenant: 'acme',
    subject: 'subj_00aa11bb22cc33dd',
    service: 'deepseek',
    recipients: (snapshotOf().register.chainOf('deepseek') ?? []).map((r) => ({
      name: r.name,
      country: r.country,
    })),
    categories: ['personal_identifier', 'credentials'],
  }
  const apiKey = 'Bearer tenant-acme'

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-consent-flow-'))
    ledger = await openSqliteLedger(join(dir, 'ledger.db'))
    consents = await openSqliteConsentStore(dir)
    let n = 0
    deps = {
      transfers: () => snapshot,
      consents,
      tokenKey: new Uint8Array(32).fill(3),
      clock: { now: () => now },
      recordConsent: async (entry) => {
        await ledger.append([entry])
      },
      newId: () => `cns_test_${++n}`,
    }
    server = createServer(
      createConsentPages({
        transfer: deps,
        authorize: (req) => (req.headers.authorization === apiKey ? { tenant: 'acme' } : undefined),
      }),
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    deps = { ...deps, publicUrl: base }
  })
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await consents.close()
    await ledger.close()
    await rm(dir, { recursive: true, force: true })
  })

  const accept = async (url: string): Promise<Response> => {
    const page = await fetch(url)
    assert.equal(page.status, 200)
    const html = await page.text()
    const notice = /name="notice" value="([0-9a-f]{64})"/.exec(html)?.[1]
    assert.ok(notice, 'the page carries the notice hash')
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `decision=accept&notice=${notice}`,
    })
  }

  it('asks for consent, records it on accept, and the retried request passes', async () => {
    const first = await checkTransfer(deps, request)
    assert.ok(first.needed && !first.ok && first.consentPossible)
    assert.ok(first.missing.some((m) => m.recipient === 'Volcano Engine' && m.country === 'CN'))
    const url = first.consentUrl ?? ''
    assert.ok(url.startsWith(`${base}/consent/`))
    assert.ok(!url.includes('subj_00aa11bb22cc33dd') || url.includes('.'), 'token is encoded')

    const page = await fetch(url)
    const html = await page.text()
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer')
    for (const text of [
      'Volcano Engine',
      'Intercom (US',
      'to the API of DeepSeek',
      '개인정보 국외 이전 동의',
    ])
      assert.ok(html.includes(text), text)

    const refused = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'decision=refuse',
    })
    assert.equal(refused.status, 200)
    assert.equal((await consents.forSubject('acme', request.subject)).length, 0, 'refusing records nothing')

    const answered = await accept(url)
    assert.equal(answered.status, 200)
    assert.match(await answered.text(), /consent cns_test_1/)

    const retried = await checkTransfer(deps, request)
    assert.ok(retried.needed && retried.ok)
    assert.ok(retried.transfers.every((t) => t.basis === 'KR_PIPA_28_8_1_1' && t.consentId === 'cns_test_1'))
    const records = await ledger.read(1, 10)
    assert.equal(records.length, 1)
    const entry = records[0]?.entry
    assert.ok(entry?.kind === 'consent' && entry.action === 'give' && entry.consentId === 'cns_test_1')
  })

  it('a new recipient in the chain voids the consent; the old link shows the notice changed', async () => {
    const oldLink = (await checkTransfer(deps, { ...request, categories: ['sensitive'] })).consentUrl ?? ''
    snapshot = snapshotOf(
      entries.map((e) =>
        e.id === 'deepseek'
          ? {
              ...e,
              recipients: [
                ...e.recipients,
                {
                  name: 'NewCloud Pte. Ltd.',
                  country: 'SG',
                  role: 'processor',
                  foundBy: 'vendor',
                  note: null,
                  source: 'test',
                },
              ],
            }
          : e,
      ),
    )
    const longer = {
      ...request,
      recipients: [...request.recipients, { name: 'NewCloud Pte. Ltd.', country: 'SG' }],
    }
    const after = await checkTransfer(deps, longer)
    assert.ok(after.needed && !after.ok && after.consentPossible)
    assert.match(after.missing[0]?.reason ?? '', /cns_test_1 was given for a notice that has since changed/)
    assert.equal((await fetch(oldLink)).status, 409)

    const listed = await fetch(`${base}/v1/consents?subject=${request.subject}`, {
      headers: { authorization: apiKey },
    })
    const body = (await listed.json()) as { consents: { id: string; valid: boolean; problem: string }[] }
    assert.deepEqual(
      body.consents.map((c) => [c.id, c.valid, c.problem]),
      [['cns_test_1', false, 'notice-changed']],
    )

    now = new Date(now.getTime() + 60_000)
    const again = await accept(after.consentUrl ?? '')
    assert.equal(again.status, 200)
    const passes = await checkTransfer(deps, longer)
    assert.ok(
      passes.needed && passes.ok && passes.transfers.some((t) => t.recipient === 'NewCloud Pte. Ltd.'),
    )
  })

  it('withdrawal by API stops the transfer; expiry too', async () => {
    const unauth = await fetch(`${base}/v1/consents/cns_test_2`, { method: 'DELETE' })
    assert.equal(unauth.status, 401)
    const res = await fetch(`${base}/v1/consents/cns_test_2`, {
      method: 'DELETE',
      headers: { authorization: apiKey },
    })
    assert.equal(res.status, 200)
    const longer = {
      ...request,
      recipients: [...request.recipients, { name: 'NewCloud Pte. Ltd.', country: 'SG' }],
    }
    const verdict = await checkTransfer(deps, longer)
    assert.ok(verdict.needed && !verdict.ok)
    assert.match(verdict.missing[0]?.reason ?? '', /cns_test_2 was withdrawn/)
    const missing = await fetch(`${base}/v1/consents/nope`, {
      method: 'DELETE',
      headers: { authorization: apiKey },
    })
    assert.equal(missing.status, 404)

    // A fresh consent, then the clock passes its end (365 days by default).
    now = new Date(now.getTime() + 60_000)
    assert.equal((await accept(verdict.consentUrl ?? '')).status, 200)
    const okNow = await checkTransfer(deps, longer)
    assert.ok(okNow.needed && okNow.ok)
    now = new Date(now.getTime() + 366 * 86_400_000)
    const expired = await checkTransfer(deps, longer)
    assert.ok(expired.needed && !expired.ok)
    assert.match(expired.missing[0]?.reason ?? '', /has expired/)
    const actions = (await ledger.read(1, 100)).map((r) =>
      r.entry.kind === 'consent' ? r.entry.action : r.entry.kind,
    )
    assert.deepEqual(actions, ['give', 'give', 'withdraw', 'give'])
  })

  it('imports a JSON array all-or-nothing, validated item by item', async () => {
    const notice = await fetch(`${base}/v1/consents/notice?service=openai-api&items=personal_identifier`, {
      headers: { authorization: apiKey },
    })
    const { noticeHash } = (await notice.json()) as { noticeHash: string }
    const good = {
      subject: 'subj_imported',
      service: 'openai-api',
      items: ['personal_identifier'],
      givenAt: '2026-11-01T00:00:00Z',
      evidence: 'paper form 2026-118',
      expiresAt: '2030-01-01T00:00:00Z',
      noticeHash,
    }
    const post = (body: unknown) =>
      fetch(`${base}/v1/consents`, {
        method: 'POST',
        headers: { authorization: apiKey, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const bad = await post([good, { ...good, noticeHash: 'f'.repeat(64) }])
    assert.equal(bad.status, 400)
    assert.match(
      ((await bad.json()) as { error: { message: string } }).error.message,
      /import\[1\].*differs from the current one/,
    )
    const noEvidence = await post([{ ...good, evidence: undefined }])
    assert.equal(noEvidence.status, 400)
    assert.equal((await consents.forSubject('acme', 'subj_imported')).length, 0, 'nothing written')
    const ok = await post([good])
    assert.equal(ok.status, 201)
    const verdict = await checkTransfer(deps, {
      tenant: 'acme',
      subject: 'subj_imported',
      service: 'openai-api',
      recipients: [{ name: 'OpenAI (US); entity not confirmed in this pass', country: 'US' }],
      categories: ['personal_identifier'],
    })
    assert.ok(verdict.needed && verdict.ok && verdict.transfers[0]?.consentId !== undefined)
  })
})
