import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { describe, it } from 'node:test'
import { testKnownServices, testServiceFacts } from '../../test/support/policy-services.ts'
import { hashApiKey } from '../core/policy/api-key-hash.ts'
import { type ConfigCommandDeps, runConfigCommand } from './config-command.ts'
import { runPolicyCommand } from './policy-command.ts'
import { UsageError } from './usage-error.ts'

// Files the commands read: real preset files from disk, everything else from this table.
function harness(files: Record<string, string> = {}, stdin = '') {
  let out = ''
  const deps: ConfigCommandDeps = {
    readFile: async (path) => files[path] ?? readFile(path, 'utf8'),
    readStdin: async () => stdin,
    write: (text) => {
      out += text
    },
    env: {},
    serviceFacts: testServiceFacts,
    knownServices: testKnownServices,
  }
  return { deps, output: () => out }
}

const tenantFile = `
upstreams:
  internal: { kind: openai-compatible, baseUrl: 'http://10.0.0.5:8000/v1', service: agency-llm }
tenants:
  mofa:
    name: Ministry
    policy:
      preset: kr-ministry
      allowlist: [{ service: agency-llm, reviewRef: NIS-2025-17 }]
      rules:
        - id: PI-INTERNAL
          when: { categories: [personal_identifier], services: [openai-api] }
          action: route
          routeTo: internal
      tests:
        - name: personal data to OpenAI goes to the internal model
          request: { service: openai-api, detections: [PHONE_NUMBER] }
          expect: { action: route, rule: PI-INTERNAL, routeTo: internal }
        - name: DeepSeek is blocked
          request: { service: deepseek }
          expect: { action: block, rule: M03 }
        - name: a deliberately wrong expectation
          request: { service: agency-llm }
          expect: { action: block, rule: M01 }
`

describe('sluice policy test', () => {
  it('passes the built-in presets against the catalog facts', async () => {
    for (const preset of ['kr-ministry', 'kr-enterprise']) {
      const h = harness()
      assert.equal(
        await runPolicyCommand(['test', `src/config/presets/${preset}.yaml`], h.deps),
        0,
        h.output(),
      )
      assert.match(h.output(), /^ok {4}kr-/m)
      assert.match(h.output(), /PASS: (\d+)\/\1\n$/)
    }
  })

  it('runs the tests of each tenant of a sluice.yaml and exits 1 on a failure', async () => {
    const h = harness({ 'sluice.yaml': tenantFile })
    assert.equal(await runPolicyCommand(['test', 'sluice.yaml'], h.deps), 1)
    assert.equal(
      h.output(),
      [
        'ok    tenants.mofa: personal data to OpenAI goes to the internal model',
        'ok    tenants.mofa: DeepSeek is blocked',
        'FAIL  tenants.mofa: a deliberately wrong expectation',
        '        expected block by M01, got allow by M02',
        '-'.repeat(60),
        'FAIL: 2/3',
        '',
      ].join('\n'),
    )
  })

  it('exits 1 when there are no tests, or the file is invalid', async () => {
    const none = harness({ 'x.yaml': 'tenants: { a: { name: A, policy: { preset: kr-enterprise } } }' })
    assert.equal(await runPolicyCommand(['test', 'x.yaml'], none.deps), 1)
    assert.match(none.output(), /no test cases/)
    const bad = harness({
      'x.yaml':
        'id: p\nname: { ko: a, en: b }\nrules: [{ id: R, action: block }]\ndefault: { action: allow }',
    })
    assert.equal(await runPolicyCommand(['test', 'x.yaml'], bad.deps), 1)
    assert.match(bad.output(), /x\.yaml: invalid\n {2}rules\.0\.notice: a block needs a notice/)
  })

  it('needs a FILE', async () => {
    await assert.rejects(runPolicyCommand(['test'], harness().deps), UsageError)
  })
})

