import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createIpDataLookup } from './ip-data-lookup.ts'
import { formatIpv4, parseIpv4, parseIpv6 } from './parse-ip.ts'
import { buildIpv4Table, buildIpv6Table, findIpv4, findIpv6 } from './range-tables.ts'

test('parseIpv4 accepts dotted quads only', () => {
  assert.equal(parseIpv4('14.103.2.10'), (14 << 24) + (103 << 16) + (2 << 8) + 10)
  assert.equal(parseIpv4('255.255.255.255'), 0xffffffff)
  for (const bad of ['1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1..2.3', 'a.b.c.d', ''])
    assert.equal(parseIpv4(bad), undefined, bad)
  assert.equal(formatIpv4(parseIpv4('203.0.113.5') as number), '203.0.113.5')
})

test('parseIpv6 handles ::, embedded IPv4 and rejects junk', () => {
  assert.deepEqual(parseIpv6('::1'), { hi: 0n, lo: 1n })
  assert.deepEqual(parseIpv6('2001:db8::ffff:1.2.3.4'), { hi: 0x20010db800000000n, lo: 0x0000ffff01020304n })
  assert.deepEqual(parseIpv6('1:2:3:4:5:6:7:8'), { hi: 0x0001000200030004n, lo: 0x0005000600070008n })
  for (const bad of ['1:2:3', ':::', '1::2::3', '12345::', 'g::1', '1:2:3:4:5:6:7:8:9'])
    assert.equal(parseIpv6(bad), undefined, bad)
})

test('range tables: binary search finds inclusive bounds, gaps answer nothing, quoted orgs unquoted', () => {
  const t = buildIpv4Table('10,20,1,"A, Inc."\n30,40,2,B ""quoted""\n50,50,1,"A, Inc."\n')
  assert.equal(findIpv4(t, 10), '1,A, Inc.')
  assert.equal(findIpv4(t, 20), '1,A, Inc.')
  assert.equal(findIpv4(t, 25), undefined)
  assert.equal(findIpv4(t, 9), undefined)
  assert.equal(findIpv4(t, 50), '1,A, Inc.')
  assert.equal(findIpv4(t, 51), undefined)
  assert.equal(t.labels.length, 2, 'labels are interned')
  const big = 2n ** 64n
  const t6 = buildIpv6Table(`${big * 5n},${big * 5n + 100n},KR\n${big * 9n},${big * 10n},CN\n`)
  assert.equal(findIpv6(t6, { hi: 5n, lo: 100n }), 'KR')
  assert.equal(findIpv6(t6, { hi: 5n, lo: 101n }), undefined)
  assert.equal(findIpv6(t6, { hi: 9n, lo: 2n ** 63n }), 'CN')
  assert.equal(findIpv6(t6, { hi: 10n, lo: 0n }), 'CN')
  assert.equal(findIpv6(t6, { hi: 10n, lo: 1n }), undefined)
})

test('bundled data: Volcano Engine, Google, reserved ranges, IPv6', () => {
  const ip = createIpDataLookup()
  const volc = ip.lookup('14.103.2.10')
  assert.equal(volc.country, 'CN')
  assert.equal(volc.asn, 137718)
  assert.equal(volc.asOrg, 'Beijing Volcano Engine Technology Co., Ltd.')
  const google = ip.lookup('8.8.8.8')
  assert.equal(google.country, 'US')
  assert.equal(google.asn, 15169)
  // Data sets answer AU for TEST-NET-3; reserved ranges are filtered before any lookup.
  assert.deepEqual(ip.lookup('203.0.113.5'), {
    ip: '203.0.113.5',
    reserved: 'documentation TEST-NET-3 (RFC 5737)',
  })
  assert.equal(ip.lookup('10.1.2.3').reserved, 'private use (RFC 1918)')
  assert.equal(ip.lookup('fe80::1').reserved, 'link local (RFC 4291)')
  assert.equal(ip.lookup('2001:db8::1').reserved, 'documentation (RFC 3849)')
  assert.equal(ip.lookup('::ffff:14.103.2.10').asn, 137718)
  const v6 = ip.lookup('2001:4860:4860::8888')
  assert.equal(v6.asn, 15169)
  assert.equal(v6.reserved, undefined)
  assert.equal(ip.lookup('not-an-ip').reserved, 'not an IP address')
  assert.equal(ip.datasets.length, 2)
  assert.match(ip.datasets[0]?.date ?? '', /^\d{4}-\d{2}-\d{2}$/)
})
