import type { Attachment } from './attachment.ts'
import { collectChatToolCalls } from './chat-tool-calls.ts'
import { arrayAt, type Collector, type ContentFlags, createCollector, objectAt } from './collector.ts'
import { isObject, type JsonObject, type JsonPath } from './json-path.ts'
import { checkRequestShape } from './request-shape.ts'
import type { AiApi, PartKind, PartRole, TextPart } from './text-part.ts'

/** Everything in a request that leaves for the upstream, as texts plus flags for non-text content. */
export interface RequestParts {
  readonly model: string
  readonly stream: boolean
  readonly parts: readonly TextPart[]
  /**
   * Inline files that are not decodable text (PDF, DOCX, XLSX, PPTX, HWP, HWPX, text in a legacy
   * encoding): their text is not in `parts`, the gateway must extract and inspect it.
   */
  readonly attachments: readonly Attachment[]
  readonly content: ContentFlags
}

/**
 * Lists every text a request sends upstream, each with its JSON path, so the gateway inspects all of
 * them (system prompt, every history turn, tool calls and results, text files, tool descriptions),
 * not just the last user message. Throws {@link ProtocolError} for a malformed body.
 */
export function collectRequestParts(api: AiApi, body: unknown): RequestParts {
  const { model, stream } = checkRequestShape(api, body)
  const root = body as JsonObject
  const c = createCollector()
  if (api === 'chat') walkChat(c, root)
  else if (api === 'responses') walkResponses(c, root)
  else if (api === 'embeddings') walkEmbeddings(c, root)
  else walkMessages(c, root)
  return {
    model,
    stream: api === 'embeddings' ? false : stream,
    parts: c.parts,
    attachments: c.attachments,
    content: c.flags,
  }
}

// ---- OpenAI chat completions ----

function walkChat(c: Collector, body: JsonObject): void {
  arrayAt(body.messages, ['messages'], false).forEach((raw, i) => {
    const path = ['messages', i]
    const msg = objectAt(raw, path)
    const role: PartRole = msg.role === 'function' ? 'tool' : (msg.role as PartRole)
    const kind: PartKind = role === 'tool' ? 'tool-result' : 'message'
    chatContent(c, msg.content, [...path, 'content'], role, kind)
    collectChatToolCalls(c, msg, path)
    if (msg.audio !== undefined && msg.audio !== null) c.flags.audio = true
  })
  arrayAt(body.tools, ['tools']).forEach((tool, i) => {
    const obj = objectAt(tool, ['tools', i])
    for (const key of ['function', 'custom']) {
      const def = obj[key]
      if (isObject(def))
        c.text(['tools', i, key, 'description'], 'developer', 'instructions', def.description)
    }
  })
  arrayAt(body.functions, ['functions']).forEach((fn, i) => {
    c.text(
      ['functions', i, 'description'],
      'developer',
      'instructions',
      objectAt(fn, ['functions', i]).description,
    )
  })
  // Predicted output is text the upstream reads like any other prompt text.
  if (isObject(body.prediction))
    chatContent(c, body.prediction.content, ['prediction', 'content'], 'user', 'input')
}

function chatContent(c: Collector, content: unknown, path: JsonPath, role: PartRole, kind: PartKind): void {
  if (typeof content === 'string' || content === undefined || content === null) {
    c.text(path, role, kind, content)
    return
  }
  arrayAt(content, path).forEach((raw, j) => {
    const partPath = [...path, j]
    const part = objectAt(raw, partPath)
    switch (part.type) {
      case 'text':
        c.text([...partPath, 'text'], role, kind, part.text)
        break
      case 'refusal':
        c.text([...partPath, 'refusal'], role, kind, part.refusal)
        break
      case 'image_url':
        c.flags.images = true
        break
      case 'input_audio':
        c.flags.audio = true
        break
      case 'file': {
        const file = objectAt(part.file, [...partPath, 'file'])
        c.file([...partPath, 'file', 'file_data'], role, file.file_data, fileNameHint(file.filename))
        c.fileReference([...partPath, 'file', 'file_id'], file.file_id, 'a file given by id')
        break
      }
      default:
        c.unknown(partPath, part.type)
    }
  })
}

// ---- OpenAI Responses ----

const responsesRoles = new Set(['system', 'developer', 'user', 'assistant'])

