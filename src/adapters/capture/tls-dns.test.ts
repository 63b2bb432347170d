import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  buildClientHello,
  buildDnsMessage,
  buildPcap,
  type SyntheticExchange,
} from '../../../test/support/capture-fixtures.ts'
import { readCaptureBytes } from '../../../test/support/read-capture-bytes.ts'
import { parseDnsResponse } from './dns-message.ts'
import { parseClientHello } from './tls-client-hello.ts'

describe('TLS ClientHello', () => {
  it('reads SNI and ALPN, and asks for more bytes while the hello is incomplete', () => {
    const hello = buildClientHello('ark.cn-beijing.volces.com', { alpn: ['h2', 'http/1.1'], padding: 1700 })
    assert.ok(hello.length > 1800)
    assert.deepEqual(parseClientHello(hello), { sni: 'ark.cn-beijing.volces.com', alpn: ['h2', 'http/1.1'] })
    assert.equal(parseClientHello(hello.subarray(0, 1000)), 'more')
    assert.deepEqual(parseClientHello(buildClientHello(undefined)), { alpn: [] })
  })

  it('reads a hello split over two TLS records', () => {
    const hello = buildClientHello('split.example', { padding: 300 })
    const hs = hello.subarray(5)
    const cut = 100
    const rec = (b: Uint8Array): Uint8Array =>
      new Uint8Array([0x16, 3, 1, b.length >> 8, b.length & 255, ...b])
    const two = new Uint8Array([...rec(hs.subarray(0, cut)), ...rec(hs.subarray(cut))])
    assert.equal(parseClientHello(two.subarray(0, 120)), 'more')
    assert.equal((parseClientHello(two) as { sni?: string }).sni, 'split.example')
  })

  it('refuses what is not a ClientHello', () => {
    assert.equal(
      parseClientHello(new Uint8Array([0x16, 3, 3, 0, 4, 2, 0, 0, 0])),
      'first handshake message is not a ClientHello',
    )
    assert.equal(parseClientHello(new Uint8Array([0x17, 3, 3, 0, 1, 0])), 'not a TLS handshake record')
  })

  it('finds the SNI of a hello that spans TCP segments, also out of order', async () => {
    const tls: SyntheticExchange = {
      kind: 'tls',
      time: '2026-02-01T00:00:00Z',
      clientIp: '10.0.0.2',
      serverIp: '14.103.2.10',
      sni: 'ark.cn-beijing.volces.com',
      helloPadding: 1600,
      bytesSent: 4000,
      bytesReceived: 9000,
    }
    for (const reorder of [false, true]) {
      const { flows, warnings } = await readCaptureBytes(buildPcap([tls], { reorder }))
      assert.deepEqual(warnings, [])
      const f = flows[0]
      assert.equal(f?.host, 'ark.cn-beijing.volces.com')
      assert.equal(f?.hostEvidence, 'sni')
      assert.equal(f?.scheme, 'tls')
      assert.equal(f?.encrypted, true)
      assert.equal(f?.serverPort, 443)
      assert.ok((f?.bytesSent ?? 0) > 4000 + 1600)
      assert.ok((f?.bytesReceived ?? 0) >= 9000)
      assert.equal(f?.requestBody, undefined)
    }
  })
})

describe('DNS answers', () => {
  it('parses A, AAAA and CNAME answers with name compression', () => {
    const msg = buildDnsMessage(7, 'chat.deepseek.com', [
      { type: 'CNAME', value: 'chat.deepseek.com.volcgslb.com' },
      { type: 'A', name: 'chat.deepseek.com.volcgslb.com', value: '14.103.2.10' },
      { type: 'AAAA', name: 'chat.deepseek.com.volcgslb.com', value: '2001:db8::a' },
    ])
    assert.deepEqual(parseDnsResponse(msg), {
      question: 'chat.deepseek.com',
      answers: [
        { name: 'chat.deepseek.com', type: 'CNAME', value: 'chat.deepseek.com.volcgslb.com' },
        { name: 'chat.deepseek.com.volcgslb.com', type: 'A', value: '14.103.2.10' },
        { name: 'chat.deepseek.com.volcgslb.com', type: 'AAAA', value: '2001:db8::a' },
      ],
    })
    assert.equal(
      parseDnsResponse(buildDnsMessage(7, 'q.example', [], true)),
      undefined,
      'a query is no response',
    )
  })

  it('survives compression loops and cut messages', () => {
    const loop = new Uint8Array([0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12])
    assert.equal(parseDnsResponse(loop), undefined)
    const msg = buildDnsMessage(1, 'a.example', [{ type: 'A', value: '192.0.2.1' }])
    assert.equal(parseDnsResponse(msg.subarray(0, msg.length - 2)), undefined)
  })

  it('names the server IPs of TLS flows without SNI and of HTTP by address, by the name the client asked for', async () => {
    const exchanges: SyntheticExchange[] = [
      {
        kind: 'dns',
        time: '2026-02-01T00:00:00Z',
        clientIp: '10.0.0.2',
        resolverIp: '10.0.0.1',
        name: 'api.deepseek.com',
        answers: [
          { type: 'CNAME', value: 'api.deepseek.com.w.volcdns.com' },
          { type: 'A', name: 'api.deepseek.com.w.volcdns.com', value: '14.103.2.11' },
        ],
      },
      { kind: 'tls', time: '2026-02-01T00:00:01Z', clientIp: '10.0.0.2', serverIp: '14.103.2.11' },
      { kind: 'tls', time: '2026-02-01T00:00:02Z', clientIp: '10.0.0.2', serverIp: '198.51.100.99' },
      {
        kind: 'http',
        time: '2026-02-01T00:00:03Z',
        clientIp: '10.0.0.2',
        serverIp: '14.103.2.11',
        host: '14.103.2.11',
        path: '/by-ip',
      },
    ]
    const { flows } = await readCaptureBytes(buildPcap(exchanges, { linkType: 'sll2' }))
    assert.deepEqual(
      flows.map((f) => [f.scheme, f.host, f.hostEvidence, f.serverIp]),
      [
        ['dns', 'api.deepseek.com', 'dns', '10.0.0.1'],
        ['tls', 'api.deepseek.com', 'dns', '14.103.2.11'],
        ['tls', undefined, undefined, '198.51.100.99'],
        ['http', 'api.deepseek.com', 'dns', '14.103.2.11'],
      ],
    )
  })
})
