import { isObject, type JsonObject, type JsonPath } from './json-path.ts'
import type { SseEvent } from './sse.ts'
import type { AiApi } from './text-part.ts'

/** What a channel carries; the gateway may treat reasoning or tool arguments differently. */
export type ChannelKind = 'text' | 'refusal' | 'tool-arguments' | 'reasoning'

/** A new event to send: SSE event name (if any) and its JSON data. */
export interface NewEvent {
  readonly event?: string
  readonly data: unknown
}

/**
 * One text inside a stream event. A delta slot adds to its channel; a full slot repeats the channel's
 * whole text (a `.done` event, a snapshot in `response.completed`) and must get the channel's whole
 * released text. `delta(text)` builds a standalone event carrying more text for the channel, used to
 * release held text before the event that ends it.
 */
export interface StreamSlot {
  readonly channel: string
  readonly kind: ChannelKind
  readonly path: JsonPath
  readonly text: string
  readonly full: boolean
  readonly delta?: (text: string) => NewEvent
}

/** What the protocol layer reads from one event. */
export interface StreamEventView {
  /** The parsed JSON data, or undefined when the data is not JSON (`[DONE]`, comments). */
  readonly data: unknown
  readonly slots: readonly StreamSlot[]
  /**
   * Scopes whose channels end with this event: a channel id, a prefix ending before ':' (a chat
   * choice), or '' for every channel. Held text of those channels is released before the event.
   */
  readonly closes: readonly string[]
  /** Whether an event whose delta texts are all held back may be left out (Anthropic) or must be sent. */
  readonly droppable: boolean
}

/** True when `channel` is in `scope` (see {@link StreamEventView.closes}). */
export function inScope(channel: string, scope: string): boolean {
  return scope === '' || channel === scope || channel.startsWith(`${scope}:`)
}

/** Reads the text slots of one SSE event of the given API's stream. */
export function readStreamEvent(api: AiApi, ev: SseEvent): StreamEventView {
  if (!ev.hasData) return { data: undefined, slots: [], closes: [], droppable: false }
  if (ev.data.trim() === '[DONE]') return { data: undefined, slots: [], closes: [''], droppable: false }
  let data: unknown
  try {
    data = JSON.parse(ev.data)
  } catch {
    return { data: undefined, slots: [], closes: [], droppable: false }
  }
  if (!isObject(data)) return { data, slots: [], closes: [], droppable: false }
  if (api === 'chat') return chatEvent(data)
  if (api === 'messages') return messagesEvent(data)
  if (api === 'responses') return responsesEvent(data)
  return { data, slots: [], closes: [], droppable: false }
}

// ---- chat.completion.chunk ----

const chatTextFields: readonly [string, ChannelKind][] = [
  ['content', 'text'],
  ['refusal', 'refusal'],
  // Not OpenAI's, but streamed by common compatible servers (vLLM, DeepSeek, OpenRouter).
  ['reasoning_content', 'reasoning'],
  ['reasoning', 'reasoning'],
]

function chatEvent(data: JsonObject): StreamEventView {
  const slots: StreamSlot[] = []
  const closes: string[] = []
  const choices = Array.isArray(data.choices) ? data.choices : []
  // Only the identifying fields travel into a synthetic chunk: usage or logprobs must not be repeated.
  const shell = (choice: number, delta: JsonObject): NewEvent => ({
    data: {
      ...pick(data, ['id', 'object', 'created', 'model', 'system_fingerprint', 'service_tier']),
      choices: [{ index: choice, delta, finish_reason: null }],
    },
  })
  choices.forEach((raw, k) => {
    if (!isObject(raw)) return
    const n = typeof raw.index === 'number' ? raw.index : k
    const scope = `chat:choice${n}`
    const delta = raw.delta
    if (isObject(delta)) {
      for (const [field, kind] of chatTextFields) {
        const text = delta[field]
        if (typeof text !== 'string') continue
        slots.push({
          channel: `${scope}:${field}`,
          kind,
          path: ['choices', k, 'delta', field],
          text,
          full: false,
          delta: (t) => shell(n, { [field]: t }),
        })
      }
      if (Array.isArray(delta.tool_calls)) {
        delta.tool_calls.forEach((call, m) => {
          if (!isObject(call) || !isObject(call.function) || typeof call.function.arguments !== 'string')
            return
          const j = typeof call.index === 'number' ? call.index : m
          slots.push({
            channel: `${scope}:tool${j}`,
            kind: 'tool-arguments',
            path: ['choices', k, 'delta', 'tool_calls', m, 'function', 'arguments'],
            text: call.function.arguments,
            full: false,
            delta: (t) => shell(n, { tool_calls: [{ index: j, function: { arguments: t } }] }),
          })
        })
      }
      if (isObject(delta.function_call) && typeof delta.function_call.arguments === 'string') {
        slots.push({
          channel: `${scope}:function`,
          kind: 'tool-arguments',
          path: ['choices', k, 'delta', 'function_call', 'arguments'],
          text: delta.function_call.arguments,
          full: false,
          delta: (t) => shell(n, { function_call: { arguments: t } }),
        })
      }
    }
    if (raw.finish_reason !== null && raw.finish_reason !== undefined) closes.push(scope)
  })
  return { data, slots, closes, droppable: false }
}

