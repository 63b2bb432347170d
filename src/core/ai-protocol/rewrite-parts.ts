import {
  describePath,
  getAt,
  isObject,
  type JsonObject,
  type JsonPath,
  parsePathKey,
  updateAt,
} from './json-path.ts'
import { ProtocolError } from './protocol-error.ts'
import { decodeTextFile, encodeBase64Text, encodeTextFileLike } from './text-file.ts'

export { pathKey } from './json-path.ts'

/**
 * Returns a new body in which the text at each path (keys from {@link pathKey} of a part's path) is
 * replaced. The input is not mutated; untouched branches are shared with it. Texts that were decoded
 * from a file are encoded back the way they came (data URL with its header, or bare base64); a
 * replaced number leaf (tool input) becomes a string. Throws {@link ProtocolError} when a path does
 * not lead to text, e.g. an opaque embeddings token array. Works for request and response bodies.
 */
export function rewriteRequest(body: unknown, replacements: ReadonlyMap<string, string>): JsonObject {
  if (!isObject(body)) throw new ProtocolError('', 'body must be a JSON object')
  const updates = [...replacements].map(([key, text]) => {
    const path = parsePathKey(key)
    const field = describePath(path)
    const last = path[path.length - 1]
    return {
      path,
      update: (current: unknown, parent: unknown): unknown => {
        if (typeof current === 'number') return text === String(current) ? current : text
        if (typeof current !== 'string') throw new ProtocolError(field, 'path does not lead to a text')
        if (insideToolInput(body, path)) return text
        if (
          last === 'file_data' &&
          (path[path.length - 2] === 'file' || (isObject(parent) && parent.type === 'input_file'))
        ) {
          return decodeTextFile(current, 'text/plain', field) === text
            ? current
            : encodeTextFileLike(current, text)
        }
        if (
          last === 'data' &&
          path[path.length - 2] === 'source' &&
          isObject(parent) &&
          parent.type === 'base64'
        ) {
          return decodeTextFile(current, 'text/plain', field) === text ? current : encodeBase64Text(text)
        }
        return text
      },
    }
  })
  return updateAt(body, updates) as JsonObject
}

const toolUseTypes = new Set(['tool_use', 'server_tool_use', 'mcp_tool_use'])

// Tool input is the caller's own JSON: a key named `file_data` or `data` inside it is plain text.
function insideToolInput(body: unknown, path: JsonPath): boolean {
  return path.some((segment, i) => {
    if (segment !== 'input') return false
    const owner = getAt(body, path.slice(0, i))
    return isObject(owner) && toolUseTypes.has(owner.type as string)
  })
}

/** The same rewriting for a non-streamed answer body (restored or redacted texts put back). */
export const rewriteResponse = rewriteRequest

/** Returns a new body asking for `model` instead (routing to another upstream or model). */
export function setModel(body: unknown, model: string): JsonObject {
  if (!isObject(body)) throw new ProtocolError('', 'body must be a JSON object')
  return { ...body, model }
}
