import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { testKnownServices, testServiceFacts } from '../../test/support/policy-services.ts'
import { categoryOfType, type EntityType } from '../core/detection/entity-type.ts'
import { compilePolicy } from '../core/policy/compile-policy.ts'
import { evaluatePolicy } from '../core/policy/evaluate-policy.ts'
import { lintPolicy } from '../core/policy/lint-policy.ts'
import { runPolicyTests } from '../core/policy/policy-tests.ts'
import type { RequestFacts } from '../core/policy/policy-types.ts'
import { loadPreset, presetIds } from './presets.ts'

function facts(
  service: string | undefined,
  extra: Partial<RequestFacts> = {},
  types: EntityType[] = [],
): RequestFacts {
  const s = service === undefined ? undefined : testServiceFacts(service)
  return {
    tenant: 't',
    groups: [],
    destinationCountries: s ? [s.operatorCountry] : [],
    detections: types.map((type) => ({ type, category: categoryOfType[type], maxScore: 0.95, count: 1 })),
    content: { files: false, images: false, audio: false },
    direction: 'request',
    ...(s ? { service: s } : {}),
    ...extra,
  }
}

describe('presets', () => {
  for (const id of presetIds) {
    it(`${id}: its own test cases pass`, () => {
      const preset = loadPreset(id)
      const results = runPolicyTests(compilePolicy({}, { preset }), preset.tests ?? [], {
        tenant: 't',
        serviceFacts: testServiceFacts,
      })
      assert.ok(results.length >= 15)
      assert.deepEqual(
        results.filter((r) => !r.passed).map((r) => `${r.name}: ${r.message}`),
        [],
      )
    })

    it(`${id}: lints clean, every rule has a basis and a notice naming it`, () => {
      const preset = loadPreset(id)
      const policy = compilePolicy({}, { preset })
      assert.deepEqual(
        lintPolicy(policy, { knownServices: testKnownServices, knownUpstreams: new Set() }),
        [],
      )
      for (const rule of preset.rules) {
        assert.ok(rule.basis, `${rule.id} has a basis`)
        const compiled = policy.rules.find((r) => r.id === rule.id)
        assert.ok(
          compiled?.notice.ko.includes(rule.id) && compiled.notice.en.includes(rule.id),
          `${rule.id} notice names the rule`,
        )
      }
    })
  }

  it('kr-ministry: DeepSeek is blocked by M03 with the access-restricted notice', () => {
    const d = evaluatePolicy(compilePolicy({}, { preset: loadPreset('kr-ministry') }), facts('deepseek'))
    assert.equal(d.action, 'block')
    assert.equal(d.rule, 'M03')
    assert.match(d.notice.ko, /접속이 제한되었습니다/)
    assert.match(d.notice.en, /security officer/)
  })

  it('kr-ministry: RRN and classified markings are blocked even to an allowlisted service', () => {
    const p = compilePolicy(
      { allowlist: [{ service: 'anthropic-api', reviewRef: 'NIS-1' }] },
      { preset: loadPreset('kr-ministry') },
    )
    assert.equal(evaluatePolicy(p, facts('anthropic-api')).rule, 'M02')
    assert.equal(evaluatePolicy(p, facts('anthropic-api', {}, ['KR_RRN'])).rule, 'M06')
    assert.equal(evaluatePolicy(p, facts('anthropic-api', {}, ['CLASSIFIED_MARKING'])).rule, 'M05')
    assert.equal(evaluatePolicy(p, facts('anthropic-api', { zone: 'n2sf-s' })).rule, 'M04')
    assert.equal(
      evaluatePolicy(p, facts('agency-llm', { zone: 'n2sf-s' })).rule,
      'M01',
      'an internal model passes M04 but still needs the allowlist',
    )
  })

  it('kr-ministry: tenant rules come first and the tenant default replaces the preset default', () => {
    const p = compilePolicy(
      {
        allowlist: ['agency-llm'],
        rules: [
          {
            id: 'PI-LOCAL',
            when: { categories: ['personal_identifier'] },
            action: 'route',
            routeTo: 'internal',
          },
        ],
      },
      { preset: loadPreset('kr-ministry') },
    )
    const d = evaluatePolicy(p, facts('openai-api', {}, ['PHONE_NUMBER']))
    assert.deepEqual([d.action, d.rule, d.routeTo], ['route', 'PI-LOCAL', 'internal'])
    assert.equal(evaluatePolicy(p, facts('deepseek')).rule, 'M03')
  })

  it('kr-enterprise: an allowlisted service with a phone number is pseudonymised', () => {
    const p = compilePolicy({}, { preset: loadPreset('kr-enterprise') })
    const d = evaluatePolicy(p, facts('openai-api', {}, ['PHONE_NUMBER']))
    assert.deepEqual([d.action, d.rule, d.transformTypes], ['pseudonymise', 'C05', ['PHONE_NUMBER']])
    assert.equal(evaluatePolicy(p, facts('openai-api', {}, ['KR_RRN'])).rule, 'C04-RRN')
    assert.equal(evaluatePolicy(p, facts('deepseek')).rule, 'C03')
  })

  it('kr-enterprise: warn then resend with a reason', () => {
    const p = compilePolicy({}, { preset: loadPreset('kr-enterprise') })
    assert.equal(evaluatePolicy(p, facts('openai-chatgpt')).action, 'warn')
    const resent = evaluatePolicy(p, facts('openai-chatgpt', { warnReason: 'public press release' }))
    assert.deepEqual([resent.action, resent.rule], ['allow', 'default'])
    assert.equal(
      evaluatePolicy(p, facts('openai-chatgpt', { warnReason: 'x' }, ['EMAIL_ADDRESS'])).rule,
      'C02-PI',
    )
  })
})
