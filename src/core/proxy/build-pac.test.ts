import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import vm from 'node:vm'
import { buildPac, minimalSuffixes } from './build-pac.ts'

// The PAC helper functions a browser provides, as the Netscape PAC spec defines the one used here.
function evaluatePac(text: string): (url: string, host: string) => string {
  const sandbox: Record<string, unknown> = {
    dnsDomainIs: (host: string, domain: string) =>
      host.length >= domain.length && host.substring(host.length - domain.length) === domain,
  }
  vm.createContext(sandbox)
  vm.runInContext(text, sandbox, { timeout: 1000 })
  const find = sandbox.FindProxyForURL
  assert.equal(typeof find, 'function')
  return find as (url: string, host: string) => string
}

describe('buildPac', () => {
  const pac = buildPac({
    proxy: 'sluice.mofa.example:8080',
    domains: ['deepseek.com', 'chat.deepseek.com', 'api.openai.com', 'Claude.AI', 'ai.internal.example'],
  })
  const find = evaluatePac(pac)

  it('sends AI domains and their subdomains through the proxy', () => {
    assert.equal(find('https://chat.deepseek.com/', 'chat.deepseek.com'), 'PROXY sluice.mofa.example:8080')
    assert.equal(find('https://deepseek.com/', 'deepseek.com'), 'PROXY sluice.mofa.example:8080')
    assert.equal(find('https://x.cdn.deepseek.com/', 'x.cdn.deepseek.com'), 'PROXY sluice.mofa.example:8080')
    assert.equal(find('https://api.openai.com/v1', 'api.openai.com'), 'PROXY sluice.mofa.example:8080')
    assert.equal(find('https://CLAUDE.ai/', 'CLAUDE.ai'), 'PROXY sluice.mofa.example:8080')
    assert.equal(find('https://claude.ai./', 'claude.ai.'), 'PROXY sluice.mofa.example:8080')
    assert.equal(find('http://ai.internal.example/', 'ai.internal.example'), 'PROXY sluice.mofa.example:8080')
  })

  it('sends everything else direct, including look-alikes that only end with the same letters', () => {
    assert.equal(find('https://www.naver.com/', 'www.naver.com'), 'DIRECT')
    assert.equal(find('https://evildeepseek.com/', 'evildeepseek.com'), 'DIRECT')
    assert.equal(find('https://openai.com/', 'openai.com'), 'DIRECT', 'only api.openai.com was listed')
    assert.equal(find('https://deepseek.com.evil.example/', 'deepseek.com.evil.example'), 'DIRECT')
  })

  it('lists each domain once and drops those a shorter suffix covers', () => {
    assert.deepEqual(minimalSuffixes(['b.a.com', 'a.com', 'A.com.', 'x.org', '.y.net']), [
      'a.com',
      'x.org',
      'y.net',
    ])
    assert.ok(!pac.includes('"chat.deepseek.com"'))
  })

  it('refuses a proxy address that is not host:port (nothing unescaped reaches the script)', () => {
    assert.throws(() => buildPac({ proxy: 'evil"; alert(1); "', domains: [] }), /host:port/)
    assert.throws(() => buildPac({ proxy: 'host:99999', domains: [] }), /range/)
    assert.equal(
      evaluatePac(buildPac({ proxy: '[::1]:3128', domains: ['a.com'] }))('', 'a.com'),
      'PROXY [::1]:3128',
    )
  })
})
