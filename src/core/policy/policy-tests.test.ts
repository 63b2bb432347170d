import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { testServiceFacts } from '../../../test/support/policy-services.ts'
import { compilePolicy } from './compile-policy.ts'
import { policySpecSchema, policyTestCaseSchema } from './policy-schema.ts'
import { buildFacts, runPolicyTests } from './policy-tests.ts'

const notice = { ko: '차단', en: 'blocked' }
const policy = compilePolicy(
  policySpecSchema.parse({
    rules: [
      { id: 'CN', when: { operatorCountries: ['CN'] }, action: 'block', notice },
      { id: 'PI', when: { categories: ['personal_identifier'] }, action: 'pseudonymise' },
      { id: 'LISTED', when: { allowlisted: true }, action: 'allow' },
    ],
    default: { action: 'warn', notice },
  }),
)
const options = { tenant: 'acme', serviceFacts: testServiceFacts }
const cases = (list: unknown[]) => list.map((c) => policyTestCaseSchema.parse(c))

describe('runPolicyTests', () => {
  it('passes cases whose decision matches and explains the ones that do not', () => {
    const results = runPolicyTests(
      policy,
      cases([
        { name: 'deepseek', request: { service: 'deepseek' }, expect: { action: 'block', rule: 'CN' } },
        { name: 'wrong', request: { service: 'openai-api' }, expect: { action: 'allow', rule: 'LISTED' } },
        {
          name: 'types',
          request: { detections: ['PHONE_NUMBER', { type: 'PERSON', score: 0.2 }] },
          expect: { action: 'pseudonymise', transformTypes: ['PHONE_NUMBER', 'PERSON'] },
        },
      ]),
      options,
    )
    assert.deepEqual(
      results.map((r) => [r.name, r.passed, r.message]),
      [
        ['deepseek', true, undefined],
        ['wrong', false, 'expected allow by LISTED, got warn by default'],
        ['types', false, 'expected transformTypes [PERSON,PHONE_NUMBER], got [PHONE_NUMBER]'],
      ],
    )
  })

  it('evaluates a case as if the allowlist were the one it gives', () => {
    const [result] = runPolicyTests(
      policy,
      cases([
        {
          name: 'listed',
          allowlist: ['openai-api'],
          request: { service: 'openai-api' },
          expect: { action: 'allow', rule: 'LISTED' },
        },
      ]),
      options,
    )
    assert.equal(result?.passed, true, result?.message)
  })

  it('fails a case naming a service the catalog does not have', () => {
    const [result] = runPolicyTests(
      policy,
      cases([{ name: 'typo', request: { service: 'deepsek' }, expect: { action: 'block' } }]),
      options,
    )
    assert.equal(result?.passed, false)
    assert.match(result?.message ?? '', /service 'deepsek' is not in the catalog/)
  })

  it('builds facts with defaults: tenant, destination from the operator, content flags', () => {
    const [c] = cases([
      {
        name: 'x',
        request: { service: 'upstage-solar', content: ['files'], detections: [{ type: 'KR_RRN', count: 2 }] },
        expect: { action: 'block' },
      },
    ])
    assert.ok(c)
    const facts = buildFacts(c, options)
    assert.notEqual(typeof facts, 'string')
    assert.deepEqual(facts, {
      tenant: 'acme',
      groups: [],
      destinationCountries: ['KR'],
      detections: [{ type: 'KR_RRN', category: 'personal_identifier', maxScore: 1, count: 2 }],
      content: { files: true, images: false, audio: false },
      direction: 'request',
      service: testServiceFacts('upstage-solar'),
    })
  })
})
