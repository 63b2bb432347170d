import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatIssues } from './format-issues.ts'
import { ruleSchema } from './policy-schema.ts'

function problems(rule: unknown): string[] {
  const r = ruleSchema.safeParse(rule)
  return r.success ? [] : formatIssues(r.error.issues)
}

const notice = { ko: '차단', en: 'blocked' }

describe('ruleSchema', () => {
  it('accepts a full rule', () => {
    assert.deepEqual(
      problems({
        id: 'M06',
        basis: 'PIPA',
        when: [{ types: ['KR_RRN'], minScore: 0.7 }, { categories: ['sensitive'] }],
        action: 'block',
        notice,
      }),
      [],
    )
  })

  it('needs notices for block and warn, routeTo for route', () => {
    assert.deepEqual(problems({ id: 'A', action: 'block' }), [
      'notice: a block needs a notice in Korean and English',
    ])
    assert.deepEqual(problems({ id: 'A', action: 'warn' }), [
      'notice: a warn needs a notice in Korean and English',
    ])
    assert.deepEqual(problems({ id: 'A', action: 'route' }), [
      'routeTo: route needs routeTo (an upstream id)',
    ])
    assert.deepEqual(problems({ id: 'A', action: 'allow', routeTo: 'x' }), [
      'routeTo: routeTo is only for action route',
    ])
    assert.deepEqual(problems({ id: 'A', action: 'allow', redactMode: 'tag' }), [
      'redactMode: redactMode is only for action redact',
    ])
  })

  it('refuses actions that cannot apply to answers', () => {
    assert.deepEqual(problems({ id: 'A', when: { direction: 'response' }, action: 'warn', notice }), [
      'when.direction: action warn cannot apply to responses',
    ])
    assert.deepEqual(problems({ id: 'A', when: [{}, { direction: 'both' }], action: 'pseudonymise' }), [
      'when.1.direction: action pseudonymise cannot apply to responses',
    ])
  })

  it('names unknown types, categories, fields and bad country codes', () => {
    const found = problems({
      id: 'A',
      when: { types: ['KR_SSN'], categories: ['pii'], country: 'KR', destinationCountries: ['kr'] },
      action: 'allow',
    })
    assert.equal(found.length, 4, found.join('\n'))
    assert.ok(found.some((p) => p.startsWith('when.types.0:')))
    assert.ok(found.some((p) => p.startsWith('when.categories.0:')))
    assert.ok(found.some((p) => p.includes('country')))
    assert.ok(found.some((p) => p.startsWith('when.destinationCountries.0: an ISO 3166-1')))
  })

  it('reserves the id default', () => {
    assert.deepEqual(problems({ id: 'default', action: 'allow' }), [
      "id: 'default' names the policy default; pick another rule id",
    ])
  })
})
