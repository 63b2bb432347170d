import assert from 'node:assert/strict'
import { X509Certificate } from 'node:crypto'
import { chmod, mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { isSluiceError } from '../../app/errors.ts'
import { loadOrCreateCa } from './certificate-authority.ts'
import { x509 } from './x509-provider.ts'

describe('loadOrCreateCa', () => {
  let root: string
  let n = 0
  const freshDir = () => join(root, `ca-${++n}`)
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'sluice-ca-'))
  })
  after(async () => {
    await rm(root, { recursive: true, force: true })
  })

  it('creates a P-256 CA certificate with the CA extensions, and the three files', async () => {
    const dir = freshDir()
    const ca = await loadOrCreateCa(dir, { create: true, subject: 'Ministry of Examples' })
    assert.equal(ca.created, true)
    assert.equal((await stat(join(dir, 'ca.key'))).mode & 0o777, 0o600)
    const pem = await readFile(join(dir, 'ca.pem'), 'utf8')
    const der = await readFile(join(dir, 'ca.der'))
    assert.equal(pem, ca.certPem)
    const node = new X509Certificate(pem)
    assert.deepEqual(new X509Certificate(der).raw, node.raw)
    assert.equal(node.ca, true)
    assert.equal(node.fingerprint256, ca.fingerprintSha256)
    assert.equal(node.publicKey.asymmetricKeyDetails?.namedCurve, 'prime256v1')
    assert.equal(node.verify(node.publicKey), true) // self-signed
    assert.match(node.subject, /CN=Sluice Organisation CA/)
    assert.match(node.subject, /O=Ministry of Examples/)
    const years = (Date.parse(node.validTo) - Date.parse(node.validFrom)) / (365.25 * 24 * 3600 * 1000)
    assert.ok(years > 9.99 && years < 10.01, `validity ${years} years`)

    const cert = new x509.X509Certificate(pem)
    const basic = cert.getExtension(x509.BasicConstraintsExtension)
    assert.equal(basic?.ca, true)
    assert.equal(basic?.critical, true)
    const usage = cert.getExtension(x509.KeyUsagesExtension)
    assert.equal(usage?.usages, x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign)
    assert.equal(usage?.critical, true)
    assert.ok(cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId)
    assert.match(await readFile(join(dir, 'ca.key'), 'utf8'), /^-----BEGIN PRIVATE KEY-----/)
  })

  it('loads the same CA again instead of replacing it, and replaces it only with force', async () => {
    const dir = freshDir()
    const first = await loadOrCreateCa(dir, { create: true })
    const again = await loadOrCreateCa(dir, { create: true, subject: 'Other' })
    assert.equal(again.created, false)
    assert.equal(again.certPem, first.certPem)
    assert.equal((await loadOrCreateCa(dir)).fingerprintSha256, first.fingerprintSha256)
    const replaced = await loadOrCreateCa(dir, { force: true, subject: 'Other' })
    assert.equal(replaced.created, true)
    assert.notEqual(replaced.fingerprintSha256, first.fingerprintSha256)
    assert.equal((await stat(join(dir, 'ca.key'))).mode & 0o777, 0o600)
  })

  it('refuses a key file that others can read, naming the fix', async () => {
    const dir = freshDir()
    await loadOrCreateCa(dir, { create: true })
    await chmod(join(dir, 'ca.key'), 0o644)
    await assert.rejects(loadOrCreateCa(dir), (error: unknown) => {
      assert.ok(isSluiceError(error))
      assert.equal(error.code, 'CONFIG_INVALID')
      assert.match(error.message, /mode 0644/)
      assert.match(error.message, /chmod 600/)
      return true
    })
    await chmod(join(dir, 'ca.key'), 0o640)
    await assert.rejects(loadOrCreateCa(dir), /readable by its owner only/)
  })

  it('says how to create a CA when there is none, and does not create one unasked', async () => {
    const dir = freshDir()
    await assert.rejects(loadOrCreateCa(dir), /no organisation CA in .*sluice ca init/)
    await assert.rejects(stat(join(dir, 'ca.key')), { code: 'ENOENT' })
  })

  it('refuses an incomplete CA rather than silently minting a new one', async () => {
    const dir = freshDir()
    await loadOrCreateCa(dir, { create: true })
    await unlink(join(dir, 'ca.pem'))
    await assert.rejects(loadOrCreateCa(dir, { create: true }), /incomplete CA/)
  })

  it('rebuilds a deleted ca.der from ca.pem', async () => {
    const dir = freshDir()
    const ca = await loadOrCreateCa(dir, { create: true })
    await unlink(join(dir, 'ca.der'))
    await loadOrCreateCa(dir)
    assert.deepEqual(await readFile(join(dir, 'ca.der')), new X509Certificate(ca.certPem).raw)
  })

  it('refuses a key that does not belong to the certificate', async () => {
    const a = freshDir()
    const b = freshDir()
    await loadOrCreateCa(a, { create: true })
    await loadOrCreateCa(b, { create: true })
    await writeFile(join(a, 'ca.key'), await readFile(join(b, 'ca.key')), { mode: 0o600 })
    await assert.rejects(loadOrCreateCa(a), /does not belong to the certificate/)
  })

  it('refuses an expired CA', async () => {
    const dir = freshDir()
    await loadOrCreateCa(dir, { create: true })
    const in11Years = new Date(Date.now() + 11 * 365 * 24 * 3600 * 1000)
    await assert.rejects(loadOrCreateCa(dir, { now: () => in11Years }), /expired on .*sluice ca init --force/)
  })

  it('refuses an empty or over-long organisation name', async () => {
    await assert.rejects(loadOrCreateCa(freshDir(), { create: true, subject: '  ' }), /1–64 characters/)
    await assert.rejects(
      loadOrCreateCa(freshDir(), { create: true, subject: 'x'.repeat(65) }),
      /1–64 characters/,
    )
  })

  it('keeps an organisation name with commas intact', async () => {
    const ca = await loadOrCreateCa(freshDir(), { create: true, subject: 'Ministry of A, B and C' })
    const org = new x509.X509Certificate(ca.certPem).subjectName.getField('O')
    assert.deepEqual(org, ['Ministry of A, B and C'])
  })
})
