/**
 * One server-sent event as it arrived. `raw` is the exact text of the event including the blank line
 * that ended it, so an event the gateway does not change is sent on byte for byte. A block made only
 * of comments (`: keep-alive`) is an event too, with `data` '' and `hasData` false.
 */
export interface SseEvent {
  readonly event?: string
  readonly data: string
  readonly id?: string
  readonly retry?: number
  readonly hasData: boolean
  readonly raw: string
}

/** An incremental parser: feed text as it arrives, get whole events back. */
export interface SseParser {
  push(chunk: string): SseEvent[]
  /** Ends the stream; an event the upstream left unterminated is returned rather than lost. */
  end(): SseEvent[]
}

/**
 * Creates a parser for the `text/event-stream` format: lines end in \n, \r\n or \r, a line may be
 * split across chunks (including between \r and \n), `data` lines join with \n, one space after the
 * colon is dropped, and lines starting with ':' are comments. The caller decodes bytes to text (a
 * streaming TextDecoder keeps multi-byte characters whole).
 */
export function createSseParser(): SseParser {
  let buffer = ''
  // How far the buffer's first line is known to hold no line break: a long line arriving in many
  // small chunks is scanned once, not once per chunk.
  let scanned = 0
  let block = newBlock()

  const takeLines = (out: SseEvent[], atEnd: boolean): void => {
    let start = 0
    for (;;) {
      let i = start === 0 ? scanned : start
      while (i < buffer.length && buffer[i] !== '\n' && buffer[i] !== '\r') i++
      if (i >= buffer.length) break
      let next = i + 1
      if (buffer[i] === '\r') {
        // A \r ending the chunk may be the first half of \r\n: the next chunk decides.
        if (next === buffer.length && !atEnd) break
        if (buffer[next] === '\n') next++
      }
      line(out, buffer.slice(start, i), buffer.slice(start, next))
      start = next
    }
    buffer = buffer.slice(start)
    scanned = Math.max(0, buffer.length - (buffer.endsWith('\r') ? 1 : 0))
  }

  const line = (out: SseEvent[], text: string, raw: string): void => {
    block.raw += raw
    if (text === '') {
      if (block.lines > 0) out.push(finish(block))
      else if (block.raw !== '') out.push({ data: '', hasData: false, raw: block.raw })
      block = newBlock()
      return
    }
    block.lines++
    if (text.startsWith(':')) return
    const colon = text.indexOf(':')
    const field = colon < 0 ? text : text.slice(0, colon)
    let value = colon < 0 ? '' : text.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'data') {
      block.data.push(value)
    } else if (field === 'event') block.event = value
    else if (field === 'id' && !value.includes('\u0000')) block.id = value
    else if (field === 'retry' && /^\d+$/.test(value)) block.retry = Number(value)
  }

  return {
    push(chunk) {
      const out: SseEvent[] = []
      buffer += chunk
      takeLines(out, false)
      return out
    },
    end() {
      const out: SseEvent[] = []
      takeLines(out, true)
      if (buffer !== '') {
        line(out, buffer, buffer)
        buffer = ''
      }
      if (block.lines > 0) out.push(finish(block))
      else if (block.raw !== '') out.push({ data: '', hasData: false, raw: block.raw })
      block = newBlock()
      return out
    },
  }
}

interface Block {
  event?: string
  id?: string
  retry?: number
  data: string[]
  lines: number
  raw: string
}

function newBlock(): Block {
  return { data: [], lines: 0, raw: '' }
}

function finish(block: Block): SseEvent {
  return {
    ...(block.event === undefined ? {} : { event: block.event }),
    ...(block.id === undefined ? {} : { id: block.id }),
    ...(block.retry === undefined ? {} : { retry: block.retry }),
    data: block.data.join('\n'),
    hasData: block.data.length > 0,
    raw: block.raw,
  }
}

/** Writes an event in the canonical form (\n line ends, `data` split on line breaks, blank line after). */
export function formatSseEvent(ev: {
  readonly event?: string
  readonly data: string
  readonly id?: string
  readonly retry?: number
}): string {
  let out = ''
  if (ev.event !== undefined) out += `event: ${ev.event}\n`
  if (ev.id !== undefined) out += `id: ${ev.id}\n`
  if (ev.retry !== undefined) out += `retry: ${ev.retry}\n`
  for (const line of ev.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`
  return `${out}\n`
}
