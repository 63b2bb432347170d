import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { categoryOfType, type EntityType } from '../detection/entity-type.ts'
import { compilePolicy } from './compile-policy.ts'
import { evaluatePolicy } from './evaluate-policy.ts'
import { type PolicySpec, policySpecSchema } from './policy-schema.ts'
import type { RequestFacts, ServiceFacts } from './policy-types.ts'

const notice = { ko: '차단', en: 'blocked' }
const api: ServiceFacts = {
  id: 'openai-api',
  operatorCountry: 'US',
  risk: 'medium',
  trainingByDefault: 'opt-in',
  tier: 'api',
  kind: 'api',
}
const deepseek: ServiceFacts = {
  id: 'deepseek',
  operatorCountry: 'CN',
  risk: 'critical',
  trainingByDefault: 'yes',
  tier: 'mixed',
  kind: 'api',
}

function policy(spec: unknown, minScore?: number) {
  const parsed: PolicySpec = policySpecSchema.parse(spec)
  return compilePolicy(parsed, minScore === undefined ? {} : { minScore })
}

function facts(extra: Partial<RequestFacts> = {}): RequestFacts {
  return {
    tenant: 't1',
    groups: [],
    destinationCountries: [],
    detections: [],
    content: { files: false, images: false, audio: false },
    direction: 'request',
    ...extra,
  }
}

function found(type: EntityType, maxScore = 1) {
  return { type, category: categoryOfType[type], maxScore, count: 1 }
}

