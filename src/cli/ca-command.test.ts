import assert from 'node:assert/strict'
import { X509Certificate } from 'node:crypto'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { loadOrCreateCa } from '../adapters/tls-intercept/certificate-authority.ts'
import { caUsage, runCaCommand } from './ca-command.ts'
import { UsageError } from './usage-error.ts'

describe('sluice ca init', () => {
  let root: string
  let out = ''
  const deps = (defaultDataDir: string) => ({
    loadOrCreateCa,
    defaultDataDir,
    write: (text: string) => {
      out += text
    },
  })
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'sluice-ca-cli-'))
  })
  after(async () => {
    await rm(root, { recursive: true, force: true })
  })

  it('creates the CA, prints the file paths, the fingerprint and how to distribute it', async () => {
    out = ''
    const dir = join(root, 'one')
    assert.equal(
      await runCaCommand(['init', '--dir', dir, '--subject', 'Ministry of Examples'], deps('/nowhere')),
      0,
    )
    const pem = await readFile(join(dir, 'ca.pem'), 'utf8')
    assert.equal((await stat(join(dir, 'ca.key'))).mode & 0o777, 0o600)
    assert.ok(out.includes(join(dir, 'ca.pem')))
    assert.ok(out.includes(join(dir, 'ca.der')))
    assert.ok(out.includes(new X509Certificate(pem).fingerprint256))
    assert.match(out, /O=Ministry of Examples/)
    for (const how of [
      'certutil -addstore',
      'security add-trusted-cert',
      'update-ca-certificates',
      'ImportEnterpriseRoots',
    ])
      assert.ok(out.includes(how), how)
  })

  it('uses the default data directory when --dir is not given', async () => {
    out = ''
    const dir = join(root, 'default')
    assert.equal(await runCaCommand(['init'], deps(dir)), 0)
    await stat(join(dir, 'ca.key'))
  })

  it('refuses to replace an existing CA without --force, and replaces it with --force', async () => {
    const dir = join(root, 'two')
    await runCaCommand(['init', '--dir', dir], deps('/nowhere'))
    const before = await readFile(join(dir, 'ca.pem'), 'utf8')
    out = ''
    assert.equal(await runCaCommand(['init', '--dir', dir], deps('/nowhere')), 1)
    assert.match(out, /already exists.*not replaced/)
    assert.match(out, /--force/)
    assert.equal(await readFile(join(dir, 'ca.pem'), 'utf8'), before)
    out = ''
    assert.equal(await runCaCommand(['init', '--dir', dir, '--force'], deps('/nowhere')), 0)
    assert.notEqual(await readFile(join(dir, 'ca.pem'), 'utf8'), before)
  })

  it('prints help and rejects unknown actions', async () => {
    out = ''
    assert.equal(await runCaCommand(['--help'], deps(root)), 0)
    assert.equal(out, caUsage)
    assert.equal(await runCaCommand([], deps(root)), 2)
    await assert.rejects(runCaCommand(['rotate'], deps(root)), UsageError)
    await assert.rejects(runCaCommand(['init', '--subject', ' '], deps(root)), /organisation name/)
  })
})