// ---- Anthropic messages ----

const anthropicDeltas: Readonly<Record<string, { field: string; kind: ChannelKind }>> = {
  text_delta: { field: 'text', kind: 'text' },
  input_json_delta: { field: 'partial_json', kind: 'tool-arguments' },
  thinking_delta: { field: 'thinking', kind: 'reasoning' },
}

function messagesEvent(data: JsonObject): StreamEventView {
  const index = typeof data.index === 'number' ? data.index : 0
  const channel = `messages:block${index}`
  const deltaEvent = (type: string, field: string) => (t: string) => ({
    event: 'content_block_delta',
    data: { type: 'content_block_delta', index, delta: { type, [field]: t } },
  })
  switch (data.type) {
    case 'content_block_start': {
      const block = data.content_block
      // A text block normally starts empty; if the upstream puts text in the start, it is a delta too.
      if (isObject(block) && block.type === 'text' && typeof block.text === 'string' && block.text !== '') {
        const slot: StreamSlot = {
          channel,
          kind: 'text',
          path: ['content_block', 'text'],
          text: block.text,
          full: false,
          delta: deltaEvent('text_delta', 'text'),
        }
        return { data, slots: [slot], closes: [], droppable: false }
      }
      return { data, slots: [], closes: [], droppable: false }
    }
    case 'content_block_delta': {
      const delta = data.delta
      const known =
        isObject(delta) && typeof delta.type === 'string' ? anthropicDeltas[delta.type] : undefined
      if (!isObject(delta) || known === undefined || typeof delta[known.field] !== 'string') {
        return { data, slots: [], closes: [], droppable: false }
      }
      const slot: StreamSlot = {
        channel,
        kind: known.kind,
        path: ['delta', known.field],
        text: delta[known.field] as string,
        full: false,
        delta: deltaEvent(delta.type as string, known.field),
      }
      return { data, slots: [slot], closes: [], droppable: true }
    }
    case 'content_block_stop':
      return { data, slots: [], closes: [channel], droppable: false }
    case 'message_delta':
    case 'message_stop':
      return { data, slots: [], closes: [''], droppable: false }
    default:
      return { data, slots: [], closes: [], droppable: false }
  }
}

// ---- OpenAI Responses ----

const responsesDeltas: Readonly<Record<string, { kind: ChannelKind; name: (d: JsonObject) => string }>> = {
  'response.output_text': { kind: 'text', name: (d) => `content${num(d.content_index)}` },
  'response.refusal': { kind: 'refusal', name: (d) => `content${num(d.content_index)}` },
  'response.function_call_arguments': { kind: 'tool-arguments', name: () => 'arguments' },
  'response.custom_tool_call_input': { kind: 'tool-arguments', name: () => 'arguments' },
  'response.reasoning_summary_text': { kind: 'reasoning', name: (d) => `summary${num(d.summary_index)}` },
  'response.reasoning_text': { kind: 'reasoning', name: (d) => `reasoning${num(d.content_index)}` },
}
// The field of each `.done` event that repeats the whole text.
const doneFields: Readonly<Record<string, string>> = {
  'response.output_text': 'text',
  'response.refusal': 'refusal',
  'response.function_call_arguments': 'arguments',
  'response.custom_tool_call_input': 'input',
  'response.reasoning_summary_text': 'text',
  'response.reasoning_text': 'text',
}
const responseSnapshots = new Set([
  'response.created',
  'response.queued',
  'response.in_progress',
  'response.completed',
  'response.incomplete',
  'response.failed',
])

