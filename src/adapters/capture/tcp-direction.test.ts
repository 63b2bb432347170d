import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  buildPcap,
  type HttpExchange,
  httpResponseBytes,
  type SyntheticExchange,
} from '../../../test/support/capture-fixtures.ts'
import { readCaptureBytes, text } from '../../../test/support/read-capture-bytes.ts'
import { TcpDirection } from './tcp-direction.ts'

function collector() {
  const events: string[] = []
  return {
    events,
    consumer: {
      data: (b: Uint8Array) => events.push(new TextDecoder().decode(b)),
      gap: (n: number) => events.push(`<gap ${n}>`),
    },
  }
}

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s)

describe('TCP reassembly of one direction', () => {
  it('delivers out-of-order segments in order and drops retransmissions', () => {
    const c = collector()
    const d = new TcpDirection(c.consumer, 1000)
    d.syn(100)
    d.segment(106, bytes('world'), 0)
    d.segment(101, bytes('hello'), 0)
    d.segment(101, bytes('hello'), 0)
    d.segment(103, bytes('llo wo'), 0)
    d.segment(111, bytes('!'), 0)
    assert.equal(c.events.join(''), 'helloworld!')
    assert.equal(d.delivered, 11)
    assert.equal(d.retransmitted, 5 + 6)
  })

  it('works across the 2^32 sequence wrap', () => {
    const c = collector()
    const d = new TcpDirection(c.consumer, 1000)
    d.syn(0xfffffffd)
    d.segment(0, bytes('cd'), 0)
    d.segment(0xfffffffe, bytes('ab'), 0)
    assert.equal(c.events.join(''), 'abcd')
  })

  it('declares a gap when the out-of-order buffer is full (bounded memory)', () => {
    const c = collector()
    const d = new TcpDirection(c.consumer, 8)
    d.syn(0)
    d.segment(1, bytes('abc'), 0)
    // Bytes 4..9 never arrive; 10 bytes wait behind the hole, more than the 8 allowed.
    d.segment(10, bytes('0123456789'), 0)
    assert.deepEqual(c.events, ['abc', '<gap 6>', '0123456789'])
    assert.equal(d.missing, 6)
  })

  it('declares a hole the other side acknowledged a gap, a few packets later', () => {
    const c = collector()
    const d = new TcpDirection(c.consumer, 1000)
    d.syn(0)
    d.segment(1, bytes('ab'), 0)
    d.segment(5, bytes('ef'), 0)
    d.acked(7)
    for (let i = 0; i < 7; i++) d.tick()
    assert.deepEqual(c.events, ['ab'], 'a capture may record the ACK before the segment: wait')
    d.tick()
    assert.deepEqual(c.events, ['ab', '<gap 2>', 'ef'])
  })

  it('does not declare a gap when the acknowledged segment shows up after its ACK', () => {
    const c = collector()
    const d = new TcpDirection(c.consumer, 1000)
    d.syn(0)
    d.segment(1, bytes('ab'), 0)
    d.segment(5, bytes('ef'), 0)
    d.acked(7)
    d.tick()
    d.segment(3, bytes('cd'), 0)
    for (let i = 0; i < 10; i++) d.tick()
    assert.deepEqual(c.events, ['ab', 'cd', 'ef'])
    assert.equal(d.missing, 0)
  })

  it('declares gaps when the budget shared by all connections is spent', () => {
    const c1 = collector()
    const c2 = collector()
    const budget = { used: 0, limit: 10 }
    const a = new TcpDirection(c1.consumer, 1000, budget)
    const b = new TcpDirection(c2.consumer, 1000, budget)
    a.syn(0)
    b.syn(0)
    a.segment(5, bytes('abcdef'), 0)
    assert.equal(budget.used, 6)
    b.segment(5, bytes('uvwxyz'), 0)
    assert.deepEqual(c2.events, ['<gap 4>', 'uvwxyz'])
    assert.deepEqual(c1.events, [])
    assert.equal(budget.used, 6)
    a.end()
    assert.equal(budget.used, 0)
  })

  it('declares the remaining holes as gaps at the end of the stream', () => {
    const c = collector()
    const d = new TcpDirection(c.consumer, 1000)
    d.syn(0)
    d.segment(1, bytes('ab'), 0)
    d.segment(5, bytes('ef'), 0)
    d.end()
    assert.deepEqual(c.events, ['ab', '<gap 2>', 'ef'])
  })
})

