import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildPcap, type HttpExchange } from '../../../test/support/capture-fixtures.ts'
import { readCaptureBytes, text } from '../../../test/support/read-capture-bytes.ts'
import { type BodyBudget, Http1Stream, type HttpMessage } from './http1-stream.ts'

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s)

function parse(
  kind: 'request' | 'response',
  wire: string,
  options: { maxBody?: number; split?: number; method?: string } = {},
  budget: BodyBudget = { used: 0, limit: Number.POSITIVE_INFINITY },
) {
  const out: HttpMessage[] = []
  const problems: string[] = []
  const p = new Http1Stream(
    kind,
    options.maxBody ?? 1 << 20,
    budget,
    (m) => out.push(m),
    () => options.method,
  )
  p.onProblem = (r) => problems.push(r)
  const b = bytes(wire)
  const step = options.split ?? b.length
  for (let at = 0; at < b.length; at += step) p.push(b.subarray(at, at + step), at)
  p.end()
  return { out, problems }
}

describe('HTTP/1.x stream parser', () => {
  it('reads pipelined requests with Content-Length and chunked bodies, fed byte by byte', () => {
    const wire =
      'POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello' +
      'PUT /b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: t\r\n\r\n' +
      'GET /c HTTP/1.1\r\nHost: h\r\n\r\n'
    for (const split of [1, 7, wire.length]) {
      const { out, problems } = parse('request', wire, { split })
      assert.deepEqual(problems, [])
      assert.deepEqual(
        out.map((m) => [m.line[0], m.line[1], text(m.body), m.partial]),
        [
          ['POST', '/a', 'hello', false],
          ['PUT', '/b', 'abcde', false],
          ['GET', '/c', '', false],
        ],
        `split ${split}`,
      )
      assert.equal(out[1]?.bodyBytes, 5)
      assert.equal(out[0]?.wireBytes, 'POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello'.length)
    }
  })

  it('reads responses: HEAD and 204/304 have no body; without a length the body runs to the close', () => {
    assert.equal(
      parse('response', 'HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n', { method: 'HEAD' }).out.length,
      1,
    )
    const r = parse('response', 'HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\n\r\nuntil close')
    assert.deepEqual(
      r.out.map((m) => [m.line[1], text(m.body), m.partial]),
      [
        ['204', '', false],
        ['200', 'until close', false],
      ],
    )
  })

  it('keeps bodies up to the bound and counts the rest, marking the message partial', () => {
    const { out } = parse('request', `POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789`, {
      maxBody: 4,
    })
    assert.equal(text(out[0]?.body), '0123')
    assert.equal(out[0]?.bodyBytes, 10)
    assert.equal(out[0]?.partial, true)
    assert.match(out[0]?.partialReason ?? '', /longer than 4 bytes/)
  })

  it('shares a body budget between parsers: beyond it bodies are counted, not kept, and the budget is given back', () => {
    const budget = { used: 0, limit: 6 }
    const { out } = parse('request', 'POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789', {}, budget)
    assert.equal(text(out[0]?.body), '012345')
    assert.equal(out[0]?.bodyBytes, 10)
    assert.match(out[0]?.partialReason ?? '', /exceed 6 bytes in all/)
    assert.equal(budget.used, 0)
  })

  it('reports a message cut by the end of the stream as partial', () => {
    const { out } = parse('request', 'POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123')
    assert.equal(out[0]?.partial, true)
    assert.equal(text(out[0]?.body), '0123')
  })

  it('reports bytes that are not HTTP and an invalid chunk size', () => {
    assert.match(parse('request', 'HELLO THERE\r\n\r\n').problems[0] ?? '', /not an HTTP\/1\.x request/)
    const bad = parse('request', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n')
    assert.match(bad.problems[0] ?? '', /invalid chunk size 'zz'/)
    assert.equal(bad.out[0]?.partial, true)
  })

  it('stops parsing after a CONNECT (the tunnel follows)', () => {
    const { out } = parse(
      'request',
      'CONNECT a.example:443 HTTP/1.1\r\nHost: a.example:443\r\n\r\n\x16\x03\x01junk',
    )
    assert.equal(out.length, 1)
    assert.equal(out[0]?.line[0], 'CONNECT')
  })
})

describe('HTTP over reassembled TCP in captures', () => {
  const base = {
    kind: 'http',
    clientIp: '10.0.0.9',
    serverIp: '192.0.2.44',
    host: 'api.example.com',
    connection: 'one',
  } as const
  const list: HttpExchange[] = [
    {
      ...base,
      time: '2026-01-01T00:00:00Z',
      method: 'POST',
      path: '/1',
      requestBody: 'first',
      responseBody: 'r1',
      responseChunked: true,
    },
    { ...base, time: '2026-01-01T00:00:00Z', method: 'HEAD', path: '/2', status: 200 },
    {
      ...base,
      time: '2026-01-01T00:00:00Z',
      method: 'POST',
      path: '/3',
      requestBody: 'third',
      requestChunked: true,
      status: 201,
      responseBody: 'r3',
    },
  ]
  for (const pipelined of [false, true]) {
    it(`pairs responses to requests on one keep-alive connection (pipelined: ${pipelined})`, async () => {
      const exchanges = list.map((x) => ({ ...x, pipelined }))
      const { flows, warnings } = await readCaptureBytes(buildPcap(exchanges, { segmentSize: 17 }))
      assert.deepEqual(warnings, [])
      assert.deepEqual(
        flows.map((f) => [f.method, f.path, f.status, text(f.requestBody), text(f.responseBody)]),
        [
          ['POST', '/1', 200, 'first', 'r1'],
          ['HEAD', '/2', 200, '', ''],
          ['POST', '/3', 201, 'third', 'r3'],
        ],
      )
      assert.deepEqual(
        flows.map((f) => f.id),
        ['0:0', '0:1', '0:2'],
      )
    })
  }

  it('reports requests without responses once more than 256 wait on one connection (bounded)', async () => {
    const many: HttpExchange[] = Array.from({ length: 300 }, (_, i) => ({
      ...base,
      time: '2026-01-01T00:00:00Z',
      path: `/r${i}`,
      pipelined: true,
    }))
    const { flows, warnings } = await readCaptureBytes(buildPcap(many, { drop: (s) => !s.fromClient }))
    assert.equal(flows.length, 300)
    assert.deepEqual(
      flows.slice(0, 3).map((f) => [f.path, f.status]),
      [
        ['/r0', undefined],
        ['/r1', undefined],
        ['/r2', undefined],
      ],
    )
    assert.ok(warnings.some((w) => /more than 256 requests without responses/.test(w.message)))
  })

  it('emits a request whose response was never captured', async () => {
    const x: HttpExchange = {
      ...base,
      time: '2026-01-01T00:00:00Z',
      path: '/lost',
      responseBody: 'never seen',
    }
    const { flows } = await readCaptureBytes(buildPcap([x], { drop: (s) => !s.fromClient }))
    assert.equal(flows.length, 1)
    assert.equal(flows[0]?.path, '/lost')
    assert.equal(flows[0]?.status, undefined)
  })
})
