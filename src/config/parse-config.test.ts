import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { hashApiKey } from '../core/policy/api-key-hash.ts'
import { evaluatePolicy } from '../core/policy/evaluate-policy.ts'
import { resolveSubject } from '../core/policy/resolve-subject.ts'
import { ConfigError } from './config-error.ts'
import { defaultConfig } from './default-config.ts'
import { upstreamApiKey } from './load-config-file.ts'
import { parseConfig } from './parse-config.ts'
import { configJsonSchema } from './sluice-config-schema.ts'
import { compileTenantPolicies } from './tenant-policies.ts'

// '${NAME}' written without tripping the template-literal lint.
const ref = (name: string) => `$${'{'}${name}}`

const minimal = `
tenants:
  acme:
    name: Acme
    policy: { preset: kr-enterprise }
`

function problemsOf(text: string, env: Record<string, string> = {}): readonly string[] {
  try {
    parseConfig(text, { env })
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error))
    return error.problems
  }
  assert.fail('expected a ConfigError')
}

describe('parseConfig', () => {
  it('fills defaults', () => {
    const c = parseConfig(minimal)
    assert.deepEqual(c.server, { host: '127.0.0.1', port: 8080, dataDir: './data' })
    assert.deepEqual(c.inspection, {
      failMode: 'closed',
      timeoutMs: 5000,
      minScore: 0.5,
      responses: true,
      maxBodyBytes: 10485760,
    })
    assert.deepEqual([c.keys, c.zones, c.models], [[], [], []])
    assert.ok(Object.isFrozen(c.tenants.acme?.policy))
  })

  it('reports YAML syntax errors with line numbers', () => {
    const problems = problemsOf('tenants:\n  acme: {name: "x"\n  other: 1\n')
    assert.ok(problems.length >= 1)
    assert.match(problems[0] ?? '', /^line \d+, column \d+: /)
    assert.match(problemsOf('a: 1\na: 2\n')[0] ?? '', /line 2, column 1: Map keys must be unique/)
  })

  it('reports every schema problem with its path', () => {
    const problems = problemsOf(`
server: { port: 70000, extra: true }
upstreams:
  up: { kind: openai, baseUrl: 'ftp://x' }
tenants:
  acme:
    name: Acme
    policy:
      rules:
        - { id: R0, action: block }
        - { id: R1, when: { types: [KR_SSN] }, action: allow }
        - { id: R2, action: route, routeTo: nowhere }
      default: { action: allow }
`)
    assert.deepEqual(
      [...problems].sort(),
      [
        'server.port: Too big: expected number to be <=65535',
        'server: Unrecognized key: "extra"',
        'tenants.acme.policy.rules.0.notice: a block needs a notice in Korean and English',
        `tenants.acme.policy.rules.1.when.types.0: Invalid option: expected one of ${problems.find((p) => p.includes('when.types'))?.split('expected one of ')[1]}`,
        'upstreams.up.baseUrl: an http(s) URL, e.g. https://api.openai.com/v1',
      ].sort(),
    )
  })

  it('checks cross-references once the shapes are right', () => {
    const problems = problemsOf(`
upstreams:
  openai: { kind: openai, baseUrl: 'https://api.openai.com/v1' }
models:
  - { match: 'gpt-*', upstream: openai }
  - { match: 'claude-*', upstream: anthropic }
tenants:
  acme:
    name: Acme
    policy:
      preset: kr-enterprise
      rules:
        - { id: LOCAL, action: route, routeTo: internal }
        - { id: LOCAL, action: allow }
        - { id: C05, action: allow }
  bare: { name: Bare, policy: { rules: [] } }
keys:
  - { hash: '${hashApiKey('k1-0123456789abcdefghij')}', tenant: acme, user: kim }
  - { hash: '${hashApiKey('k1-0123456789abcdefghij')}', tenant: ghost, user: lee }
zones:
  - { id: pcs, cidrs: ['10.0.0.1/8'], keyless: true }
  - { id: pcs, cidrs: ['10.1.0.0/16'], tenant: nobody }
`)
    assert.deepEqual(
      [...problems].sort(),
      [
        'keys.1.hash: the same key hash as keys.0',
        "keys.1.tenant: unknown tenant 'ghost'",
        "models.1.upstream: unknown upstream 'anthropic' (openai)",
        "tenants.acme.policy.rules.0.routeTo: unknown upstream 'internal' (openai)",
        "tenants.acme.policy.rules.1.id: duplicate rule id 'LOCAL' (also rules.0)",
        'tenants.bare.policy: a policy needs a preset or a default',
        "zones.0.cidrs.0: '10.0.0.1/8' has bits set past the /8 prefix (did you mean the network address?)",
        'zones.0.tenant: a keyless zone needs a tenant',
        "zones.1.id: duplicate zone id 'pcs' (also zones.0)",
        "zones.1.tenant: unknown tenant 'nobody'",
      ].sort(),
    )
  })

  it('refuses a tenant rule id that its preset already uses', () => {
    const problems = problemsOf(`
tenants:
  acme: { name: Acme, policy: { preset: kr-enterprise, rules: [{ id: C05, action: allow }] } }
`)
    assert.deepEqual(problems, [
      "tenants.acme.policy.rules.0.id: 'C05' is already a rule of preset kr-enterprise; pick another id",
    ])
  })

  it('expands variable references in values, keeps $${ literal, and names unset variables', () => {
    const text = `
upstreams:
  openai: { kind: openai, baseUrl: '${ref('BASE')}/v1', apiKey: '${ref('OPENAI_KEY')}' }
tenants:
  acme: { name: 'Price $${ref('X')}', policy: { preset: kr-enterprise } }
`
    const c = parseConfig(text, { env: { BASE: 'https://gw.example', OPENAI_KEY: 'sk-123' } })
    assert.equal(c.upstreams.openai?.baseUrl, 'https://gw.example/v1')
    assert.equal(c.upstreams.openai?.apiKey, 'sk-123')
    assert.equal(c.tenants.acme?.name, `Price ${ref('X')}`)
    assert.deepEqual(problemsOf(text, { BASE: 'https://gw.example' }), [
      'upstreams.openai.apiKey: environment variable OPENAI_KEY is not set',
    ])
    assert.match(
      problemsOf(text.replace(ref('BASE'), ref('1BAD')), { OPENAI_KEY: 'k' })[0] ?? '',
      /^upstreams\.openai\.baseUrl: '\$\{1BAD\}' is not a valid variable reference/,
    )
  })

  it('lets SLUICE_* variables override the file, and checks them', () => {
    const c = parseConfig(`server: { port: 9000 }\n${minimal}`, {
      env: {
        SLUICE_HOST: '0.0.0.0',
        SLUICE_PORT: '8443',
        SLUICE_DATA_DIR: '/var/lib/sluice',
        SLUICE_FAIL_MODE: 'open',
        SLUICE_MIN_SCORE: '0.7',
      },
    })
    assert.deepEqual(c.server, { host: '0.0.0.0', port: 8443, dataDir: '/var/lib/sluice' })
    assert.equal(c.inspection.failMode, 'open')
    assert.equal(c.inspection.minScore, 0.7)
    assert.deepEqual(
      [...problemsOf(minimal, { SLUICE_PORT: 'http', SLUICE_FAIL_MODE: 'maybe', SLUICE_MIN_SCORE: '2' })],
      [
        "SLUICE_PORT: 'http' is not a port number (0-65535)",
        "SLUICE_FAIL_MODE: 'maybe' must be closed or open",
        "SLUICE_MIN_SCORE: '2' must be a number from 0 to 1",
      ],
    )
  })

  it('refuses a file that is not a mapping, or has no tenants', () => {
    assert.deepEqual(problemsOf('- a\n- b\n'), ['(top): the file must be a mapping (server:, tenants:, …)'])
    assert.deepEqual(problemsOf(''), ['tenants: Invalid input: expected record, received undefined'])
    assert.deepEqual(problemsOf('tenants: {}'), ['tenants: at least one tenant is needed'])
  })

  it('uses the configured score floor in tenant policies', () => {
    const c = parseConfig(`inspection: { minScore: 0.9 }\n${minimal}`)
    const policy = compileTenantPolicies(c).get('acme')
    assert.ok(policy)
    const facts = {
      tenant: 'acme',
      groups: [],
      destinationCountries: [],
      detections: [
        { type: 'KR_RRN' as const, category: 'personal_identifier' as const, maxScore: 0.8, count: 1 },
      ],
      content: { files: false, images: false, audio: false },
      direction: 'request' as const,
    }
    assert.notEqual(evaluatePolicy(policy, facts).rule, 'C04-RRN')
    assert.equal(
      evaluatePolicy(policy, {
        ...facts,
        detections: [{ ...facts.detections[0], maxScore: 0.95 }],
      } as typeof facts).rule,
      'C04-RRN',
    )
  })
})

