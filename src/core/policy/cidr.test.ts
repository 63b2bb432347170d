import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cidrContains, parseCidr, parseIpAddress } from './cidr.ts'

function contains(cidr: string, address: string): boolean {
  const c = parseCidr(cidr)
  assert.notEqual(typeof c, 'string', `${cidr}: ${String(c)}`)
  const a = parseIpAddress(address)
  assert.ok(a, `${address} should parse`)
  return cidrContains(c as Exclude<typeof c, string>, a)
}

describe('CIDR matching', () => {
  it('matches IPv4 prefixes at byte and bit boundaries', () => {
    assert.equal(contains('10.20.0.0/16', '10.20.255.1'), true)
    assert.equal(contains('10.20.0.0/16', '10.21.0.1'), false)
    assert.equal(contains('192.168.1.128/25', '192.168.1.200'), true)
    assert.equal(contains('192.168.1.128/25', '192.168.1.127'), false)
    assert.equal(contains('0.0.0.0/0', '8.8.8.8'), true)
    assert.equal(contains('203.0.113.7/32', '203.0.113.7'), true)
    assert.equal(contains('203.0.113.7', '203.0.113.8'), false)
  })

  it('matches IPv6 prefixes and ignores brackets and zone ids', () => {
    assert.equal(contains('2001:db8::/32', '2001:db8:1::5'), true)
    assert.equal(contains('2001:db8::/33', '2001:db8:8000::1'), false)
    assert.equal(contains('::1/128', '::1'), true)
    assert.equal(contains('fe80::/10', 'fe80::1%eth0'), true)
    assert.equal(contains('::/0', '[2001:db8::1]'), true)
  })

  it('treats IPv4-mapped IPv6 addresses and prefixes as IPv4', () => {
    assert.equal(contains('127.0.0.0/8', '::ffff:127.0.0.1'), true)
    assert.equal(contains('::ffff:127.0.0.0/104', '127.0.0.5'), true)
    assert.equal(contains('::ffff:10.0.0.0/120', '::ffff:10.0.0.9'), true)
    assert.equal(contains('::ffff:10.0.0.0/120', '10.0.1.9'), false)
  })

  it('never mixes families', () => {
    assert.equal(contains('0.0.0.0/0', '::1'), false)
    assert.equal(contains('::/0', '127.0.0.1'), false)
  })

  it('rejects malformed prefixes with a reason', () => {
    assert.match(String(parseCidr('10.0.0.1/8')), /bits set past the \/8/)
    assert.match(String(parseCidr('10.0.0.0/33')), /invalid prefix length/)
    assert.match(String(parseCidr('10.0.0.0/')), /invalid prefix length/)
    assert.match(String(parseCidr('localhost')), /not an IPv4 or IPv6/)
    assert.match(String(parseCidr('010.0.0.0/8')), /not an IPv4 or IPv6/)
    assert.equal(parseIpAddress('not-an-ip'), undefined)
    assert.equal(parseIpAddress('1.2.3.256'), undefined)
  })
})
