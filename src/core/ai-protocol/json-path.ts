import { ProtocolError } from './protocol-error.ts'

/** A path into a parsed JSON body: object keys and array indexes, outermost first. */
export type JsonPath = readonly (string | number)[]

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The key a path is stored under in a replacement map; two equal paths give equal keys. */
export function pathKey(path: JsonPath): string {
  return JSON.stringify(path)
}

/** Reads a key made by {@link pathKey} back into a path; throws on anything else. */
export function parsePathKey(key: string): JsonPath {
  let parsed: unknown
  try {
    parsed = JSON.parse(key)
  } catch {
    throw new ProtocolError('', `replacement key ${key} is not a path key`)
  }
  if (!Array.isArray(parsed) || parsed.some((s) => typeof s !== 'string' && typeof s !== 'number')) {
    throw new ProtocolError('', `replacement key ${key} is not a path key`)
  }
  return parsed as JsonPath
}

/** A path as people write it: `messages[2].content[0].text`. */
export function describePath(path: JsonPath): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else out += out === '' ? segment : `.${segment}`
  }
  return out
}

/** The value at `path`, or undefined when any step is missing. */
export function getAt(root: unknown, path: JsonPath): unknown {
  let node = root
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(node)) return undefined
      node = node[segment]
    } else {
      if (!isObject(node)) return undefined
      node = node[segment]
    }
  }
  return node
}

/**
 * Returns a copy of `root` with the value at each path replaced by `update(current, parent, key)`.
 * Only the containers on the way to a changed value are copied; the input is never mutated.
 * Every container on a path must exist: a missing step is a caller error and throws.
 */
export function updateAt(
  root: unknown,
  updates: readonly {
    readonly path: JsonPath
    readonly update: (current: unknown, parent: unknown) => unknown
  }[],
): unknown {
  if (updates.length === 0) return root
  const fresh = new WeakSet<object>()
  const copy = (node: unknown, path: JsonPath): JsonObject | unknown[] => {
    if (Array.isArray(node)) return fresh.has(node) ? node : mark([...node])
    if (isObject(node)) return fresh.has(node) ? node : mark({ ...node })
    throw new ProtocolError(describePath(path), 'expected an object or array on the way to a text')
  }
  const mark = <T extends object>(node: T): T => {
    fresh.add(node)
    return node
  }
  const newRoot = copy(root, [])
  for (const { path, update } of updates) {
    if (path.length === 0) throw new ProtocolError('', 'cannot replace the whole body')
    let node: JsonObject | unknown[] = newRoot
    for (let i = 0; i < path.length - 1; i++) {
      const segment = path[i] as string | number
      const child = copy(read(node, segment, path.slice(0, i + 1)), path.slice(0, i + 1))
      write(node, segment, child)
      node = child
    }
    const last = path[path.length - 1] as string | number
    write(node, last, update(read(node, last, path), node))
  }
  return newRoot
}

function read(node: JsonObject | unknown[], segment: string | number, path: JsonPath): unknown {
  if (Array.isArray(node) !== (typeof segment === 'number')) {
    throw new ProtocolError(describePath(path), 'path does not match the body')
  }
  return (node as Record<string | number, unknown>)[segment]
}

function write(node: JsonObject | unknown[], segment: string | number, value: unknown): void {
  ;(node as Record<string | number, unknown>)[segment] = value
}
