import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { applyDirectives, type DirectiveRequest } from './apply-directives.ts'
import { type Directive, directiveProblem, toDirective } from './directive.ts'

const suspension: Directive = {
  id: 'dir-volcano',
  kind: 'suspend-transfers',
  target: { recipient: 'Volcano Engine' },
  from: '2025-04-10T00:00:00.000Z',
  orderRef: 'PIPC 2025-04 DeepSeek',
  basis: 'PIPA Art. 28-9',
  issuedBy: 'CPO kim',
  issuedAt: '2025-04-10T00:00:00.000Z',
}

const deepseek: DirectiveRequest = {
  tenant: 'acme',
  service: 'deepseek',
  recipients: [
    { name: 'Hangzhou DeepSeek Artificial Intelligence Co., Ltd.', country: 'CN' },
    { name: 'volcano  engine', country: 'CN' },
  ],
  time: '2025-04-10T08:00:00.000Z',
  personalData: true,
}

describe('applyDirectives', () => {
  it('blocks personal data to a suspended recipient from the order date, not before', () => {
    const verdict = applyDirectives([suspension], deepseek)
    assert.equal(verdict.blocked, true)
    if (!verdict.blocked) return
    assert.equal(verdict.directive.id, 'dir-volcano')
    assert.match(
      verdict.notice.en,
      /Volcano Engine.*suspended from 2025-04-10.*PIPC 2025-04 DeepSeek, PIPA Art\. 28-9/,
    )
    assert.match(verdict.notice.ko, /개인정보 이전이 중지/)
    assert.deepEqual(applyDirectives([suspension], { ...deepseek, time: '2025-04-09T23:59:59.999Z' }), {
      blocked: false,
    })
  })

  it('lets a request without personal data, or to other recipients, through', () => {
    assert.deepEqual(applyDirectives([suspension], { ...deepseek, personalData: false }), { blocked: false })
    const openai = {
      ...deepseek,
      service: 'openai-api',
      recipients: [{ name: 'OpenAI, L.L.C.', country: 'US' }],
    }
    assert.deepEqual(applyDirectives([suspension], openai), { blocked: false })
  })

  it('suspends by country, and by recipient and country together', () => {
    const china: Directive = { ...suspension, id: 'dir-cn', target: { country: 'CN' } }
    assert.equal(applyDirectives([china], deepseek).blocked, true)
    const wrongCountry: Directive = { ...suspension, target: { recipient: 'Volcano Engine', country: 'US' } }
    assert.equal(applyDirectives([wrongCountry], deepseek).blocked, false)
  })

  it('block-service blocks every request to the service, personal data or not', () => {
    const block: Directive = {
      ...suspension,
      id: 'dir-block',
      kind: 'block-service',
      target: { service: 'deepseek' },
    }
    const verdict = applyDirectives([suspension, block], { ...deepseek, personalData: false })
    assert.equal(verdict.blocked && verdict.directive.id, 'dir-block')
    // The wider order is reported when both bind, whatever the list order.
    const both = applyDirectives([suspension, block], deepseek)
    assert.equal(both.blocked && both.directive.id, 'dir-block')
    assert.match(both.blocked ? both.notice.en : '', /service deepseek is blocked/)
    assert.equal(applyDirectives([block], { ...deepseek, service: 'openai-api' }).blocked, false)
  })

  it('a revocation lifts the directive from its time; until ends it', () => {
    const revoked: Directive = { ...suspension, revokedAt: '2025-04-28T00:00:00.000Z', revokedBy: 'CPO kim' }
    assert.equal(applyDirectives([revoked], deepseek).blocked, true)
    assert.equal(applyDirectives([revoked], { ...deepseek, time: '2025-04-28T00:00:00.000Z' }).blocked, false)
    const ending: Directive = { ...suspension, until: '2025-04-20T00:00:00.000Z' }
    assert.equal(applyDirectives([ending], { ...deepseek, time: '2025-04-21T00:00:00.000Z' }).blocked, false)
  })

  it('a tenant directive binds only that tenant; delete-data never blocks', () => {
    const tenantOnly: Directive = { ...suspension, tenant: 'other' }
    assert.equal(applyDirectives([tenantOnly], deepseek).blocked, false)
    assert.equal(applyDirectives([{ ...tenantOnly, tenant: 'acme' }], deepseek).blocked, true)
    const deletion: Directive = {
      ...suspension,
      kind: 'delete-data',
      range: { from: '2025-01-15T00:00:00.000Z', to: '2025-02-16T00:00:00.000Z' },
    }
    assert.equal(applyDirectives([deletion], deepseek).blocked, false)
  })
})

describe('directive shape', () => {
  it('accepts a valid directive and drops undefined optionals', () => {
    assert.equal(directiveProblem(suspension), undefined)
    assert.deepEqual(toDirective({ ...suspension, tenant: undefined }), suspension)
  })

  it('names what is wrong', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...suspension, target: {} }, /needs a recipient, a country or a service/],
      [{ ...suspension, kind: 'block-service' }, /target\.service: block-service needs the service/],
      [{ ...suspension, kind: 'delete-data' }, /range: delete-data needs the time range/],
      [
        { ...suspension, range: { from: suspension.from, to: '2025-05-01T00:00:00Z' } },
        /only delete-data takes a range/,
      ],
      [{ ...suspension, from: '2025-04-10' }, /from: an ISO 8601 time with a zone/],
      [{ ...suspension, until: '2025-04-01T00:00:00Z' }, /until must be after from/],
      [{ ...suspension, target: { country: 'China' } }, /target\.country/],
      [{ ...suspension, id: 'has space' }, /^id:/],
      [{ ...suspension, extra: 1 }, /extra/],
    ]
    for (const [value, pattern] of cases) assert.match(directiveProblem(value) ?? 'accepted', pattern)
    assert.throws(() => toDirective({}), TypeError)
  })
})
