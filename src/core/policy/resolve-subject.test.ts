import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { hashApiKey } from './api-key-hash.ts'
import { compileSubjects, resolveSubject, type SubjectSource } from './resolve-subject.ts'

const aliceKey = 'sk-sluice-alice-0123456789abcdef'
const source: SubjectSource = {
  keys: [
    { hash: hashApiKey(aliceKey), tenant: 'mofa', user: 'alice', groups: ['legal'] },
    { hash: hashApiKey('sk-sluice-bob-0123456789abcdef'), tenant: 'motie', user: 'bob' },
  ],
  zones: [
    { id: 'local', cidrs: ['127.0.0.0/8', '::1/128'], tenant: 'mofa', keyless: true },
    { id: 'internet-pcs', cidrs: ['10.20.0.0/16'], tenant: 'mofa' },
    { id: 'kiosk', cidrs: ['10.20.5.0/24'], tenant: 'mofa', keyless: true },
  ],
}

describe('hashApiKey', () => {
  it('is sha256 of the key, prefixed', () => {
    assert.equal(hashApiKey('abc'), 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})

describe('resolveSubject', () => {
  it('identifies a key holder, with the zone the request came from', () => {
    assert.deepEqual(resolveSubject(source, { apiKey: aliceKey, remoteAddress: '10.20.1.2' }), {
      ok: true,
      tenant: 'mofa',
      user: 'alice',
      groups: ['legal'],
      zone: 'internet-pcs',
      keyless: false,
    })
    const bob = resolveSubject(source, {
      apiKey: 'sk-sluice-bob-0123456789abcdef',
      remoteAddress: '192.0.2.1',
    })
    assert.deepEqual(bob, { ok: true, tenant: 'motie', user: 'bob', groups: [], keyless: false })
  })

  it('lets loopback in without a key (IPv4, IPv6 and mapped)', () => {
    for (const remoteAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      assert.deepEqual(resolveSubject(source, { remoteAddress }), {
        ok: true,
        tenant: 'mofa',
        groups: [],
        zone: 'local',
        keyless: true,
      })
    }
  })

  it('requires a key outside keyless zones', () => {
    assert.deepEqual(resolveSubject(source, { remoteAddress: '10.20.1.2' }), {
      ok: false,
      reason: 'missing-key',
    })
    assert.deepEqual(resolveSubject(source, { remoteAddress: '198.51.100.1', apiKey: '' }), {
      ok: false,
      reason: 'missing-key',
    })
    assert.deepEqual(resolveSubject(source, { remoteAddress: 'garbage' }), {
      ok: false,
      reason: 'missing-key',
    })
  })

  it('refuses an unknown key even from a keyless zone', () => {
    assert.deepEqual(resolveSubject(source, { apiKey: 'sk-wrong', remoteAddress: '127.0.0.1' }), {
      ok: false,
      reason: 'unknown-key',
    })
    assert.deepEqual(resolveSubject(source, { apiKey: `${aliceKey} `, remoteAddress: '127.0.0.1' }), {
      ok: false,
      reason: 'unknown-key',
    })
  })

  it('picks the most specific zone', () => {
    const r = resolveSubject(source, { remoteAddress: '10.20.5.9' })
    assert.deepEqual(r, { ok: true, tenant: 'mofa', groups: [], zone: 'kiosk', keyless: true })
  })

  it('rejects malformed key hashes and prefixes when compiling', () => {
    assert.throws(
      () => compileSubjects({ keys: [{ hash: 'md5:abc', tenant: 't', user: 'u' }], zones: [] }),
      /sha256/,
    )
    assert.throws(() => compileSubjects({ keys: [], zones: [{ id: 'z', cidrs: ['10.0.0.1/8'] }] }), /zone z/)
  })
})
