import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  buildPcap,
  type FixtureLinkType,
  type SyntheticExchange,
} from '../../../test/support/capture-fixtures.ts'
import { readCaptureBytes, text } from '../../../test/support/read-capture-bytes.ts'

const post: SyntheticExchange = {
  kind: 'http',
  time: '2026-03-01T10:00:00.123Z',
  clientIp: '192.168.1.20',
  serverIp: '14.103.2.10',
  host: 'ark.cn-beijing.volces.com',
  method: 'POST',
  path: '/api/v3/chat/completions?x=1',
  requestHeaders: [
    ['Content-Type', 'application/json'],
    ['Content-Encoding', 'identity'],
  ],
  requestBody: JSON.stringify({ messages: [{ role: 'user', content: 'canary-7f3a '.repeat(400) }] }),
  responseHeaders: [['Content-Type', 'application/json']],
  responseBody: '{"choices":[]}',
}

describe('pcap reader', () => {
  for (const linkType of ['ethernet', 'ethernet-vlan', 'raw', 'sll', 'sll2', 'null'] as FixtureLinkType[]) {
    it(`reads an HTTP POST over ${linkType}`, async () => {
      const { source, flows, warnings } = await readCaptureBytes(
        buildPcap([post], { linkType, segmentSize: 536 }),
      )
      assert.equal(source.format, 'pcap')
      assert.deepEqual(warnings, [])
      assert.equal(flows.length, 1)
      const f = flows[0]
      assert.ok(f)
      assert.equal(f.id, '0:0')
      assert.equal(f.host, 'ark.cn-beijing.volces.com')
      assert.equal(f.hostEvidence, 'http')
      assert.equal(f.serverIp, '14.103.2.10')
      assert.equal(f.clientIp, '192.168.1.20')
      assert.equal(f.serverPort, 80)
      assert.equal(f.method, 'POST')
      assert.equal(f.path, '/api/v3/chat/completions?x=1')
      assert.equal(f.url, 'http://ark.cn-beijing.volces.com/api/v3/chat/completions?x=1')
      assert.equal(f.status, 200)
      assert.equal(text(f.requestBody), (post as { requestBody: string }).requestBody)
      assert.equal(f.requestContentType, 'application/json')
      assert.equal(f.requestContentEncoding, 'identity')
      assert.equal(text(f.responseBody), '{"choices":[]}')
      assert.equal(f.responseContentType, 'application/json')
      assert.equal(f.encrypted, false)
      assert.equal(f.scheme, 'http')
      assert.equal(f.partial, undefined)
    })
  }

  it('reads both byte orders and micro- and nanosecond timestamps', async () => {
    for (const bigEndian of [false, true]) {
      for (const nanosecond of [false, true]) {
        const { flows, warnings } = await readCaptureBytes(buildPcap([post], { bigEndian, nanosecond }))
        assert.deepEqual(warnings, [])
        // The request goes out after the three-way handshake (3 packets of 0.25 ms): at 123.75 ms.
        assert.equal(flows[0]?.time, '2026-03-01T10:00:00.123Z', `bigEndian=${bigEndian} ns=${nanosecond}`)
        assert.equal(text(flows[0]?.requestBody).length, (post as { requestBody: string }).requestBody.length)
      }
    }
  })

  it('reads IPv6 with a hop-by-hop extension header', async () => {
    const v6: SyntheticExchange = {
      ...post,
      clientIp: '2001:db8::20',
      serverIp: '2001:db8:1::10',
    } as SyntheticExchange
    const { flows, warnings } = await readCaptureBytes(buildPcap([v6], { ipv6HopByHop: true }))
    assert.deepEqual(warnings, [])
    assert.equal(flows[0]?.serverIp, '2001:db8:1::10')
    assert.equal(flows[0]?.clientIp, '2001:db8::20')
    assert.equal(flows[0]?.method, 'POST')
  })

  it('keeps the flows before a truncation and warns about the cut record', async () => {
    const second = { ...post, time: '2026-03-01T10:00:05Z', path: '/second' } as SyntheticExchange
    const full = buildPcap([post, second])
    const cut = full.subarray(0, full.length - 30)
    const { flows, warnings } = await readCaptureBytes(cut)
    assert.ok(
      flows.some(
        (f) => f.path === '/api/v3/chat/completions?x=1' && f.status === 200 && f.partial === undefined,
      ),
    )
    // The second connection lost only its last ACK packet: its exchange is complete, but it never closed.
    assert.ok(flows.some((f) => f.path === '/second'))
    assert.ok(warnings.some((w) => /truncated: the last record is incomplete/.test(w.message)))
  })

  it('stops at an implausible record length with a warning', async () => {
    const full = buildPcap([post])
    const broken = full.slice()
    // First record header's captured length (little-endian, offset 24 + 8).
    new DataView(broken.buffer).setUint32(32, 0x7fffffff, true)
    const { flows, warnings } = await readCaptureBytes(broken)
    assert.equal(flows.length, 0)
    assert.match(warnings[0]?.message ?? '', /record length 2147483647 is implausible/)
  })

  it('warns about an unknown link type and reads nothing from it', async () => {
    const full = buildPcap([post]).slice()
    new DataView(full.buffer).setUint32(20, 147, true)
    const { flows, warnings } = await readCaptureBytes(full)
    assert.equal(flows.length, 0)
    assert.match(warnings[0]?.message ?? '', /link type 147 is not supported/)
    assert.ok(warnings.some((w) => /packets skipped \(link type 147\)/.test(w.message)))
  })

  it('warns about a file that ends inside its header', async () => {
    const { source, flows, warnings } = await readCaptureBytes(buildPcap([post]).subarray(0, 10))
    assert.equal(source.format, 'pcap')
    assert.equal(flows.length, 0)
    assert.match(warnings[0]?.message ?? '', /ends inside the pcap header/)
  })

  it('skips IPv4 fragments with one warning and a count', async () => {
    const full = buildPcap([post], { linkType: 'raw' }).slice()
    const view = new DataView(full.buffer)
    // Mark the first two IPv4 packets as fragments (MF flag): offset 24 + 16 + 6.
    let at = 24
    for (let i = 0; i < 2; i++) {
      view.setUint16(at + 16 + 6, 0x2000)
      at += 16 + view.getUint32(at + 8, true)
    }
    const { warnings } = await readCaptureBytes(full)
    assert.match(
      warnings[0]?.message ?? '',
      /IPv4 fragment 192\.168\.1\.20 → 14\.103\.2\.10: fragments are not reassembled/,
    )
    assert.ok(warnings.some((w) => /2 packets skipped \(fragment\)/.test(w.message)))
  })
})
