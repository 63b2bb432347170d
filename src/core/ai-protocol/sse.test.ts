import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createSseParser, formatSseEvent, type SseEvent } from './sse.ts'

function parseIn(pieces: readonly string[]): SseEvent[] {
  const parser = createSseParser()
  return [...pieces.flatMap((p) => parser.push(p)), ...parser.end()]
}

describe('createSseParser', () => {
  it('reads event, id, retry and multi-line data, dropping one space after the colon', () => {
    const [ev] = parseIn(['event: update\nid: 7\nretry: 1500\ndata:  two spaces\ndata:second\n\n'])
    assert.deepEqual(ev, {
      event: 'update',
      id: '7',
      retry: 1500,
      data: ' two spaces\nsecond',
      hasData: true,
      raw: 'event: update\nid: 7\nretry: 1500\ndata:  two spaces\ndata:second\n\n',
    })
  })

  it('gives the same events for \\n, \\r\\n and \\r line ends, however the text is cut', () => {
    const text = 'data: {"a":1}\n\n: keep-alive\n\nevent: x\ndata: line1\ndata: line2\n\ndata: [DONE]\n\n'
    const strip = (evs: SseEvent[]) => evs.map(({ raw: _raw, ...rest }) => rest)
    const expected = strip(parseIn([text]))
    assert.equal(expected.length, 4)
    for (const ending of ['\n', '\r\n', '\r']) {
      const variant = text.replaceAll('\n', ending)
      for (let size = 1; size <= 9; size++) {
        const pieces: string[] = []
        for (let i = 0; i < variant.length; i += size) pieces.push(variant.slice(i, i + size))
        const evs = parseIn(pieces)
        assert.deepEqual(strip(evs), expected, `${JSON.stringify(ending)} in pieces of ${size}`)
        assert.equal(evs.map((e) => e.raw).join(''), variant, 'raw texts rebuild the stream exactly')
      }
    }
  })

  it('passes a comment-only block on as an event without data', () => {
    const [ev] = parseIn([': ping\n\n'])
    assert.deepEqual(ev, { data: '', hasData: false, raw: ': ping\n\n' })
  })

  it('returns an event the upstream left unterminated at the end rather than losing it', () => {
    const parser = createSseParser()
    assert.deepEqual(parser.push('data: {"last":true}'), [])
    assert.deepEqual(parser.end(), [{ data: '{"last":true}', hasData: true, raw: 'data: {"last":true}' }])
  })

  it('treats a field without a colon as a field with an empty value', () => {
    const [ev] = parseIn(['data\ndata: x\n\n'])
    assert.equal(ev?.data, '\nx')
  })

  it('handles a long line delivered in many small chunks', () => {
    const long = 'x'.repeat(200_000)
    const parser = createSseParser()
    let events: SseEvent[] = []
    for (let i = 0; i < long.length; i += 100)
      events = events.concat(parser.push(`${i === 0 ? 'data: ' : ''}${long.slice(i, i + 100)}`))
    events = events.concat(parser.push('\n\n'))
    assert.equal(events.length, 1)
    assert.equal(events[0]?.data.length, long.length)
  })
})

describe('formatSseEvent', () => {
  it('writes fields and splits data on line breaks; the parser reads it back', () => {
    const text = formatSseEvent({ event: 'content_block_delta', id: '3', data: 'a\nb' })
    assert.equal(text, 'event: content_block_delta\nid: 3\ndata: a\ndata: b\n\n')
    const [ev] = parseIn([text])
    assert.equal(ev?.data, 'a\nb')
    assert.equal(ev?.event, 'content_block_delta')
  })
})
