import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { compilePolicy } from './compile-policy.ts'
import { lintPolicy } from './lint-policy.ts'
import { policySpecSchema, presetFileSchema } from './policy-schema.ts'

const notice = { ko: '차단', en: 'blocked' }
const context = { knownServices: new Set(['openai-api', 'deepseek']), knownUpstreams: new Set(['internal']) }

function lint(rules: unknown[], extra: Record<string, unknown> = {}) {
  return lintPolicy(
    compilePolicy(policySpecSchema.parse({ rules, default: { action: 'allow' }, ...extra })),
    context,
  )
}

const messages = (findings: { rule?: string; message: string }[]) =>
  findings.map((f) => `${f.rule}: ${f.message}`)

describe('lintPolicy', () => {
  it('finds rules after a rule without conditions', () => {
    const findings = lint([
      { id: 'ALL', action: 'block', notice },
      { id: 'LATER', when: { types: ['KR_RRN'] }, action: 'block', notice },
    ])
    assert.deepEqual(messages(findings), [
      "LATER: unreachable: rule 'ALL' (tenant) before it matches everything it matches",
    ])
  })

  it('finds rules whose conditions are narrower than an earlier rule’s', () => {
    const findings = lint([
      {
        id: 'PI',
        when: { categories: ['personal_identifier'], tenants: ['a', 'b'] },
        action: 'block',
        notice,
      },
      {
        id: 'PHONE',
        when: { types: ['PHONE_NUMBER'], tenants: ['a'], zones: ['z'] },
        action: 'block',
        notice,
      },
      {
        id: 'CN',
        when: [{ operatorCountries: ['CN'] }, { destinationCountries: ['CN'] }],
        action: 'block',
        notice,
      },
      { id: 'CN2', when: { destinationCountries: ['CN'], minRisk: 'high' }, action: 'block', notice },
    ])
    assert.deepEqual(
      findings.map((f) => f.rule),
      ['PHONE', 'CN2'],
    )
  })

  it('does not call reachable rules unreachable', () => {
    const findings = lint([
      { id: 'PHONE', when: { types: ['PHONE_NUMBER'] }, action: 'block', notice },
      { id: 'PI', when: { categories: ['personal_identifier'] }, action: 'block', notice },
      { id: 'STRICT', when: { types: ['PERSON'], minScore: 0.9 }, action: 'block', notice },
      { id: 'LOOSER', when: { types: ['PERSON'], minScore: 0.3 }, action: 'block', notice },
      { id: 'RESP', when: { types: ['PHONE_NUMBER'], direction: 'response' }, action: 'block', notice },
      { id: 'ZONE', when: { zones: ['a'] }, action: 'block', notice },
      { id: 'ZONE2', when: { zones: ['a', 'b'] }, action: 'block', notice },
    ])
    assert.deepEqual(messages(findings), [
      "STRICT: unreachable: rule 'PI' (tenant) before it matches everything it matches",
    ])
  })

  it('lets rules after a warn rule be reached (a reason skips the warn), except other warn rules', () => {
    const findings = lint([
      { id: 'W', action: 'warn', notice },
      { id: 'B', when: { types: ['KR_RRN'] }, action: 'block', notice },
      { id: 'W2', when: { types: ['KR_RRN'] }, action: 'warn', notice },
    ])
    assert.deepEqual(
      findings.map((f) => f.rule),
      ['W2'],
    )
  })

  it('reports duplicate ids, unknown services and upstreams, and undefined zones', () => {
    const policy = compilePolicy(
      policySpecSchema.parse({
        allowlist: ['nope'],
        rules: [
          { id: 'A', when: { services: ['openai-ap'] }, action: 'route', routeTo: 'internal' },
          { id: 'A', when: { zones: ['ghost'] }, action: 'route', routeTo: 'elsewhere' },
        ],
        default: { action: 'route', routeTo: 'missing' },
      }),
    )
    const findings = lintPolicy(policy, { ...context, knownZones: new Set(['local']) })
    assert.deepEqual(messages(findings), [
      "A: unknown service 'openai-ap' (not in the catalog)",
      "A: duplicate rule id 'A' (also from tenant)",
      "A: zone 'ghost' is not defined in zones",
      "A: routes to unknown upstream 'elsewhere'",
      "default: routes to unknown upstream 'missing'",
      "allowlist: unknown service 'nope' (not in the catalog)",
    ])
    assert.equal(findings.find((f) => f.message.includes('ghost'))?.severity, 'warning')
  })

  it('warns about allowlist entries without a review reference when the preset asks for one', () => {
    const preset = presetFileSchema.parse({
      id: 'p',
      name: notice,
      requireReviewRef: true,
      rules: [],
      default: { action: 'block', notice },
    })
    const policy = compilePolicy(
      policySpecSchema.parse({ allowlist: ['openai-api', { service: 'deepseek', reviewRef: 'NIS-7' }] }),
      { preset },
    )
    const findings = lintPolicy(policy, context)
    assert.equal(findings.length, 1)
    assert.equal(findings[0]?.severity, 'warning')
    assert.match(findings[0]?.message ?? '', /'openai-api' has no reviewRef/)
  })
})
