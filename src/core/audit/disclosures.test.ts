import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseAuditCategory } from './audit-categories.ts'
import { checkDisclosure, normaliseEntity, parseDisclosures } from './disclosures.ts'

const disclosures = parseDisclosures({
  recipients: [
    {
      entity: 'Hangzhou DeepSeek Artificial Intelligence Co., Ltd.',
      country: 'CN',
      categories: ['prompt content', 'Account'],
    },
    { entity: 'AppsFlyer', country: 'IL', categories: ['device-information'], from: '2026-01-01' },
  ],
  consent: [{ moment: 'policy accepted', time: '2026-11-20T10:00:10Z' }],
})
const volcano = {
  entity: 'Beijing Volcano Engine Technology Co., Ltd.',
  aliases: ['Volcano Engine'],
  country: 'CN',
}
const deepseek = {
  entity: 'Hangzhou DeepSeek Artificial Intelligence Co., Ltd.',
  aliases: ['DeepSeek'],
  country: 'CN',
}
const appsflyer = { entity: 'AppsFlyer Ltd.', aliases: [], country: 'IL' }

test('category names as policies write them', () => {
  assert.equal(parseAuditCategory('Prompt content'), 'prompt_content')
  assert.equal(parseAuditCategory('device-information'), 'device_information')
  assert.equal(parseAuditCategory('account'), 'personal_identifier')
  assert.equal(parseAuditCategory('shoe size'), undefined)
  assert.equal(normaliseEntity('AppsFlyer Ltd.'), 'appsflyer')
})

test('undisclosed recipient, undisclosed category, before consent, and the disclosed case', () => {
  const v = checkDisclosure(disclosures, volcano, 'prompt_content', '2026-11-20T10:00:02Z')
  assert.equal(v.disclosed, false)
  assert.equal(v.beforeConsent, true)
  assert.deepEqual(v.reasons, [
    'Beijing Volcano Engine Technology Co., Ltd. is not named as a recipient',
    'sent before consent (2026-11-20T10:00:10.000Z)',
  ])
  const cat = checkDisclosure(disclosures, deepseek, 'device_information', '2026-11-20T10:00:20Z')
  assert.equal(cat.disclosed, false)
  assert.equal(cat.beforeConsent, false)
  assert.match(
    cat.reasons[0] ?? '',
    /disclosed for prompt_content, personal_identifier, not device_information/,
  )
  const ok = checkDisclosure(disclosures, deepseek, 'prompt_content', '2026-11-20T10:00:20Z')
  assert.deepEqual(ok, { disclosed: true, disclosedAs: deepseek.entity, beforeConsent: false, reasons: [] })
  assert.equal(
    checkDisclosure(disclosures, appsflyer, 'device_information', '2026-11-20T10:00:20Z').disclosed,
    true,
  )
  // Disclosed only from a date: earlier flows are not covered.
  assert.equal(
    checkDisclosure(disclosures, appsflyer, 'device_information', '2025-12-31T00:00:00Z').disclosed,
    false,
  )
  // A wrong country is not the disclosed recipient.
  assert.equal(
    checkDisclosure(disclosures, { ...appsflyer, country: 'US' }, 'device_information', undefined).disclosed,
    false,
  )
  assert.equal(checkDisclosure(disclosures, undefined, 'prompt_content', undefined).disclosed, false)
  const noConsent = parseDisclosures({ recipients: [] })
  assert.equal(
    checkDisclosure(noConsent, deepseek, 'prompt_content', '2026-11-20T10:00:20Z').beforeConsent,
    true,
  )
})

test('bad disclosures files are refused with paths', () => {
  assert.throws(
    () => parseDisclosures({ recipients: [{ entity: 'X', categories: ['shoes'] }] }),
    /recipients\.0\.categories\.0: unknown category 'shoes'/,
  )
  assert.throws(
    () => parseDisclosures({ consent: [{ moment: 'x', time: 'yesterday' }] }),
    /consent\.0\.time: 'yesterday' is not an ISO 8601/,
  )
  assert.throws(
    () => parseDisclosures({ recipients: [{ entity: 'X', country: 'XX', categories: ['account'] }] }),
    /country/,
  )
  assert.throws(() => parseDisclosures({ surprise: 1 }), /surprise|Unrecognized/)
})
