import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { endToEndHeaders, forwardedForValue, isHopByHop, viaValue } from './hop-by-hop.ts'
import { matchSuffix, normalHost } from './proxy-settings.ts'

describe('hop-by-hop headers', () => {
  it('drops the fixed set, Proxy-Connection and every header Connection names; keeps order, case and repeats', () => {
    const raw = [
      'Host',
      'a.example',
      'Connection',
      'keep-alive, X-Secret-Hop',
      'Keep-Alive',
      'timeout=5',
      'Proxy-Authorization',
      'Basic abc',
      'Proxy-Authenticate',
      'Basic',
      'Proxy-Connection',
      'keep-alive',
      'TE',
      'trailers',
      'Trailer',
      'X-T',
      'Transfer-Encoding',
      'chunked',
      'Upgrade',
      'websocket',
      'x-secret-hop',
      '1',
      'Set-Cookie',
      'a=1',
      'Set-Cookie',
      'b=2',
      'Content-Type',
      'text/plain',
    ]
    assert.deepEqual(endToEndHeaders(raw), [
      ['Host', 'a.example'],
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
      ['Content-Type', 'text/plain'],
    ])
    assert.deepEqual(
      endToEndHeaders(raw, new Set(['host'])).map(([n]) => n),
      ['Set-Cookie', 'Set-Cookie', 'Content-Type'],
    )
    assert.equal(isHopByHop('Upgrade'), true)
    assert.equal(isHopByHop('X-Foo', new Set(['x-foo'])), true)
    assert.equal(isHopByHop('Content-Length'), false)
  })

  it('appends this hop to Via and the client to X-Forwarded-For', () => {
    assert.equal(viaValue(undefined), '1.1 sluice')
    assert.equal(viaValue('1.0 fred'), '1.0 fred, 1.1 sluice')
    assert.equal(viaValue(['1.1 a', '1.1 b'], '1.0'), '1.1 a, 1.1 b, 1.0 sluice')
    assert.equal(forwardedForValue(undefined, '::ffff:10.1.2.3'), '10.1.2.3')
    assert.equal(forwardedForValue('203.0.113.9', '::1'), '203.0.113.9, ::1')
  })
})

describe('host suffix matching', () => {
  it('matches on label boundaries, longest suffix first, ignoring case, port and a trailing dot', () => {
    assert.equal(
      matchSuffix('Chat.DeepSeek.com:443', ['deepseek.com', 'chat.deepseek.com']),
      'chat.deepseek.com',
    )
    assert.equal(matchSuffix('deepseek.com.', ['deepseek.com']), 'deepseek.com')
    assert.equal(matchSuffix('evildeepseek.com', ['deepseek.com']), undefined)
    assert.equal(matchSuffix('www.gov.kr', ['.gov.kr']), 'gov.kr')
    assert.equal(normalHost('[::1]:8080'), '::1')
    assert.equal(normalHost('::1'), '::1')
  })
})

describe('renderProxyErrorPage', () => {
  it('says what failed in both languages with the request id, escaped, nothing internal', async () => {
    const { renderProxyErrorPage, failureStatus } = await import('./error-page.ts')
    const page = renderProxyErrorPage('timeout', 'a<b>.example', 'req-9', 'en')
    assert.match(page, /did not answer in time/)
    assert.match(page, /제한 시간/)
    assert.match(page, /a&lt;b&gt;\.example/)
    assert.match(page, /Request ID: req-9/)
    assert.equal(failureStatus.timeout, 504)
    assert.equal(failureStatus.unreachable, 502)
  })
})