describe('sluice policy lint', () => {
  it('lints the embedded default: only the missing review references, as warnings', async () => {
    const h = harness()
    assert.equal(await runPolicyCommand(['lint'], h.deps), 0)
    assert.match(h.output(), /^warning tenants\.default allowlist: 'openai-api' has no reviewRef/m)
  })

  it('finds unreachable rules and unknown services, exit 1', async () => {
    const file = `
upstreams:
  openai: { kind: openai, baseUrl: 'https://api.openai.com/v1', service: openai-apj }
tenants:
  acme:
    name: Acme
    policy:
      preset: kr-enterprise
      rules:
        - { id: ALL-PI, when: { categories: [personal_identifier] }, action: pseudonymise }
        - { id: PHONES, when: { types: [PHONE_NUMBER] }, action: block, notice: { ko: 차단, en: blocked } }
        - { id: GEMINI, when: { services: [gemini] }, action: allow }
`
    const h = harness({ 'sluice.yaml': file })
    assert.equal(await runPolicyCommand(['lint', '--config', 'sluice.yaml'], h.deps), 1)
    const lines = h.output().trimEnd().split('\n')
    assert.ok(
      lines.includes(
        "error   tenants.acme PHONES: unreachable: rule 'ALL-PI' (tenant) before it matches everything it matches",
      ),
      h.output(),
    )
    assert.ok(lines.includes("error   tenants.acme GEMINI: unknown service 'gemini' (not in the catalog)"))
    assert.ok(
      lines.includes(
        // A tenant rule ahead of a preset rule is how a tenant overrides its preset: a warning.
        "warning tenants.acme C05 (kr-enterprise): unreachable: rule 'ALL-PI' (tenant) before it matches everything it matches",
      ),
    )
    assert.ok(lines.includes("error   upstreams.openai: unknown service 'openai-apj' (not in the catalog)"))
  })
})

describe('sluice config', () => {
  it('hash-key prints the sha256 line of the key on stdin', async () => {
    const key = 'sk-sluice-0123456789abcdefghij'
    const h = harness({}, `${key}\n`)
    assert.equal(await runConfigCommand(['hash-key'], h.deps), 0)
    assert.equal(h.output(), `${hashApiKey(key)}\n`)
    await assert.rejects(runConfigCommand(['hash-key'], harness({}, 'short\n').deps), /shorter than 20/)
    await assert.rejects(runConfigCommand(['hash-key'], harness({}, '').deps), /no key on standard input/)
  })

  it('schema prints JSON Schema', async () => {
    const h = harness()
    assert.equal(await runConfigCommand(['schema'], h.deps), 0)
    const schema = JSON.parse(h.output()) as { title: string; properties: Record<string, unknown> }
    assert.equal(schema.title, 'sluice.yaml')
    assert.ok('tenants' in schema.properties)
  })

  it('check reports a valid file, and every problem of an invalid one', async () => {
    const ok = harness({ 'sluice.yaml': tenantFile })
    assert.equal(await runConfigCommand(['check', '--config', 'sluice.yaml'], ok.deps), 0)
    assert.equal(ok.output(), 'sluice.yaml: valid (1 tenants, 0 keys, 0 zones, 1 upstreams)\n')
    const bad = harness({
      'sluice.yaml':
        'tenants: { a: { name: A, policy: { preset: kr-nowhere } } }\nkeys: [{ hash: abc, tenant: a, user: u }]',
    })
    assert.equal(await runConfigCommand(['check', '--config', 'sluice.yaml'], bad.deps), 1)
    assert.match(bad.output(), /^sluice\.yaml: invalid\n/)
    assert.match(bad.output(), /\n {2}keys\.0\.hash: sha256:<64 lowercase hex digits>/)
    assert.match(bad.output(), /\n {2}tenants\.a\.policy\.preset: Invalid option/)
  })

  it('check without --config checks the embedded default', async () => {
    const h = harness()
    assert.equal(await runConfigCommand(['check'], h.deps), 0)
    assert.match(
      h.output(),
      /^the embedded default configuration: valid \(1 tenants, 0 keys, 1 zones, 3 upstreams\)/,
    )
  })

  it('refuses unknown subcommands', async () => {
    await assert.rejects(runConfigCommand(['frobnicate'], harness().deps), /unknown config command/)
  })
})
