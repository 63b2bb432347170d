import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, it } from 'node:test'
import {
  buildHar,
  buildPcap,
  buildSquidLog,
  type SyntheticExchange,
} from '../../../test/support/capture-fixtures.ts'
import { readCaptureBytes } from '../../../test/support/read-capture-bytes.ts'
import { isSluiceError } from '../../app/errors.ts'
import { detectFormat, readCapture } from './read-capture.ts'

const x: SyntheticExchange[] = [
  {
    kind: 'http',
    time: '2026-01-01T00:00:00Z',
    clientIp: '10.0.0.1',
    serverIp: '192.0.2.1',
    host: 'a.example',
    requestBody: 'b'.repeat(3000),
    method: 'POST',
  },
]

describe('readCapture', () => {
  it('detects each format by its first bytes, whatever the file is called', () => {
    const enc = (s: string) => new TextEncoder().encode(s)
    assert.equal(detectFormat(buildPcap(x)), 'pcap')
    assert.equal(detectFormat(buildPcap(x, { bigEndian: true, nanosecond: true })), 'pcap')
    assert.equal(detectFormat(buildPcap(x, { format: 'pcapng' })), 'pcapng')
    assert.equal(detectFormat(enc(`\ufeff${buildHar(x)}`)), 'har')
    assert.equal(detectFormat(enc(JSON.stringify({ log: { entries: [] } }))), 'har')
    assert.equal(detectFormat(enc(buildSquidLog(x))), 'squid')
    assert.equal(detectFormat(enc(`# comment\n${buildSquidLog(x, { format: 'combined' })}`)), 'squid')
    assert.equal(detectFormat(enc('{"kind":"decision","time":"2026-01-01T00:00:00Z"}\n')), 'sluice-ledger')
    assert.equal(detectFormat(enc('hello world\n')), 'unknown')
    assert.equal(detectFormat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])), 'unknown')
    assert.equal(detectFormat(new Uint8Array(0)), 'unknown')
  })

  it('hashes the whole file in the same pass (manifest: SHA-256 and size), whatever the chunk size', async () => {
    const file = buildPcap(x, { segmentSize: 100 })
    const expected = createHash('sha256').update(file).digest('hex')
    for (const chunkBytes of [1, 17, 4096, 1 << 20]) {
      const progress: number[] = []
      const { source, flows } = await readCaptureBytes(file, 'x.pcap', {
        chunkBytes,
        onProgress: (done, total) => {
          assert.equal(total, file.length)
          progress.push(done)
        },
      })
      assert.equal(source.sha256, expected)
      assert.equal(source.bytes, file.length)
      assert.equal(source.format, 'pcap')
      assert.equal(flows.length, 1, `chunk ${chunkBytes}`)
      assert.equal(flows[0]?.requestBody?.length, 3000)
      assert.equal(progress.at(-1), file.length)
    }
  })

  it('hashes but does not read garbage, and says so', async () => {
    const garbage = new Uint8Array(10_000).map((_, i) => (i * 7919) & 255)
    const { source, flows, warnings } = await readCaptureBytes(garbage, 'g.bin')
    assert.equal(source.format, 'unknown')
    assert.equal(source.sha256, createHash('sha256').update(garbage).digest('hex'))
    assert.equal(flows.length, 0)
    assert.match(warnings[0]?.message ?? '', /format not recognised/)
  })

  it('says when a capture is compressed', async () => {
    const { gzipSync } = await import('node:zlib')
    const { source, warnings } = await readCaptureBytes(gzipSync(buildPcap(x)), 'x.pcap.gz')
    assert.equal(source.format, 'unknown')
    assert.match(warnings[0]?.message ?? '', /gzip-compressed: decompress it first/)
  })

  it('reports an empty file', async () => {
    const { source, warnings } = await readCaptureBytes(new Uint8Array(0), 'empty')
    assert.equal(source.bytes, 0)
    assert.equal(source.sha256, createHash('sha256').digest('hex'))
    assert.match(warnings[0]?.message ?? '', /the file is empty/)
  })

  it('rejects a missing file with NOT_FOUND', async () => {
    await assert.rejects(
      readCapture('/nonexistent/capture.pcap', { flow: () => {}, warn: () => {} }),
      (e) =>
        isSluiceError(e) &&
        e.code === 'NOT_FOUND' &&
        /capture '\/nonexistent\/capture\.pcap' cannot be read \(ENOENT\)/.test(e.message),
    )
  })

  it('never throws on random mutations of a valid capture (fuzz, fixed seed)', async () => {
    const base = buildPcap(
      [
        ...x,
        {
          kind: 'tls',
          time: '2026-01-01T00:00:01Z',
          clientIp: '10.0.0.1',
          serverIp: '192.0.2.2',
          sni: 's.example',
          helloPadding: 1500,
        },
        {
          kind: 'dns',
          time: '2026-01-01T00:00:02Z',
          clientIp: '10.0.0.1',
          resolverIp: '10.0.0.53',
          name: 'q.example',
          answers: [{ type: 'A', value: '192.0.2.3' }],
        },
      ],
      { format: 'pcapng', segmentSize: 300 },
    )
    let seed = 42
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed % n
    }
    for (let round = 0; round < 60; round++) {
      const m = base.slice()
      for (let k = 0; k < 1 + rand(20); k++) m[rand(m.length)] = rand(256)
      const { source } = await readCaptureBytes(m.subarray(0, m.length - rand(200)), 'f.pcapng')
      assert.ok(source.sha256.length === 64)
    }
  })
})
