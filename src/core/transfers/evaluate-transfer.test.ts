import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parseCatalog } from '../catalog/catalog-schema.ts'
import { buildConsentNotice, type ConsentRecord, chainHash, noticeHash } from './consent.ts'
import { evaluateTransfer, type TransferInput, type TransferVerdict } from './evaluate-transfer.ts'
import { legalBases, legalBasis } from './legal-bases.ts'
import { buildRecipientRegister, type RegisterRecipient } from './recipient-register.ts'
import type { BasisOnFile, RecipientPatch } from './transfers-config.ts'

const entries = parseCatalog(
  JSON.parse(readFileSync(new URL('../../../catalog/ai-services.json', import.meta.url), 'utf8')),
)

const registerWith = (patches: RecipientPatch[] = []) => buildRecipientRegister(entries, patches).register

function chainOf(service: string, patches: RecipientPatch[] = []): readonly RegisterRecipient[] {
  const chain = registerWith(patches).chainOf(service)
  assert.ok(chain, service)
  return chain
}

function input(
  overrides: Partial<TransferInput> & { recipients: readonly RegisterRecipient[] },
): TransferInput {
  const service = overrides.service ?? 'deepseek'
  return {
    tenant: 'acme',
    tenantCountry: 'KR',
    tenantIsPublicAuthority: false,
    service,
    categories: ['personal_identifier'],
    bases: [],
    consents: [],
    recognisedCountries: [],
    now: '2026-11-24T07:00:00.000Z',
    currentNoticeHash: (items) =>
      noticeHash(
        buildConsentNotice({ service, serviceName: service, chain: overrides.recipients, categories: items }),
      ),
    ...overrides,
  }
}

function missingOf(verdict: TransferVerdict) {
  assert.ok(verdict.needed && !verdict.ok, `expected missing, got ${JSON.stringify(verdict)}`)
  return verdict
}

function consentFor(chain: readonly RegisterRecipient[], over: Partial<ConsentRecord> = {}): ConsentRecord {
  const items = over.items ?? ['personal_identifier']
  return {
    id: 'cns_1',
    tenant: 'acme',
    subject: 'subj_1',
    service: 'deepseek',
    bases: ['KR_PIPA_28_8_1_1'],
    items,
    recipients: chain.map((r) => r.legalName),
    chainHash: chainHash(chain),
    noticeHash: noticeHash(
      buildConsentNotice({ service: 'deepseek', serviceName: 'deepseek', chain, categories: items }),
    ),
    givenAt: '2026-11-01T00:00:00.000Z',
    expiresAt: '2027-11-01T00:00:00.000Z',
    withdrawnAt: null,
    source: 'page',
    evidence: null,
    ...over,
  }
}

describe('legal bases', () => {
  it('have unique codes, each citing its article', () => {
    assert.equal(new Set(legalBases.map((b) => b.code)).size, legalBases.length)
    for (const code of [
      'KR_PIPA_28_8_1_1',
      'KR_PIPA_28_8_1_5',
      'GDPR_45',
      'GDPR_46_2_C',
      'GDPR_46_2_B',
      'GDPR_49_1_A',
      'GDPR_49_1_G',
      'CN_PIPL_38_1_4',
      'CN_PIPL_39',
    ])
      assert.ok(legalBasis(code), code)
    assert.equal(legalBasis('KR_PIPA_28_8_1_3')?.article, 'PIPA Art. 28-8(1)3')
    assert.equal(legalBasis('GDPR_49_1_A')?.article, 'GDPR Art. 49(1)(a)')
  })
})

describe('recipient register', () => {
  it('resolves the DeepSeek chain: Hangzhou operator, then Beijing DeepSeek, Volcano Engine in CN, Shumei, Intercom in US', () => {
    const chain = chainOf('deepseek')
    assert.deepEqual(
      chain.map((r) => [r.legalName, r.country, r.link]),
      [
        ['Hangzhou DeepSeek Artificial Intelligence Co., Ltd.', 'CN', 'operator'],
        ['Beijing DeepSeek', 'CN', 'recipient'],
        ['Volcano Engine', 'CN', 'recipient'],
        ['Shumei Technology', 'CN', 'recipient'],
        ['Intercom', 'US', 'recipient'],
      ],
    )
    assert.equal(chain[0]?.usesDataForOwnPurposes, true, 'DeepSeek trains on prompts by default')
    assert.equal(chain[2]?.role, 'sub-processor')
  })

  it('applies configuration patches by name and reports names that match nothing', () => {
    const { register, unmatched } = buildRecipientRegister(entries, [
      { name: 'volcano engine', suspended: { orderRef: 'PIPC 2025-04', from: '2025-04-23' } },
      { name: 'No Such Company', contact: 'x' },
    ])
    assert.equal(register.find('Volcano Engine', 'deepseek')?.suspended?.orderRef, 'PIPC 2025-04')
    assert.deepEqual(unmatched, ['No Such Company'])
    assert.equal(register.serviceName('deepseek'), 'DeepSeek (chat app/web and API platform)')
  })
})