function walkResponses(c: Collector, body: JsonObject): void {
  c.text(['instructions'], 'system', 'instructions', body.instructions)
  if (typeof body.input === 'string') c.text(['input'], 'user', 'input', body.input)
  else {
    arrayAt(body.input, ['input']).forEach((raw, i) => {
      responsesItem(c, objectAt(raw, ['input', i]), ['input', i])
    })
  }
  arrayAt(body.tools, ['tools']).forEach((tool, i) => {
    c.text(['tools', i, 'description'], 'developer', 'instructions', objectAt(tool, ['tools', i]).description)
  })
  // A stored prompt's variables are filled in by the upstream: their values leave like input.
  if (isObject(body.prompt) && isObject(body.prompt.variables)) {
    for (const [name, value] of Object.entries(body.prompt.variables)) {
      const path = ['prompt', 'variables', name]
      if (typeof value === 'string') c.text(path, 'user', 'input', value)
      else responsesContentPart(c, objectAt(value, path), path, 'user', 'input')
    }
  }
}

function responsesItem(c: Collector, item: JsonObject, path: JsonPath): void {
  const type = item.type ?? 'message'
  switch (type) {
    case 'message': {
      const role =
        typeof item.role === 'string' && responsesRoles.has(item.role) ? (item.role as PartRole) : undefined
      if (role === undefined) {
        c.unknown([...path, 'role'], item.role)
        return
      }
      if (typeof item.content === 'string') c.text([...path, 'content'], role, 'message', item.content)
      else {
        arrayAt(item.content, [...path, 'content'], false).forEach((raw, j) => {
          const partPath = [...path, 'content', j]
          responsesContentPart(c, objectAt(raw, partPath), partPath, role, 'message')
        })
      }
      return
    }
    case 'function_call':
      c.text([...path, 'arguments'], 'assistant', 'tool-call-arguments', item.arguments)
      return
    case 'custom_tool_call':
      c.text([...path, 'input'], 'assistant', 'tool-call-arguments', item.input)
      return
    case 'function_call_output':
    case 'custom_tool_call_output': {
      if (typeof item.output === 'string') c.text([...path, 'output'], 'tool', 'tool-result', item.output)
      else {
        arrayAt(item.output, [...path, 'output']).forEach((raw, j) => {
          const partPath = [...path, 'output', j]
          responsesContentPart(c, objectAt(raw, partPath), partPath, 'tool', 'tool-result')
        })
      }
      return
    }
    case 'reasoning':
      for (const key of ['summary', 'content']) {
        arrayAt(item[key], [...path, key]).forEach((raw, j) => {
          c.text([...path, key, j, 'text'], 'assistant', 'reasoning', objectAt(raw, [...path, key, j]).text)
        })
      }
      return
    case 'item_reference':
      // Names an item the upstream already holds; nothing new leaves.
      return
    default:
      c.unknown(path, type)
  }
}

function responsesContentPart(
  c: Collector,
  part: JsonObject,
  path: JsonPath,
  role: PartRole,
  kind: PartKind,
): void {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      c.text([...path, 'text'], role, kind, part.text)
      return
    case 'refusal':
      c.text([...path, 'refusal'], role, kind, part.refusal)
      return
    case 'input_image':
      c.flags.images = true
      return
    case 'input_audio':
      c.flags.audio = true
      return
    case 'input_file': {
      c.file([...path, 'file_data'], role, part.file_data, fileNameHint(part.filename))
      c.fileReference([...path, 'file_id'], part.file_id, 'a file given by id')
      c.fileReference([...path, 'file_url'], part.file_url, 'a file given by URL')
      return
    }
    default:
      c.unknown(path, part.type)
  }
}

// ---- OpenAI embeddings ----

function walkEmbeddings(c: Collector, body: JsonObject): void {
  const input = body.input
  if (typeof input === 'string') {
    c.text(['input'], 'user', 'input', input)
    return
  }
  const list = input as readonly unknown[]
  if (list.length > 0 && typeof list[0] === 'number') {
    opaque(c, ['input'])
    return
  }
  list.forEach((item, i) => {
    if (typeof item === 'string') c.text(['input', i], 'user', 'input', item)
    else opaque(c, ['input', i])
  })
}

function opaque(c: Collector, path: JsonPath): void {
  c.flags.tokens = true
  c.parts.push({ path, role: 'user', kind: 'input', text: '', opaque: true })
}

