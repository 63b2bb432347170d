import { type JsonPath, updateAt } from './json-path.ts'
import { ProtocolError } from './protocol-error.ts'
import { createSseParser, formatSseEvent, type SseEvent } from './sse.ts'
import type { GuardBlocked, GuardRelease, StreamGuard } from './stream-guard.ts'
import { type ChannelKind, inScope, type NewEvent, readStreamEvent, type StreamSlot } from './stream-text.ts'
import type { AiApi } from './text-part.ts'

/** Options of {@link createStreamRewriter}. */
export interface StreamRewriterOptions {
  /** A fresh guard for each text channel (`chat:choice0:content`, `messages:block1`, …). */
  guardFor(channel: string, kind: ChannelKind): StreamGuard
}

/** Rewrites one upstream SSE answer on its way to the client. */
export interface StreamRewriter {
  /** Feeds upstream text; returns the SSE text to send to the client now (possibly ''). */
  push(chunk: string): string
  /** The upstream ended: returns whatever was still held. */
  end(): string
  /** Set once a guard blocked: the error event has been sent and the gateway should stop reading upstream. */
  readonly blocked: GuardBlocked | undefined
}

interface Channel {
  readonly guard: StreamGuard
  raw: string // the upstream's text so far
  released: string // what the client got so far
  finished: boolean
  delta: ((text: string) => NewEvent) | undefined
}

// A Responses delta event held back by one event, so the text released when its part ends can ride
// in it: synthetic events would need sequence numbers the upstream never issued.
interface Parked {
  readonly ev: SseEvent
  readonly data: unknown
  readonly path: JsonPath
  readonly original: string
  readonly channel: string
  text: string
}

class Blocked {
  readonly verdict: GuardBlocked
  constructor(verdict: GuardBlocked) {
    this.verdict = verdict
  }
}

/**
 * Creates the rewriter of one streamed answer. It parses the SSE events, routes every text delta
 * through its channel's guard, and re-emits each event with the released text. Events without text
 * pass byte for byte. Held text is released before the event that ends its channel (a finish_reason,
 * `content_block_stop`, a `.done` event, `[DONE]`); whole-text copies (`.done`, `response.completed`)
 * get the same restored/redacted text the deltas gave. A block ends the stream with an error event the
 * official SDKs raise as an API error.
 */