describe('evaluateTransfer', () => {
  it('needs nothing without personal data, or when every recipient is domestic', () => {
    assert.deepEqual(
      evaluateTransfer(input({ recipients: chainOf('deepseek'), categories: ['credentials'] })),
      {
        needed: false,
      },
    )
    assert.deepEqual(evaluateTransfer(input({ recipients: chainOf('naver-hyperclova-x') })), {
      needed: false,
    })
  })

  it('finds no basis for personal data to DeepSeek, citing PIPA Art. 28-8(1), and offers consent', () => {
    const verdict = missingOf(evaluateTransfer(input({ recipients: chainOf('deepseek') })))
    assert.equal(verdict.missing.length, 5)
    const volcano = verdict.missing.find((m) => m.recipient === 'Volcano Engine')
    assert.equal(volcano?.country, 'CN')
    assert.match(
      volcano?.reason ?? '',
      /^PIPA Art\. 28-8\(1\): no usable legal basis for personal data to Volcano Engine \(CN\)/,
    )
    assert.equal(verdict.consentPossible, true)
  })

  it('refuses entrustment (28-8(1)3) to a recipient that uses the data for its own purposes', () => {
    const chain = chainOf('deepseek').slice(0, 1)
    const bases: BasisOnFile[] = [
      {
        recipient: 'Hangzhou DeepSeek Artificial Intelligence Co., Ltd.',
        basis: 'KR_PIPA_28_8_1_3',
        reference: 'DPA-7',
        privacyPolicyVersion: 'v3',
      },
    ]
    const verdict = missingOf(evaluateTransfer(input({ recipients: chain, bases })))
    assert.match(
      verdict.missing[0]?.reason ?? '',
      /KR_PIPA_28_8_1_3 \(PIPA Art\. 28-8\(1\)3\) is unavailable: .* uses the data for its own purposes/,
    )
    // The same contract holds once the register establishes processor-only use.
    const processorOnly = chainOf('deepseek', [
      { name: 'Hangzhou DeepSeek Artificial Intelligence Co., Ltd.', usesDataForOwnPurposes: false },
    ]).slice(0, 1)
    const ok = evaluateTransfer(input({ recipients: processorOnly, bases }))
    assert.deepEqual(ok, {
      needed: true,
      ok: true,
      transfers: [
        {
          recipient: 'Hangzhou DeepSeek Artificial Intelligence Co., Ltd.',
          country: 'CN',
          regime: 'KR_PIPA',
          basis: 'KR_PIPA_28_8_1_3',
          article: 'PIPA Art. 28-8(1)3',
          reference: 'DPA-7',
        },
      ],
    })
  })

  it('entrustment needs the privacy-policy version that discloses the five items', () => {
    const chain = chainOf('openai-api')
    const bases: BasisOnFile[] = [{ recipient: 'OpenAI', basis: 'KR_PIPA_28_8_1_3', reference: 'DPA-1' }]
    const verdict = missingOf(evaluateTransfer(input({ recipients: chain, service: 'openai-api', bases })))
    assert.match(verdict.missing[0]?.reason ?? '', /privacy-policy version/)
  })

  it('28-8(1)4 needs a recorded certification and 28-8(1)5 a recognised country (none by default)', () => {
    const certified = chainOf('openai-api', [
      { name: 'OpenAI', certification: { scheme: 'ISMS-P', reference: 'C-1', validUntil: '2027-01-01' } },
    ])
    const cert = evaluateTransfer(input({ recipients: certified, service: 'openai-api' }))
    assert.ok(cert.needed && cert.ok && cert.transfers[0]?.basis === 'KR_PIPA_28_8_1_4')
    const expired = chainOf('openai-api', [
      { name: 'OpenAI', certification: { scheme: 'ISMS-P', reference: 'C-1', validUntil: '2026-01-01' } },
    ])
    missingOf(evaluateTransfer(input({ recipients: expired, service: 'openai-api' })))
    const plain = chainOf('openai-api')
    missingOf(evaluateTransfer(input({ recipients: plain, service: 'openai-api' })))
    const recognised = evaluateTransfer(
      input({ recipients: plain, service: 'openai-api', recognisedCountries: ['US'] }),
    )
    assert.ok(recognised.needed && recognised.ok && recognised.transfers[0]?.basis === 'KR_PIPA_28_8_1_5')
  })

  it('a valid separate consent supplies 28-8(1)1 for the whole chain, with its id', () => {
    const chain = chainOf('deepseek')
    const verdict = evaluateTransfer(input({ recipients: chain, consents: [consentFor(chain)] }))
    assert.ok(verdict.needed && verdict.ok)
    assert.equal(verdict.transfers.length, 5)
    assert.ok(verdict.transfers.every((t) => t.basis === 'KR_PIPA_28_8_1_1' && t.consentId === 'cns_1'))
  })

  it('a consent becomes invalid when the recipient list changes (new sub-processor)', () => {
    const chain = chainOf('deepseek')
    const consent = consentFor(chain)
    const longer = [
      ...chain,
      { ...(chain[4] as RegisterRecipient), name: 'NewCo', legalName: 'NewCo', country: 'SG' },
    ]
    const verdict = missingOf(evaluateTransfer(input({ recipients: longer, consents: [consent] })))
    assert.match(verdict.missing[0]?.reason ?? '', /cns_1 was given for a notice that has since changed/)
    assert.equal(verdict.consentPossible, true)
  })

  it('a withdrawn or expired consent no longer counts; one for fewer items does not cover more', () => {
    const chain = chainOf('deepseek')
    const withdrawn = consentFor(chain, { withdrawnAt: '2026-11-20T00:00:00.000Z' })
    assert.match(
      missingOf(evaluateTransfer(input({ recipients: chain, consents: [withdrawn] }))).missing[0]?.reason ??
        '',
      /cns_1 was withdrawn/,
    )
    const expired = consentFor(chain, { expiresAt: '2026-11-24T06:59:59.000Z' })
    assert.match(
      missingOf(evaluateTransfer(input({ recipients: chain, consents: [expired] }))).missing[0]?.reason ?? '',
      /cns_1 has expired/,
    )
    const narrow = consentFor(chain)
    const more = input({
      recipients: chain,
      consents: [narrow],
      categories: ['personal_identifier', 'sensitive'],
    })
    assert.match(missingOf(evaluateTransfer(more)).missing[0]?.reason ?? '', /does not cover every item/)
  })

  it('EU-origin data also needs a GDPR basis; SCCs on file satisfy it', () => {
    const chain = chainOf('openai-api', [
      { name: 'OpenAI', certification: { scheme: 'ISMS-P', reference: 'C-1' } },
    ])
    const eu = missingOf(
      evaluateTransfer(input({ recipients: chain, service: 'openai-api', dataOrigin: 'EU' })),
    )
    assert.deepEqual(
      eu.missing.map((m) => m.regime),
      ['EU_GDPR'],
    )
    assert.match(eu.missing[0]?.reason ?? '', /^GDPR Art\. 44: /)
    const scc: BasisOnFile[] = [
      { recipient: 'OpenAI', basis: 'GDPR_46_2_C', reference: 'SCC 2021/914 module 2' },
    ]
    const ok = evaluateTransfer(
      input({ recipients: chain, service: 'openai-api', dataOrigin: 'EU', bases: scc }),
    )
    assert.ok(ok.needed && ok.ok)
    assert.deepEqual(
      ok.transfers.map((t) => t.basis),
      ['KR_PIPA_28_8_1_4', 'GDPR_46_2_C'],
    )
    // Korea is adequate (Decision 2022/254): EU data staying with a Korean recipient needs no GDPR basis here.
    assert.deepEqual(
      evaluateTransfer(input({ recipients: chainOf('naver-hyperclova-x'), dataOrigin: 'EU' })),
      {
        needed: false,
      },
    )
  })

  it('a public authority cannot rely on GDPR 49(1)(a) consent, so consent is not offered', () => {
    const chain = chainOf('openai-api', [
      { name: 'OpenAI', certification: { scheme: 'ISMS-P', reference: 'C-1' } },
    ])
    const consent = consentFor(chain, { service: 'openai-api', bases: ['KR_PIPA_28_8_1_1', 'GDPR_49_1_A'] })
    const hashed = {
      ...consent,
      noticeHash: noticeHash(
        buildConsentNotice({
          service: 'openai-api',
          serviceName: 'openai-api',
          chain,
          categories: consent.items,
        }),
      ),
    }
    const asCompany = evaluateTransfer(
      input({ recipients: chain, service: 'openai-api', dataOrigin: 'EU', consents: [hashed] }),
    )
    assert.ok(asCompany.needed && asCompany.ok && asCompany.transfers[1]?.basis === 'GDPR_49_1_A')
    const asMinistry = missingOf(
      evaluateTransfer(
        input({
          recipients: chain,
          service: 'openai-api',
          dataOrigin: 'EU',
          consents: [hashed],
          tenantIsPublicAuthority: true,
        }),
      ),
    )
    assert.match(
      asMinistry.missing[0]?.reason ?? '',
      /GDPR_49_1_A \(GDPR Art\. 49\(1\)\(a\)\) is unavailable to public authorities/,
    )
    assert.equal(asMinistry.consentPossible, false)
  })

  it('China-origin data needs a PIPL 38 basis AND 39 separate consent', () => {
    const chain = chainOf('openai-api', [
      { name: 'OpenAI', certification: { scheme: 'ISMS-P', reference: 'C-1' } },
    ])
    const bare = missingOf(
      evaluateTransfer(input({ recipients: chain, service: 'openai-api', dataOrigin: 'CN' })),
    )
    assert.equal(bare.consentPossible, false, 'consent alone cannot cure a missing Art. 38 basis')
    const contract: BasisOnFile[] = [{ recipient: 'OpenAI', basis: 'CN_PIPL_38_1_3', reference: 'CAC SC-9' }]
    const noConsent = missingOf(
      evaluateTransfer(
        input({ recipients: chain, service: 'openai-api', dataOrigin: 'CN', bases: contract }),
      ),
    )
    assert.equal(noConsent.consentPossible, true)
    const consent = consentFor(chain, { service: 'openai-api', bases: ['CN_PIPL_39'] })
    const hashed = {
      ...consent,
      noticeHash: noticeHash(
        buildConsentNotice({
          service: 'openai-api',
          serviceName: 'openai-api',
          chain,
          categories: consent.items,
        }),
      ),
    }
    const ok = evaluateTransfer(
      input({
        recipients: chain,
        service: 'openai-api',
        dataOrigin: 'CN',
        bases: contract,
        consents: [hashed],
      }),
    )
    assert.ok(ok.needed && ok.ok)
    assert.deepEqual(ok.transfers[1], {
      recipient: 'OpenAI',
      country: 'US',
      regime: 'CN_PIPL',
      basis: 'CN_PIPL_38_1_3',
      article: 'PIPL Art. 38(1)3 with Art. 39',
      reference: 'CAC SC-9',
      consentId: 'cns_1',
    })
  })

  it('a suspended recipient is missing under Art. 28-9 and consent cannot cure it', () => {
    const chain = chainOf('deepseek', [
      { name: 'Volcano Engine', suspended: { orderRef: 'PIPC-2025-0423', from: '2025-04-23' } },
    ])
    const verdict = missingOf(evaluateTransfer(input({ recipients: chain, consents: [consentFor(chain)] })))
    assert.deepEqual(
      verdict.missing.map((m) => m.recipient),
      ['Volcano Engine'],
    )
    assert.match(verdict.missing[0]?.reason ?? '', /PIPA Art\. 28-9: .*PIPC-2025-0423/)
    assert.equal(verdict.consentPossible, false)
  })

  it('a basis on file for another tenant, or expired, does not count', () => {
    const chain = chainOf('openai-api')
    const elsewhere: BasisOnFile[] = [
      { tenant: 'other', recipient: 'OpenAI', basis: 'KR_PIPA_28_8_1_2', reference: 'Treaty X' },
    ]
    missingOf(evaluateTransfer(input({ recipients: chain, service: 'openai-api', bases: elsewhere })))
    const lapsed: BasisOnFile[] = [
      { recipient: 'OpenAI', basis: 'KR_PIPA_28_8_1_2', reference: 'Treaty X', validUntil: '2026-01-01' },
    ]
    missingOf(evaluateTransfer(input({ recipients: chain, service: 'openai-api', bases: lapsed })))
    const mine: BasisOnFile[] = [
      { tenant: 'acme', recipient: 'openai', basis: 'KR_PIPA_28_8_1_2', reference: 'Treaty X' },
    ]
    const ok = evaluateTransfer(input({ recipients: chain, service: 'openai-api', bases: mine }))
    assert.ok(ok.needed && ok.ok && ok.transfers[0]?.reference === 'Treaty X')
  })
})