// ---- Anthropic messages ----

function walkMessages(c: Collector, body: JsonObject): void {
  if (typeof body.system === 'string') c.text(['system'], 'system', 'instructions', body.system)
  else {
    arrayAt(body.system, ['system']).forEach((raw, i) => {
      anthropicBlock(c, objectAt(raw, ['system', i]), ['system', i], 'system', 'instructions')
    })
  }
  arrayAt(body.messages, ['messages'], false).forEach((raw, i) => {
    const path = ['messages', i]
    const msg = objectAt(raw, path)
    const role = msg.role as PartRole
    if (typeof msg.content === 'string') c.text([...path, 'content'], role, 'message', msg.content)
    else {
      arrayAt(msg.content, [...path, 'content'], false).forEach((block, j) => {
        const blockPath = [...path, 'content', j]
        anthropicBlock(c, objectAt(block, blockPath), blockPath, role, 'message')
      })
    }
  })
  arrayAt(body.tools, ['tools']).forEach((tool, i) => {
    c.text(['tools', i, 'description'], 'developer', 'instructions', objectAt(tool, ['tools', i]).description)
  })
}

function anthropicBlock(
  c: Collector,
  block: JsonObject,
  path: JsonPath,
  role: PartRole,
  kind: PartKind,
): void {
  switch (block.type) {
    case 'text':
      c.text([...path, 'text'], role, kind, block.text)
      return
    case 'image':
      c.flags.images = true
      return
    case 'document':
      anthropicDocument(c, block, path, role)
      return
    case 'search_result':
      c.text([...path, 'title'], role, 'file-text', block.title)
      arrayAt(block.content, [...path, 'content']).forEach((raw, j) => {
        anthropicBlock(c, objectAt(raw, [...path, 'content', j]), [...path, 'content', j], role, 'file-text')
      })
      return
    case 'tool_use':
    case 'server_tool_use':
    case 'mcp_tool_use':
      c.leaves([...path, 'input'], 'assistant', 'tool-call-arguments', block.input)
      return
    case 'tool_result':
    case 'mcp_tool_result':
      if (typeof block.content === 'string')
        c.text([...path, 'content'], 'tool', 'tool-result', block.content)
      else {
        arrayAt(block.content, [...path, 'content']).forEach((raw, j) => {
          const inner = [...path, 'content', j]
          anthropicBlock(c, objectAt(raw, inner), inner, 'tool', 'tool-result')
        })
      }
      return
    case 'thinking':
      c.text([...path, 'thinking'], 'assistant', 'reasoning', block.thinking)
      return
    case 'redacted_thinking':
      // Encrypted by the upstream itself; there is no readable text in it.
      return
    default:
      c.unknown(path, block.type)
  }
}

function anthropicDocument(c: Collector, block: JsonObject, path: JsonPath, role: PartRole): void {
  c.text([...path, 'title'], role, 'file-text', block.title)
  c.text([...path, 'context'], role, 'file-text', block.context)
  const sourcePath = [...path, 'source']
  const source = objectAt(block.source, sourcePath)
  switch (source.type) {
    case 'base64': {
      const hints = typeof source.media_type === 'string' ? { mediaType: source.media_type } : {}
      c.file([...sourcePath, 'data'], role, source.data, hints)
      return
    }
    case 'text':
      c.text([...sourcePath, 'data'], role, 'file-text', source.data)
      return
    case 'content':
      if (typeof source.content === 'string')
        c.text([...sourcePath, 'content'], role, 'file-text', source.content)
      else {
        arrayAt(source.content, [...sourcePath, 'content']).forEach((raw, j) => {
          const inner = [...sourcePath, 'content', j]
          anthropicBlock(c, objectAt(raw, inner), inner, role, 'file-text')
        })
      }
      return
    case 'url':
      // Anthropic fetches the URL itself: Sluice never sees those bytes.
      c.fileReference([...sourcePath, 'url'], source.url ?? source.type, 'a document given by URL')
      return
    case 'file':
      c.fileReference([...sourcePath, 'file_id'], source.file_id ?? source.type, 'a document given by id')
      return
    default:
      c.unknown(sourcePath, source.type)
  }
}

function fileNameHint(filename: unknown): { readonly fileName?: string } {
  return typeof filename === 'string' && filename !== '' ? { fileName: filename } : {}
}