describe('the embedded default configuration', () => {
  const config = defaultConfig({})

  it('lets loopback clients in keyless as tenant default, and no one else', () => {
    for (const remoteAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      assert.deepEqual(resolveSubject(config, { remoteAddress }), {
        ok: true,
        tenant: 'default',
        groups: [],
        zone: 'local',
        keyless: true,
      })
    }
    assert.deepEqual(resolveSubject(config, { remoteAddress: '192.168.0.10' }), {
      ok: false,
      reason: 'missing-key',
    })
  })

  it('routes models to the three upstreams with catalog services, keys from the environment', () => {
    assert.deepEqual(
      config.models.map((m) => `${m.match}>${m.upstream}`),
      [
        'gpt-*>openai',
        'chatgpt-*>openai',
        'o1*>openai',
        'o3*>openai',
        'o4*>openai',
        'text-embedding-*>openai',
        'claude-*>anthropic',
        'deepseek-*>deepseek',
      ],
    )
    assert.deepEqual(Object.fromEntries(Object.entries(config.upstreams).map(([id, u]) => [id, u.service])), {
      openai: 'openai-api',
      anthropic: 'anthropic-api',
      deepseek: 'deepseek',
    })
    const openai = config.upstreams.openai
    assert.ok(openai)
    assert.equal(upstreamApiKey(openai, {}), undefined, 'a missing provider key is not a config error')
    assert.equal(upstreamApiKey(openai, { OPENAI_API_KEY: 'sk-live' }), 'sk-live')
  })

  it('runs kr-ministry with the API tiers allowlisted', () => {
    const policy = compileTenantPolicies(config).get('default')
    assert.equal(policy?.preset, 'kr-ministry')
    assert.deepEqual([...(policy?.allowlist ?? [])], ['openai-api', 'anthropic-api'])
  })

  it('takes environment overrides', () => {
    assert.equal(defaultConfig({ SLUICE_PORT: '9999' }).server.port, 9999)
  })
})

