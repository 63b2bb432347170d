import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildPcap, type SyntheticExchange } from '../../../test/support/capture-fixtures.ts'
import { readCaptureBytes, text } from '../../../test/support/read-capture-bytes.ts'

const exchanges: SyntheticExchange[] = [
  {
    kind: 'http',
    time: '2026-03-01T10:00:00Z',
    clientIp: '10.1.1.2',
    serverIp: '203.0.113.5',
    host: 'telemetry.example.net',
    method: 'POST',
    path: '/v1/events',
    requestBody: 'imei=490154203237518&adid=38400000-8cf0-11bd-b23e-10b96e40000d',
    requestHeaders: [['Content-Type', 'application/x-www-form-urlencoded']],
  },
  {
    kind: 'tls',
    time: '2026-03-01T10:00:01Z',
    clientIp: '10.1.1.2',
    serverIp: '14.103.2.10',
    sni: 'chat.deepseek.com',
  },
  {
    kind: 'http',
    time: '2026-03-01T10:00:02.5Z',
    clientIp: 'fd00::2',
    serverIp: 'fd00::80',
    host: 'v6.example',
    path: '/p',
  },
]

describe('pcapng reader', () => {
  it('reads several interfaces, each with its link type and timestamp resolution', async () => {
    const file = buildPcap(exchanges, {
      format: 'pcapng',
      interfaces: [
        { linkType: 'ethernet', tsResolution: 6 },
        { linkType: 'sll', tsResolution: 9 },
        { linkType: 'raw', tsResolution: 9 },
      ],
    })
    const { source, flows, warnings } = await readCaptureBytes(file, 'c.pcapng')
    assert.equal(source.format, 'pcapng')
    assert.deepEqual(warnings, [])
    assert.equal(flows.length, 3)
    const [http, tls, v6] = flows
    assert.equal(http?.host, 'telemetry.example.net')
    assert.equal(text(http?.requestBody), 'imei=490154203237518&adid=38400000-8cf0-11bd-b23e-10b96e40000d')
    assert.equal(http?.time, '2026-03-01T10:00:00.000Z')
    assert.equal(tls?.host, 'chat.deepseek.com')
    assert.equal(tls?.hostEvidence, 'sni')
    assert.equal(tls?.encrypted, true)
    assert.equal(tls?.time, '2026-03-01T10:00:01.000Z')
    assert.equal(v6?.time, '2026-03-01T10:00:02.500Z')
    assert.equal(v6?.serverIp, 'fd00::80')
  })

  it('reads big-endian sections', async () => {
    const { flows, warnings } = await readCaptureBytes(
      buildPcap(exchanges, { format: 'pcapng', bigEndian: true }),
    )
    assert.deepEqual(warnings, [])
    assert.deepEqual(
      flows.map((f) => f.host),
      ['telemetry.example.net', 'chat.deepseek.com', 'v6.example'],
    )
  })

  it('reads simple packet blocks (no timestamps)', async () => {
    const { flows, warnings } = await readCaptureBytes(
      buildPcap(exchanges, { format: 'pcapng', simplePackets: true }),
    )
    assert.deepEqual(warnings, [])
    assert.equal(flows.length, 3)
    assert.equal(flows[0]?.method, 'POST')
    assert.equal(flows[1]?.host, 'chat.deepseek.com')
  })

  it('names a TLS flow without SNI from a name resolution block', async () => {
    const noSni: SyntheticExchange = {
      kind: 'tls',
      time: '2026-03-01T10:00:00Z',
      clientIp: '10.1.1.2',
      serverIp: '14.103.2.10',
    }
    const { flows } = await readCaptureBytes(
      buildPcap([noSni], {
        format: 'pcapng',
        names: [{ ip: '14.103.2.10', name: 'ark.cn-beijing.volces.com' }],
      }),
    )
    assert.equal(flows[0]?.host, 'ark.cn-beijing.volces.com')
    assert.equal(flows[0]?.hostEvidence, 'dns')
    assert.equal(flows[0]?.encrypted, true)
  })

  it('skips unknown block types', async () => {
    const file = buildPcap(exchanges.slice(0, 1), { format: 'pcapng' })
    // Insert a custom block (type 0x40000BAD, 16 bytes) after the section header.
    const shbLen = new DataView(file.buffer, file.byteOffset).getUint32(4, true)
    const custom = new Uint8Array(16)
    const v = new DataView(custom.buffer)
    v.setUint32(0, 0x40000bad, true)
    v.setUint32(4, 16, true)
    v.setUint32(12, 16, true)
    const patched = new Uint8Array(file.length + 16)
    patched.set(file.subarray(0, shbLen))
    patched.set(custom, shbLen)
    patched.set(file.subarray(shbLen), shbLen + 16)
    const { flows, warnings } = await readCaptureBytes(patched)
    assert.deepEqual(warnings, [])
    assert.equal(flows.length, 1)
  })

  it('stops with a warning at a corrupt block length and keeps what came before', async () => {
    const file = buildPcap(exchanges, { format: 'pcapng' }).slice()
    // Corrupt the trailing length of the last block.
    new DataView(file.buffer).setUint32(file.length - 4, 12345, true)
    const { flows, warnings } = await readCaptureBytes(file)
    assert.ok(
      warnings.some((w) =>
        /block lengths at start and end differ; the rest of the file is not read/.test(w.message),
      ),
    )
    assert.equal(flows[0]?.host, 'telemetry.example.net')
    assert.equal(flows[1]?.host, 'chat.deepseek.com')
  })

  it('warns about a truncated file', async () => {
    const file = buildPcap(exchanges, { format: 'pcapng' })
    const { flows, warnings } = await readCaptureBytes(file.subarray(0, file.length - 7))
    assert.ok(warnings.some((w) => /truncated: the last block is incomplete/.test(w.message)))
    assert.equal(flows.length, 3)
  })

  it('warns about packets on an undeclared interface', async () => {
    const file = buildPcap(exchanges.slice(0, 1), { format: 'pcapng' }).slice()
    // Find the first EPB (type 6) and point it at interface 9.
    const v = new DataView(file.buffer)
    let at = 0
    while (at < file.length && v.getUint32(at, true) !== 6) at += v.getUint32(at + 4, true)
    v.setUint32(at + 8, 9, true)
    const { warnings } = await readCaptureBytes(file)
    assert.match(warnings[0]?.message ?? '', /interface 9, which no Interface Description Block declared/)
  })
})
