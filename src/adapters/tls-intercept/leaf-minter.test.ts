import assert from 'node:assert/strict'
import { X509Certificate } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type CertificateAuthority, loadOrCreateCa } from './certificate-authority.ts'
import { normaliseHost } from './leaf-minter.ts'
import { x509 } from './x509-provider.ts'

describe('leaf minting', () => {
  let dir: string
  let ca: CertificateAuthority
  let caCert: X509Certificate
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-leaf-'))
    ca = await loadOrCreateCa(dir, { create: true, subject: 'Test Ministry' })
    caCert = new X509Certificate(ca.certPem)
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('mints a P-256 server leaf for a host, signed by the CA', async () => {
    const leaf = await ca.leafFor('Chat.DeepSeek.com.')
    const cert = new X509Certificate(leaf.cert)
    assert.equal(cert.verify(caCert.publicKey), true)
    assert.equal(cert.checkIssued(caCert), true)
    assert.equal(cert.ca, false)
    assert.equal(cert.subjectAltName, 'DNS:chat.deepseek.com')
    assert.match(cert.subject, /CN=chat\.deepseek\.com/)
    assert.equal(cert.checkHost('chat.deepseek.com'), 'chat.deepseek.com')
    assert.equal(cert.checkPrivateKey((await import('node:crypto')).createPrivateKey(leaf.key)), true)
    assert.equal(cert.publicKey.asymmetricKeyDetails?.namedCurve, 'prime256v1')
    const days = (Date.parse(cert.validTo) - Date.now()) / (24 * 3600 * 1000)
    assert.ok(days > 360 && days < 367, `valid for ${days} days`)
    assert.ok(Date.parse(cert.validFrom) < Date.now() - 60 * 60 * 1000, 'backdated for slow clocks')

    const parsed = new x509.X509Certificate(leaf.cert)
    assert.deepEqual(
      [...(parsed.getExtension(x509.ExtendedKeyUsageExtension)?.usages ?? [])],
      [x509.ExtendedKeyUsage.serverAuth],
    )
    assert.equal(parsed.getExtension(x509.KeyUsagesExtension)?.usages, x509.KeyUsageFlags.digitalSignature)
    const caSki = new x509.X509Certificate(ca.certPem).getExtension(x509.SubjectKeyIdentifierExtension)?.keyId
    assert.equal(parsed.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId, caSki)
    assert.equal(parsed.getExtension(x509.BasicConstraintsExtension)?.ca, false)
  })

  it('puts IP literals in an iPAddress SAN', async () => {
    const v4 = new X509Certificate((await ca.leafFor('192.0.2.7')).cert)
    assert.equal(v4.subjectAltName, 'IP Address:192.0.2.7')
    assert.equal(v4.checkIP('192.0.2.7'), '192.0.2.7')
    const v6 = new X509Certificate((await ca.leafFor('[2001:db8::1]')).cert)
    assert.equal(v6.checkIP('2001:db8::1'), '2001:db8::1')
  })

  it('never exceeds the CA lifetime and gives every leaf a distinct random serial', async () => {
    const a = new X509Certificate((await ca.leafFor('a.example.test')).cert)
    const b = new X509Certificate((await ca.leafFor('b.example.test')).cert)
    assert.notEqual(a.serialNumber, b.serialNumber)
    assert.ok(a.serialNumber.length >= 30)
    assert.ok(Date.parse(a.validTo) <= Date.parse(caCert.validTo))
  })

  it('leaves out CN (SAN only) for a host longer than 64 characters', async () => {
    const long = `${'a'.repeat(60)}.example.test`
    const cert = new X509Certificate((await ca.leafFor(long)).cert)
    assert.equal(cert.subjectAltName, `DNS:${long}`)
    assert.doesNotMatch(cert.subject, /CN=/)
  })

  it('serves a repeat from the cache and mints concurrent asks for one host once', async (t) => {
    let started = performance.now()
    const first = await ca.leafFor('cache.example.test')
    const mintMs = performance.now() - started
    started = performance.now()
    const again = await ca.leafFor('CACHE.example.test')
    const cachedMs = performance.now() - started
    assert.equal(again, first)
    t.diagnostic(`mint ${mintMs.toFixed(2)} ms, cached ${(cachedMs * 1000).toFixed(1)} µs`)

    const [x, y, z] = await Promise.all([
      ca.leafFor('together.example.test'),
      ca.leafFor('together.example.test'),
      ca.leafFor('together.example.test'),
    ])
    assert.equal(x, y)
    assert.equal(y, z)
  })

  it('evicts the least recently used host when the cache is full', async () => {
    const small = await loadOrCreateCa(dir, { leafCacheSize: 2 })
    const a = await small.leafFor('a.test')
    const b = await small.leafFor('b.test')
    assert.equal(await small.leafFor('a.test'), a) // a is now the most recent
    await small.leafFor('c.test') // evicts b
    assert.equal(await small.leafFor('a.test'), a)
    const b2 = await small.leafFor('b.test')
    assert.notEqual(b2, b)
    assert.notEqual(new X509Certificate(b2.cert).serialNumber, new X509Certificate(b.cert).serialNumber)
  })

  it('re-mints a cached leaf close to its expiry', async () => {
    let now = new Date()
    const timed = await loadOrCreateCa(dir, { now: () => now })
    const first = await timed.leafFor('renew.example.test')
    now = new Date(now.getTime() + 365 * 24 * 3600 * 1000)
    const renewed = await timed.leafFor('renew.example.test')
    assert.notEqual(renewed, first)
    assert.ok(renewed.notAfter > first.notAfter)
  })

  it('refuses names that are neither host names nor IP addresses', async () => {
    for (const bad of ['', 'bad_host!', 'a b.test', '*.example.test', 'x'.repeat(254), 'exa mple', 'a..b'])
      assert.throws(() => normaliseHost(bad), /not a host name or IP address/, bad)
    await assert.rejects(ca.leafFor('evil/host'), { code: 'INVALID_INPUT' })
  })
})