describe('configJsonSchema', () => {
  it('describes every section and the rule vocabulary', () => {
    const schema = configJsonSchema() as { properties: Record<string, unknown>; required?: string[] }
    assert.deepEqual(Object.keys(schema.properties), [
      'server',
      'inspection',
      'upstreams',
      'models',
      'catalog',
      'tenants',
      'keys',
      'zones',
      'proxy',
      'transfers',
      'vault',
      'storage',
    ])
    assert.deepEqual(schema.required, ['tenants'])
    const text = JSON.stringify(schema)
    assert.ok(
      text.includes('"KR_RRN"') && text.includes('"personal_identifier"') && text.includes('"kr-ministry"'),
    )
    assert.ok(text.includes('notDestinationCountries') && text.includes('keyless'))
  })
})

describe('proxy section', () => {
  it('has working defaults and normalises host suffixes', async () => {
    const { parseConfig } = await import('./parse-config.ts')
    const { proxySettingsFrom } = await import('./proxy-settings.ts')
    const base = `tenants:\n  t: { name: T, contact: 'it@t.example', policy: { default: { action: allow } } }\nzones:\n  - { id: office, cidrs: [10.1.0.0/16], tenant: t, keyless: true }\n`
    const plain = parseConfig(base)
    assert.equal(plain.proxy.enabled, true)
    assert.equal(plain.proxy.auth, 'none')
    assert.equal(plain.proxy.xForwardedFor, false)
    assert.equal(plain.proxy.intercept.enabled, undefined)
    assert.ok(plain.proxy.intercept.doNotIntercept.includes('gov.kr'))
    const custom = parseConfig(
      `${base}proxy:\n  auth: required\n  extraHosts: ['.AI.Internal.Example.']\n  intercept: { enabled: false, doNotIntercept: [bank.example] }\n`,
    )
    assert.deepEqual(custom.proxy.extraHosts, ['ai.internal.example'])
    const settings = proxySettingsFrom(custom)
    assert.equal(settings.auth, 'required')
    assert.deepEqual(settings.intercept.doNotIntercept, ['bank.example'])
    assert.equal(settings.inZone('10.1.2.3'), true)
    assert.equal(settings.inZone('::ffff:10.1.2.3'), true)
    assert.equal(settings.inZone('10.2.0.1'), false)
    assert.deepEqual(settings.tenant('t'), { name: 'T', contact: 'it@t.example' })
    assert.throws(() => parseConfig(`${base}proxy: { extraHosts: ['http://x/'] }\n`), /host name/)
  })
})
