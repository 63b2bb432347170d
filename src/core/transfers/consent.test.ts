import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parseCatalog } from '../catalog/catalog-schema.ts'
import { entryProblem } from '../ledger/ledger-record.ts'
import { buildConsentNotice, noticeHash, personalItems } from './consent.ts'
import { renderConsentPage } from './consent-page.ts'
import { signConsentToken, verifyConsentToken } from './consent-token.ts'
import { buildRecipientRegister, type RegisterRecipient } from './recipient-register.ts'

const entries = parseCatalog(
  JSON.parse(readFileSync(new URL('../../../catalog/ai-services.json', import.meta.url), 'utf8')),
)
const register = buildRecipientRegister(entries).register
const chain = register.chainOf('deepseek') as readonly RegisterRecipient[]
const notice = (c: readonly RegisterRecipient[], categories = ['personal_identifier'], name = 'DeepSeek') =>
  buildConsentNotice({ service: 'deepseek', serviceName: name, chain: c, categories })

describe('consent notice', () => {
  it('fills the five PIPA 28-8(2) items from the register', () => {
    const n = notice(chain, ['device_information', 'credentials', 'personal_identifier'])
    assert.deepEqual(
      n.items,
      ['device_information', 'personal_identifier'],
      'credentials are not personal items',
    )
    assert.deepEqual(n.countries, ['CN', 'US'])
    assert.equal(n.timingAndMethod.en, 'at each request, over HTTPS, to the API of DeepSeek')
    assert.deepEqual(
      n.recipients.map((r) => r.legalName),
      [
        'Hangzhou DeepSeek Artificial Intelligence Co., Ltd.',
        'Beijing DeepSeek',
        'Volcano Engine',
        'Shumei Technology',
        'Intercom',
      ],
    )
    assert.match(n.refusal.en, /withdrawn at any time/)
  })

  it('hashes differently when any one of the five items changes', () => {
    const base = noticeHash(notice(chain))
    assert.equal(noticeHash(notice(chain)), base, 'stable')
    const variants = [
      notice(chain, ['personal_identifier', 'sensitive']), // 1 items
      notice(chain.map((r, i) => (i === 4 ? { ...r, country: 'IE' } : r))), // 2 country
      notice(chain, ['personal_identifier'], 'DeepSeek API'), // 2 method (service)
      notice(chain.slice(0, 4)), // 3 recipient removed
      notice(chain.map((r, i) => (i === 2 ? { ...r, contact: 'dpo@volcengine.example' } : r))), // 3 contact
      notice(chain.map((r, i) => (i === 0 ? { ...r, retention: { ko: '30일', en: '30 days' } } : r))), // 4
    ]
    for (const [i, v] of variants.entries()) assert.notEqual(noticeHash(v), base, `variant ${i}`)
  })

  it('lists only personal categories as items', () => {
    assert.deepEqual(personalItems(['classified', 'network_details', 'network_details', 'sensitive']), [
      'network_details',
      'sensitive',
    ])
  })
})

describe('consent token', () => {
  const key = new Uint8Array(32).fill(7)
  const claims = {
    tenant: 'acme',
    subject: 'subj_0123456789abcdef',
    service: 'deepseek',
    chainHash: 'c'.repeat(64),
    noticeHash: 'd'.repeat(64),
    items: ['personal_identifier'],
    bases: ['KR_PIPA_28_8_1_1'],
    expires: 1_000,
  }

  it('round-trips, and carries no personal data in clear', () => {
    const token = signConsentToken(key, claims)
    assert.deepEqual(verifyConsentToken(key, token, 999), { ok: true, claims })
    assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
  })

  it('refuses an expired, re-signed, altered or malformed token', () => {
    const token = signConsentToken(key, claims)
    assert.deepEqual(verifyConsentToken(key, token, 1_000), { ok: false, problem: 'expired' })
    assert.deepEqual(verifyConsentToken(new Uint8Array(32), token, 1), {
      ok: false,
      problem: 'bad-signature',
    })
    const [payload, signature] = token.split('.') as [string, string]
    const forged = Buffer.from(
      JSON.stringify(['acme', 'subj_x', 'deepseek', 'c', 'd', [], [], 9e9]),
    ).toString('base64url')
    assert.deepEqual(verifyConsentToken(key, `${forged}.${signature}`, 1), {
      ok: false,
      problem: 'bad-signature',
    })
    assert.deepEqual(verifyConsentToken(key, `${payload}`, 1), { ok: false, problem: 'malformed' })
  })
})

describe('consent page', () => {
  it('shows the five items in Korean and English, escaped, with the notice hash in the form', () => {
    const hostile = chain.map((r, i) => (i === 1 ? { ...r, contact: '<script>alert(1)</script>' } : r))
    const n = notice(hostile, ['personal_identifier', 'device_information'])
    const html = renderConsentPage({
      notice: n,
      noticeHash: noticeHash(n),
      bases: ['KR_PIPA_28_8_1_1'],
      action: '/consent/t',
    })
    for (const heading of [
      '이전되는 개인정보 항목',
      'Country, timing and method',
      '받는 자의 성명',
      'Purpose, retention',
      '거부 방법',
    ]) {
      assert.ok(html.includes(heading), heading)
    }
    assert.ok(html.includes('Volcano Engine (CN, sub-processor)'))
    assert.ok(html.includes('PIPA Art. 28-8(1)1'))
    assert.ok(html.includes(`value="${noticeHash(n)}"`))
    assert.ok(!html.includes('<script>alert'), 'escaped')
    assert.ok(html.includes('&#60;script&#62;'))
  })
})

describe('ledger consent entry', () => {
  it('passes the ledger shape check, and a decision may carry transfer grounds', () => {
    const consent = {
      kind: 'consent',
      time: '2026-11-24T07:00:00.000Z',
      action: 'give',
      consentId: 'cns_1',
      tenant: 'acme',
      subject: 'subj_1',
      service: 'deepseek',
      bases: ['KR_PIPA_28_8_1_1'],
      items: ['personal_identifier'],
      recipients: [{ name: 'Volcano Engine', country: 'CN' }],
      noticeHash: 'a'.repeat(64),
    }
    assert.equal(entryProblem(consent), undefined)
    assert.match(entryProblem({ ...consent, prompt: 'x' }) ?? '', /unknown field 'prompt'/)
    const decision = {
      kind: 'decision',
      time: '2026-11-24T07:00:00.000Z',
      requestId: 'r1',
      tenant: 'acme',
      subject: 'subj_1',
      direction: 'request',
      recipients: [],
      countries: [],
      categories: [],
      typeCounts: {},
      action: 'allow',
      rule: 'default',
      transfer: {
        origin: 'KR',
        grounds: [{ recipient: 'OpenAI', country: 'US', basis: 'KR_PIPA_28_8_1_1', consentId: 'cns_1' }],
      },
    }
    assert.equal(entryProblem(decision), undefined)
    assert.match(
      entryProblem({
        ...decision,
        transfer: { origin: 'KR', grounds: [{ recipient: 'OpenAI', country: 'usa', basis: 'X' }] },
      }) ?? '',
      /^transfer \.grounds \[0\] \.country/,
    )
  })
})
