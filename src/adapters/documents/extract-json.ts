import { DocumentError } from './document-error.ts'
import type { DocumentSegment } from './extracted-document.ts'

function pointerToken(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1')
}

/** Holds a number's source text, since JSON.parse would round long digit strings such as card numbers. */
class NumberSource {
  readonly source: string
  constructor(source: string) {
    this.source = source
  }
}

/**
 * Yields every string value (and every number, as written, because identifiers are often stored as
 * numbers) with its JSON pointer; object keys are not scanned.
 */
export function extractJson(text: string): DocumentSegment[] {
  let root: unknown
  try {
    root = JSON.parse(text, (_key, value: unknown, context?: { source?: string }) =>
      typeof value === 'number' && context?.source !== undefined ? new NumberSource(context.source) : value,
    )
  } catch (error) {
    throw new DocumentError('BROKEN_DOCUMENT', `Invalid JSON: ${(error as Error).message}`, { cause: error })
  }
  const segments: DocumentSegment[] = []
  // An explicit stack keeps deeply nested input from overflowing the call stack.
  const stack: { value: unknown; path: string }[] = [{ value: root, path: '' }]
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: string }
    if (typeof value === 'string') {
      if (value !== '') segments.push({ text: value, location: { path } })
    } else if (value instanceof NumberSource) {
      segments.push({ text: value.source, location: { path } })
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--)
        stack.push({ value: value[index], path: `${path}/${index}` })
    } else if (typeof value === 'object' && value !== null) {
      const children = Object.entries(value)
      for (let index = children.length - 1; index >= 0; index--) {
        const [key, child] = children[index] as [string, unknown]
        stack.push({ value: child, path: `${path}/${pointerToken(key)}` })
      }
    }
  }
  return segments
}
