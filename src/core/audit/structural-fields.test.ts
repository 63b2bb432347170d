import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createDetectionEngine } from '../detection/create-engine.ts'
import { createDefaultDetectors } from '../detectors/index.ts'
import { analysePayloads } from './analyse-payloads.ts'
import { looksLikeFreeText, structuralCategory } from './structural-fields.ts'

test('AI chat fields are prompt content only at AI destinations; model is not a device field', () => {
  assert.equal(
    structuralCategory(['messages', '[]', 'content'], 'Summarise this', true)?.category,
    'prompt_content',
  )
  assert.equal(
    structuralCategory(['contents', '[]', 'parts', '[]', 'text'], 'Hi there', true)?.rule,
    'contents[].parts[].text',
  )
  assert.equal(structuralCategory(['prompt'], 'Write a poem', false), undefined)
  assert.equal(structuralCategory(['model'], 'deepseek-chat', true), undefined)
  assert.equal(structuralCategory(['device', 'model'], 'SM-S918N', false)?.category, 'device_information')
  assert.equal(structuralCategory(['os_version'], '14', false)?.category, 'device_information')
  assert.equal(structuralCategory(['x-android-id'], 'a1b2c3', false)?.category, 'device_information')
  assert.equal(structuralCategory(['carrier'], 'SKTelecom', false)?.category, 'network_details')
  assert.equal(structuralCategory(['client_ip'], '1.2.3.4', false)?.category, 'network_details')
  assert.equal(structuralCategory(['latitude'], '37.5', false)?.category, 'location')
  assert.equal(structuralCategory(['imei'], '', false), undefined)
})

test('free-text heuristic: sentences yes, identifiers, URLs and user agents no', () => {
  assert.equal(looksLikeFreeText('Please draft a letter to my landlord about the broken heating'), true)
  assert.equal(looksLikeFreeText('우리 회사의 내년도 예산 계획을 요약해 주세요'), true)
  assert.equal(looksLikeFreeText('AEBE52E7-03EE-455A-B3C4-E57283966239'), false)
  assert.equal(looksLikeFreeText('https://example.com/a/b/c?d=e&f=g&h=i'), false)
  assert.equal(looksLikeFreeText('Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36'), false)
})

test('analysePayloads: prompt content at AI hosts, possible prompt content elsewhere, engine patterns with scores', () => {
  const engine = createDetectionEngine(createDefaultDetectors())
  const body = JSON.stringify({
    model: 'deepseek-chat',
    messages: [{ role: 'user', content: 'My email is kim@example.co.kr, please rewrite my CV' }],
  })
  const ai = analysePayloads(
    { headers: [], body: { text: body, contentType: 'application/json', where: 'body' } },
    { indicatorForms: [], engine, minScore: 0.6, aiDestination: true },
  )
  const prompt = ai.find((f) => f.method === 'structural')
  assert.equal(prompt?.category, 'prompt_content')
  assert.equal(prompt?.label, 'prompt content')
  assert.equal(prompt?.where, 'body → JSON $.messages[0].content')
  const email = ai.find((f) => f.method === 'pattern' && f.entityType === 'EMAIL_ADDRESS')
  assert.equal(email?.value, 'kim@example.co.kr')
  assert.ok((email?.score ?? 0) >= 0.6)
  assert.ok(!ai.some((f) => f.method === 'heuristic'))

  const elsewhere = analysePayloads(
    { headers: [], body: { text: body, contentType: 'application/json', where: 'body' } },
    { indicatorForms: [], engine, minScore: 0.6, aiDestination: false },
  )
  const possible = elsewhere.find((f) => f.method === 'heuristic')
  assert.equal(possible?.label, 'possible prompt content')
  assert.equal(possible?.confidence, 'medium')
  assert.ok(!elsewhere.some((f) => f.method === 'structural' && f.category === 'prompt_content'))
})
