import { collectChatToolCalls } from './chat-tool-calls.ts'
import { arrayAt, type Collector, createCollector, objectAt } from './collector.ts'
import { isObject, type JsonObject } from './json-path.ts'
import { ProtocolError } from './protocol-error.ts'
import type { AiApi, TextPart } from './text-part.ts'

/**
 * Lists every text of a non-streamed answer (role `assistant`) with its path: message text, refusals,
 * tool-call arguments, reasoning summaries. The gateway inspects them, restores pseudonyms and puts
 * them back with {@link rewriteResponse}. Embeddings answers carry no text (vectors only).
 */
export function collectResponseParts(api: AiApi, body: unknown): readonly TextPart[] {
  if (!isObject(body)) throw new ProtocolError('', `a ${api} answer must be a JSON object`)
  const c = createCollector()
  if (api === 'chat') chatAnswer(c, body)
  else if (api === 'responses') responsesAnswer(c, body)
  else if (api === 'messages') messagesAnswer(c, body)
  return c.parts
}

function chatAnswer(c: Collector, body: JsonObject): void {
  arrayAt(body.choices, ['choices']).forEach((raw, i) => {
    const path = ['choices', i, 'message']
    const msg = objectAt(objectAt(raw, ['choices', i]).message, path)
    if (Array.isArray(msg.content)) {
      // Some compatible servers answer with content parts; read their text the same way.
      msg.content.forEach((part, j) => {
        if (isObject(part) && part.type === 'text')
          c.text([...path, 'content', j, 'text'], 'assistant', 'message', part.text)
      })
    } else c.text([...path, 'content'], 'assistant', 'message', msg.content)
    c.text([...path, 'refusal'], 'assistant', 'message', msg.refusal)
    // Not in OpenAI's schema, but common on compatible servers (vLLM, DeepSeek).
    c.text([...path, 'reasoning_content'], 'assistant', 'reasoning', msg.reasoning_content)
    if (isObject(msg.audio))
      c.text([...path, 'audio', 'transcript'], 'assistant', 'message', msg.audio.transcript)
    collectChatToolCalls(c, msg, path)
  })
}

function responsesAnswer(c: Collector, body: JsonObject): void {
  arrayAt(body.output, ['output']).forEach((raw, i) => {
    const path = ['output', i]
    const item = objectAt(raw, path)
    switch (item.type) {
      case 'message':
        arrayAt(item.content, [...path, 'content']).forEach((part, j) => {
          const partPath = [...path, 'content', j]
          const obj = objectAt(part, partPath)
          if (obj.type === 'output_text') c.text([...partPath, 'text'], 'assistant', 'message', obj.text)
          else if (obj.type === 'refusal')
            c.text([...partPath, 'refusal'], 'assistant', 'message', obj.refusal)
        })
        return
      case 'function_call':
        c.text([...path, 'arguments'], 'assistant', 'tool-call-arguments', item.arguments)
        return
      case 'custom_tool_call':
        c.text([...path, 'input'], 'assistant', 'tool-call-arguments', item.input)
        return
      case 'reasoning':
        for (const key of ['summary', 'content']) {
          arrayAt(item[key], [...path, key]).forEach((part, j) => {
            c.text(
              [...path, key, j, 'text'],
              'assistant',
              'reasoning',
              objectAt(part, [...path, key, j]).text,
            )
          })
        }
        return
      default:
      // Hosted-tool items (web search, file search…) carry the upstream's own data, not the model's words.
    }
  })
}

function messagesAnswer(c: Collector, body: JsonObject): void {
  arrayAt(body.content, ['content']).forEach((raw, i) => {
    const path = ['content', i]
    const block = objectAt(raw, path)
    if (block.type === 'text') c.text([...path, 'text'], 'assistant', 'message', block.text)
    else if (block.type === 'tool_use')
      c.leaves([...path, 'input'], 'assistant', 'tool-call-arguments', block.input)
    else if (block.type === 'thinking')
      c.text([...path, 'thinking'], 'assistant', 'reasoning', block.thinking)
  })
}