export function createStreamRewriter(api: AiApi, options: StreamRewriterOptions): StreamRewriter {
  if (api === 'embeddings') throw new ProtocolError('stream', 'embeddings answers are not streamed')
  const parser = createSseParser()
  const channels = new Map<string, Channel>()
  let parked: Parked | undefined
  let blocked: GuardBlocked | undefined
  let ended = false

  const channelFor = (slot: StreamSlot): Channel => {
    let ch = channels.get(slot.channel)
    if (ch === undefined) {
      ch = {
        guard: options.guardFor(slot.channel, slot.kind),
        raw: '',
        released: '',
        finished: false,
        delta: undefined,
      }
      channels.set(slot.channel, ch)
    }
    return ch
  }
  const release = (ch: Channel, text: string, final: boolean): string => {
    const out = ch.guard.push(text, final)
    if ('blocked' in out) throw new Blocked(out)
    ch.raw += text
    ch.released += (out as GuardRelease).text
    if (final) ch.finished = true
    return out.text
  }
  // Text released when a channel ends goes into the parked event of that channel, else into a new
  // delta event sent just before the event that ended the channel.
  const place = (id: string, ch: Channel, text: string, before: string[]): void => {
    if (text === '') return
    if (parked !== undefined && parked.channel === id) parked.text += text
    else if (ch.delta !== undefined) before.push(formatNew(ch.delta(text)))
    else throw new Error(`no event can carry the held text of ${id}`)
  }
  const flushParked = (): string => {
    if (parked === undefined) return ''
    const p = parked
    parked = undefined
    return p.text === p.original
      ? p.ev.raw
      : reformat(p.ev, updateAt(p.data, [{ path: p.path, update: () => p.text }]))
  }

  const handle = (ev: SseEvent): string => {
    const view = readStreamEvent(api, ev)
    const before: string[] = []
    const changes: { path: JsonPath; update: () => unknown }[] = []
    let changed = false
    let sentText = false
    const releasedNow: string[] = []
    const closing = (id: string) => view.closes.some((scope) => inScope(id, scope))
    const deltaSlots = view.slots.filter((s) => !s.full)
    for (const slot of deltaSlots) {
      const ch = channelFor(slot)
      ch.delta = slot.delta
      const text = release(ch, slot.text, closing(slot.channel))
      releasedNow.push(text)
      if (text !== '') sentText = true
      if (text !== slot.text) changed = true
      changes.push({ path: slot.path, update: () => text })
    }
    for (const slot of view.slots) {
      if (!slot.full) continue
      const existing = channels.get(slot.channel)
      if (slot.text === '' && existing?.finished !== true) continue
      const ch = existing ?? channelFor(slot)
      if (!ch.finished) {
        if (!slot.text.startsWith(ch.raw)) {
          throw new Blocked({
            blocked: true,
            reason: `${slot.channel}: the whole text disagrees with its deltas`,
          })
        }
        const hadDeltas = ch.raw !== ''
        const rest = release(ch, slot.text.slice(ch.raw.length), true)
        if (hadDeltas) place(slot.channel, ch, rest, before)
      } else if (slot.text !== ch.raw) {
        throw new Blocked({
          blocked: true,
          reason: `${slot.channel}: a copy of the text disagrees with the streamed text`,
        })
      }
      if (ch.released !== slot.text) changed = true
      const text = ch.released
      changes.push({ path: slot.path, update: () => text })
    }
    for (const [id, ch] of channels) {
      if (!ch.finished && closing(id)) place(id, ch, release(ch, '', true), before)
    }
    let current: string
    if (view.data === undefined || !changed) current = ev.raw
    else current = reformat(ev, updateAt(view.data, changes))
    if (view.droppable && deltaSlots.length > 0 && !sentText) current = ''
    let out = flushParked() + before.join('')
    if (api === 'responses' && deltaSlots.length === 1 && view.data !== undefined) {
      const slot = deltaSlots[0] as StreamSlot
      const ch = channels.get(slot.channel) as Channel
      if (!ch.finished) {
        const text = releasedNow[0] as string
        parked = { ev, data: view.data, path: slot.path, original: slot.text, channel: slot.channel, text }
        return out
      }
    }
    out += current
    return out
  }

  const run = (events: readonly SseEvent[]): string => {
    let out = ''
    for (const ev of events) {
      if (ended) break
      try {
        out += handle(ev)
      } catch (error) {
        if (!(error instanceof Blocked)) throw error
        blocked = error.verdict
        ended = true
        out += flushParked() + blockEvent(api, error.verdict)
      }
    }
    return out
  }

  return {
    get blocked() {
      return blocked
    },
    push(chunk) {
      return ended ? '' : run(parser.push(chunk))
    },
    end() {
      if (ended) return ''
      let out = run(parser.end())
      if (ended) return out
      try {
        const before: string[] = []
        for (const [id, ch] of channels) if (!ch.finished) place(id, ch, release(ch, '', true), before)
        out += flushParked() + before.join('')
      } catch (error) {
        if (!(error instanceof Blocked)) throw error
        blocked = error.verdict
        out += flushParked() + blockEvent(api, error.verdict)
      }
      ended = true
      return out
    },
  }
}

function reformat(ev: SseEvent, data: unknown): string {
  return formatSseEvent({
    ...(ev.event === undefined ? {} : { event: ev.event }),
    ...(ev.id === undefined ? {} : { id: ev.id }),
    ...(ev.retry === undefined ? {} : { retry: ev.retry }),
    data: JSON.stringify(data),
  })
}

function formatNew(ev: NewEvent): string {
  return formatSseEvent({
    ...(ev.event === undefined ? {} : { event: ev.event }),
    data: JSON.stringify(ev.data),
  })
}

/**
 * The error event that ends a blocked stream, in the form each SDK raises as an API error: OpenAI
 * streams carry `{"error":{…}}` (the Responses stream also names it `event: error`), Anthropic streams
 * an `event: error` with `{"type":"error","error":{…}}`.
 */
export function blockEvent(api: AiApi, verdict: GuardBlocked): string {
  const error = {
    type: 'sluice_policy_block',
    code: verdict.code ?? 'content_blocked',
    message: verdict.reason,
    rule: verdict.rule ?? null,
  }
  if (api === 'messages') {
    return formatSseEvent({ event: 'error', data: JSON.stringify({ type: 'error', error }) })
  }
  if (api === 'responses') {
    return formatSseEvent({
      event: 'error',
      data: JSON.stringify({ type: 'error', code: error.code, message: error.message, param: null, error }),
    })
  }
  return formatSseEvent({ data: JSON.stringify({ error }) })
}
