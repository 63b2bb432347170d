import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { proxyTestConfig, proxyTestDeps, proxyTestKey } from '../../../test/support/proxy-deps.ts'
import { decideWebRequest, type WebRequestFacts } from './decide-web-request.ts'

const rrn = '900101-1234568'

function facts(host: string, more: Partial<WebRequestFacts> = {}): WebRequestFacts {
  return {
    host,
    port: 443,
    method: 'CONNECT',
    path: '',
    scheme: 'https',
    remoteAddress: '127.0.0.1',
    requestId: 'req-1',
    ...more,
  }
}

describe('decideWebRequest', () => {
  it('passes hosts that are not AI services and records nothing', async () => {
    const t = await proxyTestDeps()
    assert.deepEqual(await decideWebRequest(t.deps, facts('www.naver.com')), { kind: 'pass' })
    assert.deepEqual(await decideWebRequest(t.deps, facts('evildeepseek.com')), { kind: 'pass' })
    assert.equal(t.records.length, 0)
  })

  it('blocks DeepSeek by the tenant rule with a notice naming service, organisation, rule and contact; records it', async () => {
    const t = await proxyTestDeps()
    const d = await decideWebRequest(t.deps, facts('chat.deepseek.com'))
    assert.equal(d.kind, 'block')
    if (d.kind !== 'block') return
    assert.equal(d.status, 403)
    assert.equal(d.notice.rule, 'T-china')
    assert.match(d.notice.service ?? '', /^DeepSeek/)
    assert.equal(d.notice.host, 'chat.deepseek.com')
    assert.match(d.notice.tenantName, /외교부/)
    assert.match(d.notice.contact ?? '', /security@mofa.example/)
    assert.equal(d.notice.time, '2026-11-24T06:00:00.000Z')
    assert.equal(d.notice.requestId, 'req-1')
    assert.match(d.notice.ko, /중국/)
    const [entry] = t.records
    assert.ok(entry)
    assert.equal(entry.action, 'block')
    assert.equal(entry.rule, 'T-china')
    assert.equal(entry.channel, 'proxy')
    assert.equal(entry.host, 'chat.deepseek.com')
    assert.equal(entry.service, 'deepseek')
    assert.equal(entry.zone, 'office')
    assert.ok(entry.countries.includes('CN'))
    assert.match(entry.subject, /^subj_[0-9a-f]{16}$/)
    assert.deepEqual(t.decisions, ['block:T-china'])
  })

  it('allows an allowed AI app with interception (allowedApps), and records the allow', async () => {
    const t = await proxyTestDeps()
    assert.deepEqual(await decideWebRequest(t.deps, facts('chatgpt.com')), { kind: 'allow', intercept: true })
    assert.equal(t.records.at(-1)?.action, 'allow')
    assert.equal(t.records.at(-1)?.service, 'openai-chatgpt')
    const noInspect = await proxyTestDeps(proxyTestConfig('proxy: { intercept: { allowedApps: false } }'))
    assert.deepEqual(await decideWebRequest(noInspect.deps, facts('chatgpt.com')), {
      kind: 'allow',
      intercept: false,
    })
    const off = await proxyTestDeps(proxyTestConfig('proxy: { intercept: { enabled: false } }'))
    assert.deepEqual(await decideWebRequest(off.deps, facts('chatgpt.com')), {
      kind: 'allow',
      intercept: false,
    })
    const exempt = await proxyTestDeps(
      proxyTestConfig('proxy: { intercept: { doNotIntercept: [chatgpt.com] } }'),
    )
    assert.deepEqual(await decideWebRequest(exempt.deps, facts('chatgpt.com')), {
      kind: 'allow',
      intercept: false,
    })
  })

  it('treats configured extra hosts as AI services and decrypts configured intercept hosts', async () => {
    const t = await proxyTestDeps(
      proxyTestConfig(
        'proxy: { extraHosts: [ai.example.org], intercept: { hosts: [paste.example.net], allowedApps: false } }',
      ),
    )
    assert.deepEqual(await decideWebRequest(t.deps, facts('chat.ai.example.org')), {
      kind: 'allow',
      intercept: false,
    })
    assert.deepEqual(await decideWebRequest(t.deps, facts('paste.example.net')), {
      kind: 'allow',
      intercept: true,
    })
    assert.equal(t.records.length, 2)
    assert.equal(t.records[0]?.service, undefined)
    assert.equal(t.records[0]?.host, 'chat.ai.example.org')
  })

  it('redacts an RRN in a body text by tag, only in the text that holds it', async () => {
    const t = await proxyTestDeps()
    const d = await decideWebRequest(
      t.deps,
      facts('chatgpt.com', {
        method: 'POST',
        path: '/backend-api/conversation',
        bodyTexts: ['hello', `주민번호 ${rrn} 확인`],
      }),
    )
    assert.deepEqual(d, { kind: 'redact', replacements: [{ index: 1, text: '주민번호 <KR_RRN> 확인' }] })
    const entry = t.records.at(-1)
    assert.equal(entry?.action, 'redact')
    assert.deepEqual(entry?.typeCounts, { KR_RRN: 1 })
    assert.match(entry?.contentHash ?? '', /^[0-9a-f]{64}$/)
    assert.doesNotMatch(JSON.stringify(t.records), /900101/)
  })

  it('turns warn and route into blocks that explain why, and pseudonymise into tags', async () => {
    const t = await proxyTestDeps()
    const warned = await decideWebRequest(
      t.deps,
      facts('chatgpt.com', { bodyTexts: ['mail kim@mofa.go.kr please'] }),
    )
    assert.equal(warned.kind, 'block')
    if (warned.kind === 'block') {
      assert.equal(warned.notice.rule, 'T-email-warn')
      assert.match(warned.notice.note?.en ?? '', /browser cannot send/)
    }
    assert.equal(t.records.at(-1)?.action, 'block')
    assert.equal(t.records.at(-1)?.rule, 'T-email-warn')
    const routed = await decideWebRequest(t.deps, facts('chatgpt.com', { bodyTexts: ['대외비 문서입니다'] }))
    assert.equal(routed.kind, 'block')
    if (routed.kind === 'block') assert.match(routed.notice.note?.en ?? '', /cannot be redirected/)
    const named = await decideWebRequest(
      t.deps,
      facts('chatgpt.com', { bodyTexts: ['김민준 과장에게 전달해 주세요'] }),
    )
    assert.equal(named.kind, 'redact')
    if (named.kind === 'redact') assert.match(named.replacements[0]?.text ?? '', /<PERSON>/)
    assert.equal(t.records.at(-1)?.action, 'redact')
    assert.equal(t.records.at(-1)?.rule, 'T-person')
  })

  it('blocks binary uploads by a content rule', async () => {
    const t = await proxyTestDeps()
    const d = await decideWebRequest(
      t.deps,
      facts('claude.ai', { bodyTexts: [], content: { files: true, images: false, audio: false } }),
    )
    assert.equal(d.kind, 'block')
    if (d.kind === 'block') assert.equal(d.notice.rule, 'T-files')
  })

  it('is not an open proxy: refuses clients outside every zone (403), asks for credentials where needed (407)', async () => {
    const t = await proxyTestDeps()
    assert.deepEqual(
      await decideWebRequest(t.deps, facts('www.naver.com', { remoteAddress: '198.51.100.7' })),
      {
        kind: 'refuse',
        status: 403,
        reason: 'this address is not in a network zone allowed to use the proxy',
      },
    )
    const keyedZone = await proxyTestDeps(proxyTestConfig('', '  - { id: office, cidrs: [127.0.0.0/8] }'))
    const asked = await decideWebRequest(keyedZone.deps, facts('www.naver.com'))
    assert.equal(asked.kind, 'refuse')
    if (asked.kind === 'refuse') assert.equal(asked.status, 407)
    const signedIn = await decideWebRequest(
      keyedZone.deps,
      facts('chat.deepseek.com', { proxyUser: 'kim', proxyKey: proxyTestKey }),
    )
    assert.equal(signedIn.kind, 'block')
    const outside = await decideWebRequest(
      keyedZone.deps,
      facts('chat.deepseek.com', { proxyKey: proxyTestKey, remoteAddress: '198.51.100.7' }),
    )
    assert.equal(outside.kind, 'refuse')
    if (outside.kind === 'refuse')
      assert.equal(outside.status, 403, 'a valid key from outside the zones is still refused')
    assert.equal(keyedZone.records.length, 1)
  })

  it('with auth required, refuses requests without or with a wrong key (407) and identifies the user by the key', async () => {
    const t = await proxyTestDeps(proxyTestConfig('proxy: { auth: required }'))
    const none = await decideWebRequest(t.deps, facts('chat.deepseek.com'))
    assert.equal(none.kind === 'refuse' && none.status, 407)
    const wrong = await decideWebRequest(t.deps, facts('chat.deepseek.com', { proxyKey: 'sk-nope' }))
    assert.equal(wrong.kind === 'refuse' && wrong.status, 407)
    const keyless = await proxyTestDeps()
    await decideWebRequest(t.deps, facts('chat.deepseek.com', { proxyKey: proxyTestKey }))
    await decideWebRequest(keyless.deps, facts('chat.deepseek.com'))
    assert.equal(t.records.length, 1)
    assert.notEqual(
      t.records[0]?.subject,
      keyless.records[0]?.subject,
      'the user, not the zone, is the subject',
    )
  })
})