describe('evaluatePolicy', () => {
  it('takes the first matching rule, in order', () => {
    const p = policy({
      rules: [
        { id: 'A', when: { types: ['PHONE_NUMBER'] }, action: 'block', notice },
        { id: 'B', when: { categories: ['personal_identifier'] }, action: 'pseudonymise' },
      ],
      default: { action: 'allow' },
    })
    assert.equal(evaluatePolicy(p, facts({ detections: [found('PHONE_NUMBER')] })).rule, 'A')
    const d = evaluatePolicy(p, facts({ detections: [found('EMAIL_ADDRESS')] }))
    assert.equal(d.rule, 'B')
    assert.equal(d.action, 'pseudonymise')
    assert.deepEqual(d.transformTypes, ['EMAIL_ADDRESS'])
  })

  it('falls to the default when nothing matches, with the default notice', () => {
    const p = policy({
      rules: [{ id: 'A', when: { tenants: ['other'] }, action: 'block', notice }],
      default: { action: 'block', notice: { ko: '기본', en: 'default' } },
    })
    assert.deepEqual(evaluatePolicy(p, facts()), {
      action: 'block',
      rule: 'default',
      notice: { ko: '기본', en: 'default' },
    })
  })

  it('blocks when a policy has neither rules nor default (fail closed)', () => {
    const d = evaluatePolicy(compilePolicy({}), facts())
    assert.equal(d.action, 'block')
    assert.equal(d.rule, 'default')
  })

  it('requires every field of a condition block and any item of a list', () => {
    const p = policy({
      rules: [{ id: 'A', when: { groups: ['legal', 'hr'], zones: ['office'] }, action: 'block', notice }],
      default: { action: 'allow' },
    })
    assert.equal(evaluatePolicy(p, facts({ groups: ['hr'], zone: 'office' })).rule, 'A')
    assert.equal(evaluatePolicy(p, facts({ groups: ['hr'] })).rule, 'default')
    assert.equal(evaluatePolicy(p, facts({ groups: ['eng'], zone: 'office' })).rule, 'default')
  })

  it('matches any of several condition blocks', () => {
    const p = policy({
      rules: [
        {
          id: 'CN',
          when: [{ operatorCountries: ['CN'] }, { destinationCountries: ['CN'] }],
          action: 'block',
          notice,
        },
      ],
      default: { action: 'allow' },
    })
    assert.equal(evaluatePolicy(p, facts({ service: deepseek, destinationCountries: ['CN'] })).rule, 'CN')
    assert.equal(evaluatePolicy(p, facts({ service: api, destinationCountries: ['US', 'CN'] })).rule, 'CN')
    assert.equal(evaluatePolicy(p, facts({ service: api, destinationCountries: ['US'] })).rule, 'default')
  })

  it('checks tenants, users, services, tiers, kinds, training and risk', () => {
    const cases: [unknown, Partial<RequestFacts>, Partial<RequestFacts>][] = [
      [{ tenants: ['t1'] }, {}, { tenant: 't2' }],
      [{ users: ['kim'] }, { user: 'kim' }, { user: 'lee' }],
      [{ services: ['openai-api'] }, { service: api }, { service: deepseek }],
      [{ tiers: ['api'] }, { service: api }, { service: deepseek }],
      [{ serviceKinds: ['api'] }, { service: api }, {}],
      [{ training: ['yes'] }, { service: deepseek }, { service: api }],
      [{ minRisk: 'high' }, { service: deepseek }, { service: api }],
      [{ operatorCountries: ['CN'] }, { service: deepseek }, { service: api }],
      [
        { content: ['images', 'audio'] },
        { content: { files: false, images: true, audio: false } },
        { content: { files: true, images: false, audio: false } },
      ],
    ]
    for (const [when, hit, miss] of cases) {
      const p = policy({ rules: [{ id: 'R', when, action: 'block', notice }], default: { action: 'allow' } })
      assert.equal(evaluatePolicy(p, facts(hit)).rule, 'R', `${JSON.stringify(when)} should match`)
      assert.equal(evaluatePolicy(p, facts(miss)).rule, 'default', `${JSON.stringify(when)} should not match`)
    }
  })

  it('never holds service attributes for a destination outside the catalog', () => {
    const p = policy({
      rules: [
        { id: 'LOW', when: { training: ['no', 'yes', 'opt-in', 'unknown'] }, action: 'block', notice },
        { id: 'UNKNOWN', when: { unknownService: true }, action: 'warn', notice },
      ],
      default: { action: 'allow' },
    })
    assert.equal(evaluatePolicy(p, facts()).rule, 'UNKNOWN')
    assert.equal(evaluatePolicy(p, facts({ service: api })).rule, 'LOW')
  })

  it('matches notDestinationCountries when any recipient is outside the list', () => {
    const p = policy({
      rules: [{ id: 'ABROAD', when: { notDestinationCountries: ['KR'] }, action: 'block', notice }],
      default: { action: 'allow' },
    })
    assert.equal(evaluatePolicy(p, facts({ destinationCountries: ['KR', 'US'] })).rule, 'ABROAD')
    assert.equal(evaluatePolicy(p, facts({ destinationCountries: ['KR'] })).rule, 'default')
    assert.equal(evaluatePolicy(p, facts({ destinationCountries: [] })).rule, 'default')
  })

  it('applies the score floor: the rule’s own, else the policy’s', () => {
    const p = policy(
      {
        rules: [
          { id: 'STRICT', when: { types: ['PERSON'], minScore: 0.9 }, action: 'block', notice },
          { id: 'LOOSE', when: { types: ['PHONE_NUMBER'] }, action: 'block', notice },
        ],
        default: { action: 'allow' },
      },
      0.6,
    )
    assert.equal(evaluatePolicy(p, facts({ detections: [found('PERSON', 0.85)] })).rule, 'default')
    assert.equal(evaluatePolicy(p, facts({ detections: [found('PERSON', 0.95)] })).rule, 'STRICT')
    assert.equal(evaluatePolicy(p, facts({ detections: [found('PHONE_NUMBER', 0.55)] })).rule, 'default')
    assert.equal(evaluatePolicy(p, facts({ detections: [found('PHONE_NUMBER', 0.6)] })).rule, 'LOOSE')
  })

  it('uses 0.5 as the score floor when nothing sets one', () => {
    const p = policy({
      rules: [{ id: 'R', when: { types: ['EMAIL_ADDRESS'] }, action: 'block', notice }],
      default: { action: 'allow' },
    })
    assert.equal(evaluatePolicy(p, facts({ detections: [found('EMAIL_ADDRESS', 0.49)] })).rule, 'default')
    assert.equal(evaluatePolicy(p, facts({ detections: [found('EMAIL_ADDRESS', 0.5)] })).rule, 'R')
  })

  it('lets a resent request with a reason pass warn rules, to the rules after them', () => {
    const p = policy({
      rules: [
        { id: 'W', when: { unknownService: true }, action: 'warn', notice },
        { id: 'P', when: { categories: ['personal_identifier'] }, action: 'pseudonymise' },
      ],
      default: { action: 'allow' },
    })
    const first = evaluatePolicy(p, facts({ detections: [found('PERSON')] }))
    assert.equal(first.action, 'warn')
    assert.equal(first.rule, 'W')
    assert.equal(
      evaluatePolicy(p, facts({ detections: [found('PERSON')], warnReason: '   ' })).rule,
      'W',
      'a blank reason is no reason',
    )
    const resent = evaluatePolicy(
      p,
      facts({ detections: [found('PERSON')], warnReason: 'vendor evaluation' }),
    )
    assert.equal(resent.rule, 'P')
    assert.equal(evaluatePolicy(p, facts({ warnReason: 'vendor evaluation' })).rule, 'default')
  })

  it('turns a warn default into allow once a reason is given', () => {
    const p = policy({ default: { action: 'warn', notice } })
    assert.equal(evaluatePolicy(p, facts()).action, 'warn')
    const d = evaluatePolicy(p, facts({ warnReason: 'needed' }))
    assert.equal(d.action, 'allow')
    assert.equal(d.rule, 'default')
  })

  it('looks at responses only with direction response or both, and allows unmatched responses', () => {
    const p = policy({
      rules: [
        { id: 'REQ', when: { types: ['EMAIL_ADDRESS'] }, action: 'block', notice },
        { id: 'BOTH', when: { types: ['KR_RRN'], direction: 'both' }, action: 'block', notice },
        {
          id: 'RESP',
          when: { types: ['PHONE_NUMBER'], direction: 'response' },
          action: 'redact',
          redactMode: 'tag',
        },
      ],
      default: { action: 'block', notice },
    })
    const response = (t: EntityType) =>
      evaluatePolicy(p, facts({ direction: 'response', detections: [found(t)] }))
    assert.equal(response('KR_RRN').rule, 'BOTH')
    assert.equal(evaluatePolicy(p, facts({ detections: [found('KR_RRN')] })).rule, 'BOTH')
    const redacted = response('PHONE_NUMBER')
    assert.deepEqual([redacted.action, redacted.rule, redacted.redactMode], ['redact', 'RESP', 'tag'])
    assert.deepEqual(redacted.transformTypes, ['PHONE_NUMBER'])
    assert.equal(
      evaluatePolicy(p, facts({ detections: [found('PHONE_NUMBER')] })).rule,
      'default',
      'a response rule ignores requests',
    )
    const unmatched = response('EMAIL_ADDRESS')
    assert.deepEqual(
      [unmatched.action, unmatched.rule],
      ['allow', 'default'],
      'the request default does not apply to answers',
    )
  })

  it('transforms every detected type above the floor when the rule named no data', () => {
    const p = policy({
      rules: [{ id: 'R', when: { services: ['openai-api'] }, action: 'redact' }],
      default: { action: 'allow' },
    })
    const d = evaluatePolicy(
      p,
      facts({
        service: api,
        detections: [found('PERSON'), found('EMAIL_ADDRESS', 0.2), found('PERSON', 0.9)],
      }),
    )
    assert.equal(d.redactMode, 'mask')
    assert.deepEqual(d.transformTypes, ['PERSON'])
  })

  it('gives route decisions their upstream and generated notices', () => {
    const p = policy({
      rules: [
        { id: 'LOCAL', when: { categories: ['personal_identifier'] }, action: 'route', routeTo: 'internal' },
      ],
      default: { action: 'allow' },
    })
    const d = evaluatePolicy(p, facts({ detections: [found('PHONE_NUMBER')] }))
    assert.equal(d.routeTo, 'internal')
    assert.match(d.notice.en, /internal/)
    assert.match(d.notice.ko, /LOCAL/)
    assert.equal(d.transformTypes, undefined)
  })

  it('decides allowlisted by the policy allowlist', () => {
    const p = compilePolicy(
      policySpecSchema.parse({
        allowlist: [{ service: 'openai-api', reviewRef: 'NIS-1' }],
        rules: [
          { id: 'OK', when: { allowlisted: true }, action: 'allow' },
          { id: 'NO', when: { allowlisted: false }, action: 'block', notice },
        ],
      }),
    )
    assert.equal(evaluatePolicy(p, facts({ service: api })).rule, 'OK')
    assert.equal(evaluatePolicy(p, facts({ service: deepseek })).rule, 'NO')
    assert.equal(evaluatePolicy(p, facts()).rule, 'NO', 'an unknown service is not allowlisted')
  })
})