function responsesEvent(data: JsonObject): StreamEventView {
  const type = typeof data.type === 'string' ? data.type : ''
  const o = num(data.output_index)
  const dot = type.lastIndexOf('.')
  const family = responsesDeltas[type.slice(0, dot)]
  const phase = type.slice(dot + 1)
  if (family !== undefined && phase === 'delta' && typeof data.delta === 'string') {
    const channel = `responses:out${o}:${family.name(data)}`
    const slot: StreamSlot = {
      channel,
      kind: family.kind,
      path: ['delta'],
      text: data.delta,
      full: false,
      // Logprobs describe the upstream's own tokens; a synthetic delta must not repeat them.
      delta: (t) => ({
        event: type,
        data: { ...data, delta: t, ...(data.logprobs === undefined ? {} : { logprobs: [] }) },
      }),
    }
    return { data, slots: [slot], closes: [], droppable: false }
  }
  if (family !== undefined && phase === 'done') {
    const field = doneFields[type.slice(0, dot)] as string
    const channel = `responses:out${o}:${family.name(data)}`
    if (typeof data[field] !== 'string') return { data, slots: [], closes: [channel], droppable: false }
    const slot = { channel, kind: family.kind, path: [field], text: data[field] as string, full: true }
    return { data, slots: [slot], closes: [channel], droppable: false }
  }
  const slots: StreamSlot[] = []
  if (type === 'response.output_item.added' || type === 'response.output_item.done') {
    itemSlots(slots, data.item, ['item'], o)
  } else if (type === 'response.content_part.added' || type === 'response.content_part.done') {
    partSlots(slots, data.part, ['part'], o, num(data.content_index))
  } else if (
    type === 'response.reasoning_summary_part.added' ||
    type === 'response.reasoning_summary_part.done'
  ) {
    const part = data.part
    if (isObject(part) && typeof part.text === 'string') {
      const channel = `responses:out${o}:summary${num(data.summary_index)}`
      slots.push({ channel, kind: 'reasoning', path: ['part', 'text'], text: part.text, full: true })
    }
  } else if (responseSnapshots.has(type) && isObject(data.response) && Array.isArray(data.response.output)) {
    data.response.output.forEach((item, i) => {
      itemSlots(slots, item, ['response', 'output', i], i)
    })
  }
  const ending = type === 'response.completed' || type === 'response.incomplete' || type === 'response.failed'
  return { data, slots, closes: ending ? [''] : [], droppable: false }
}

function itemSlots(slots: StreamSlot[], item: unknown, path: JsonPath, o: number): void {
  if (!isObject(item)) return
  const full = (channel: string, kind: ChannelKind, at: JsonPath, text: unknown) => {
    if (typeof text === 'string')
      slots.push({ channel: `responses:out${o}:${channel}`, kind, path: at, text, full: true })
  }
  if (item.type === 'message' && Array.isArray(item.content)) {
    item.content.forEach((part, c) => {
      partSlots(slots, part, [...path, 'content', c], o, c)
    })
  } else if (item.type === 'function_call')
    full('arguments', 'tool-arguments', [...path, 'arguments'], item.arguments)
  else if (item.type === 'custom_tool_call')
    full('arguments', 'tool-arguments', [...path, 'input'], item.input)
  else if (item.type === 'reasoning') {
    for (const [key, name] of [
      ['summary', 'summary'],
      ['content', 'reasoning'],
    ] as const) {
      const list = item[key]
      if (!Array.isArray(list)) continue
      list.forEach((part, k) => {
        if (isObject(part)) full(`${name}${k}`, 'reasoning', [...path, key, k, 'text'], part.text)
      })
    }
  }
}

function partSlots(slots: StreamSlot[], part: unknown, path: JsonPath, o: number, c: number): void {
  if (!isObject(part)) return
  const push = (kind: ChannelKind, name: string, field: string) => {
    const text = part[field]
    if (typeof text === 'string') {
      slots.push({ channel: `responses:out${o}:${name}`, kind, path: [...path, field], text, full: true })
    }
  }
  if (part.type === 'output_text') push('text', `content${c}`, 'text')
  else if (part.type === 'refusal') push('refusal', `content${c}`, 'refusal')
  else if (part.type === 'reasoning_text') push('reasoning', `reasoning${c}`, 'text')
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0
}

function pick(data: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {}
  for (const k of keys) if (data[k] !== undefined) out[k] = data[k]
  return out
}