const upload: SyntheticExchange = {
  kind: 'http',
  time: '2026-03-01T10:00:00Z',
  clientIp: '10.0.0.5',
  serverIp: '198.51.100.7',
  host: 'api.example.org',
  method: 'POST',
  path: '/upload',
  requestBody: Array.from({ length: 3000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(''),
  responseBody: 'x'.repeat(2500),
}

describe('TCP reassembly in captures', () => {
  it('gives the same bodies with reordered and retransmitted segments', async () => {
    const { flows, warnings } = await readCaptureBytes(
      buildPcap([upload], { segmentSize: 200, reorder: true, retransmit: true }),
    )
    assert.deepEqual(warnings, [])
    assert.equal(text(flows[0]?.requestBody), (upload as { requestBody: string }).requestBody)
    assert.equal(text(flows[0]?.responseBody), 'x'.repeat(2500))
    assert.equal(flows[0]?.partial, undefined)
  })

  it('marks the flow partial and warns when a segment was lost inside a Content-Length body', async () => {
    const { flows, warnings } = await readCaptureBytes(
      buildPcap([upload], { segmentSize: 500, drop: (s) => s.fromClient && s.segment === 2 }),
    )
    assert.equal(flows.length, 1)
    const f = flows[0]
    assert.equal(f?.partial, true)
    assert.equal(f?.status, 200, 'the parser stays in step after a gap inside a body of known length')
    assert.equal(text(f?.responseBody), 'x'.repeat(2500))
    assert.ok(warnings.some((w) => /500 bytes of the client stream are missing/.test(w.message)))
    assert.ok(warnings.some((w) => w.where === 'tcp 10.0.0.5:49152 → 198.51.100.7:80'))
  })

  it('notices bytes lost at the very end of a stream from the FIN sequence number', async () => {
    const { flows, warnings } = await readCaptureBytes(
      buildPcap([upload], { segmentSize: 500, drop: (s) => !s.fromClient && s.segment === 5 }),
    )
    assert.ok(warnings.some((w) => /\d+ bytes of the server stream are missing/.test(w.message)))
    assert.equal(flows[0]?.partial, true)
    // The last segment held the bytes after the first 2500 of the response.
    assert.equal(
      flows[0]?.responseBody?.length,
      2500 - (httpResponseBytes(upload as HttpExchange).length - 2500),
    )
  })

  it('reports a capture cut by its snap length once per connection, with the flows partial', async () => {
    const { flows, warnings } = await readCaptureBytes(
      buildPcap([upload, { ...upload, path: '/2' } as SyntheticExchange], { snapLength: 200 }),
    )
    assert.equal(flows.length, 2)
    assert.ok(flows.every((f) => f.partial === true))
    assert.equal(flows[0]?.method, 'POST')
    assert.equal(warnings.filter((w) => /cut by the capture snap length/.test(w.message)).length, 2)
    assert.ok(warnings.length <= 10, `a few warnings per connection, not one per packet: ${warnings.length}`)
    assert.ok(warnings.some((w) => /5 gaps in all, \d+ bytes missing/.test(w.message)))
  })

  it('recovers at the next request after a gap in a request head', async () => {
    const second = { ...upload, path: '/second', requestBody: 'small', connection: 'k' } as SyntheticExchange
    const first = { ...upload, path: '/first', requestBody: 'small', connection: 'k' } as SyntheticExchange
    // Lose the first client segment (the whole first request).
    const { flows, warnings } = await readCaptureBytes(
      buildPcap([first, second], { drop: (s) => s.fromClient && s.segment === 0 }),
    )
    assert.ok(warnings.some((w) => /missing from the capture/.test(w.message)))
    const paths = flows.map((f) => f.path)
    assert.ok(paths.includes('/second'), `flows: ${JSON.stringify(paths)}`)
  })
})
