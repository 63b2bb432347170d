import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { builtinCatalogUrl } from '../../adapters/catalog/load-builtin-catalog.ts'
import { openSqliteConsentStore } from '../../adapters/state-sqlite/consent-store.ts'
import { parseCatalog } from '../../core/catalog/catalog-schema.ts'
import { buildRecipientRegister } from '../../core/transfers/recipient-register.ts'
import { transfersConfigSchema } from '../../core/transfers/transfers-config.ts'
import type { ConsentStore } from './consent-store-port.ts'
import { judgeGatewayTransfer } from './gateway-transfer.ts'
import type { TransferDeps } from './transfer-deps.ts'

const entries = parseCatalog(JSON.parse(readFileSync(builtinCatalogUrl, 'utf8')))
const register = buildRecipientRegister(entries).register
const recipientsOf = (service: string) =>
  (register.chainOf(service) ?? []).map((r) => ({ name: r.name, country: r.country }))

describe('judgeGatewayTransfer', () => {
  let dir = ''
  let consents: ConsentStore
  let deps: TransferDeps
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-gw-transfer-'))
    consents = await openSqliteConsentStore(dir)
    const settings = transfersConfigSchema.parse({
      bases: [
        {
          recipient: 'OpenAI',
          basis: 'KR_PIPA_28_8_1_3',
          reference: 'DPA-9',
          privacyPolicyVersion: '2026-10',
        },
      ],
      tenants: { ministry: { country: 'KR', publicAuthority: true } },
    })
    deps = {
      transfers: () => ({ register, settings }),
      consents,
      tokenKey: new Uint8Array(32).fill(1),
      clock: { now: () => new Date('2026-11-24T07:00:00Z') },
      publicUrl: 'https://sluice.example',
      recordConsent: async () => {},
    }
  })
  after(async () => {
    await consents.close()
    await rm(dir, { recursive: true, force: true })
  })
  const email = [{ type: 'EMAIL_ADDRESS', category: 'personal_identifier' }]

  it('asks for consent for personal data to DeepSeek, with a link and the article', async () => {
    const out = await judgeGatewayTransfer(deps, {
      tenant: 'acme',
      subject: 'subj_a',
      service: 'deepseek',
      recipients: recipientsOf('deepseek'),
      summary: email,
      decision: { action: 'allow' },
    })
    assert.ok('refuse' in out && out.refuse.kind === 'consent_required')
    assert.ok(out.refuse.consentUrl.startsWith('https://sluice.example/consent/'))
    assert.match(out.refuse.message, /PIPA Art\. 28-8\(1\)/)
  })

  it('records the entrustment ground for OpenAI (processor, no training on API data)', async () => {
    const out = await judgeGatewayTransfer(deps, {
      tenant: 'acme',
      subject: 'subj_a',
      service: 'openai-api',
      recipients: recipientsOf('openai-api'),
      summary: email,
      decision: { action: 'allow' },
    })
    assert.deepEqual(out, {
      transfer: {
        origin: 'KR',
        grounds: [{ recipient: 'OpenAI', country: 'US', basis: 'KR_PIPA_28_8_1_3', reference: 'DPA-9' }],
      },
    })
  })

  it('needs nothing once the personal data is redacted, or when the decision blocks', async () => {
    for (const decision of [{ action: 'redact' }, { action: 'block' }]) {
      const out = await judgeGatewayTransfer(deps, {
        tenant: 'acme',
        subject: 'subj_a',
        service: 'deepseek',
        recipients: recipientsOf('deepseek'),
        summary: email,
        decision,
      })
      assert.deepEqual(out, { transfer: undefined })
    }
  })

  it('EU-origin data from a public authority to DeepSeek: no basis and no consent route (GDPR 49(3))', async () => {
    const out = await judgeGatewayTransfer(deps, {
      tenant: 'ministry',
      subject: 'subj_m',
      service: 'deepseek',
      recipients: recipientsOf('deepseek'),
      summary: email,
      decision: { action: 'allow' },
      dataOrigin: 'EU',
    })
    assert.ok('refuse' in out && out.refuse.kind === 'no_basis')
    assert.match(out.refuse.message, /GDPR Art\. 49\(3\)/)
  })
})
