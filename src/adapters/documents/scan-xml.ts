import { DocumentError } from './document-error.ts'

/** Callbacks for a streaming walk over an XML document; element names arrive without their prefix. */
export interface XmlHandler {
  readonly open?: (
    name: string,
    attribute: (qualifiedName: string) => string | undefined,
    empty: boolean,
  ) => void
  readonly close?: (name: string) => void
  readonly text?: (text: string) => void
}

const entityPattern = /&(#[xX][0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g
const namedEntities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const attributePatterns = new Map<string, RegExp>()

/** Replaces the predefined and numeric XML character references; anything else is left as written. */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(entityPattern, (whole, body: string) => {
    const named = namedEntities[body]
    if (named !== undefined) return named
    const code =
      body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1))
    // Surrogates and out-of-range code points cannot be characters; keep the reference visible instead.
    if (!Number.isFinite(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole
    return String.fromCodePoint(code)
  })
}

function broken(message: string): DocumentError {
  return new DocumentError('BROKEN_DOCUMENT', `Malformed XML: ${message}`)
}

function localName(qualifiedName: string): string {
  const colon = qualifiedName.indexOf(':')
  return colon === -1 ? qualifiedName : qualifiedName.slice(colon + 1)
}

function attributeReader(tag: string): (qualifiedName: string) => string | undefined {
  return (qualifiedName) => {
    let pattern = attributePatterns.get(qualifiedName)
    if (pattern === undefined) {
      const escaped = qualifiedName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      pattern = new RegExp(`\\s${escaped}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
      attributePatterns.set(qualifiedName, pattern)
    }
    const match = pattern.exec(tag)
    if (match === null) return undefined
    return decodeXmlEntities(match[1] ?? match[2] ?? '')
  }
}

// Matches a whole start tag from its `<`, letting quoted attribute values contain `>`.
const startTagPattern = /<[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>/y

/** Finds the `>` that ends the start tag opening at `lt`, or -1 when the tag never ends. */
function tagEnd(xml: string, lt: number): number {
  startTagPattern.lastIndex = lt
  return startTagPattern.test(xml) ? startTagPattern.lastIndex - 1 : -1
}

function skipPast(xml: string, from: number, terminator: string, what: string): number {
  const end = xml.indexOf(terminator, from)
  if (end === -1) throw broken(`unterminated ${what}`)
  return end + terminator.length
}

/**
 * Walks an XML string tag by tag, checking that elements nest properly.
 * A hand-rolled scan instead of a DOM keeps memory flat on 100 MB spreadsheets; DTDs are refused
 * because OPC forbids them and they are the only way to define expanding entities.
 */
export function scanXml(xml: string, handler: XmlHandler): void {
  const stack: string[] = []
  let sawRoot = false
  let position = 0
  while (position < xml.length) {
    const lt = xml.indexOf('<', position)
    const textEnd = lt === -1 ? xml.length : lt
    if (textEnd > position) {
      const raw = xml.slice(position, textEnd)
      if (stack.length > 0) handler.text?.(decodeXmlEntities(raw))
      else if (raw.trim() !== '') throw broken('text outside the root element')
    }
    if (lt === -1) break
    if (xml.startsWith('<!--', lt)) {
      position = skipPast(xml, lt + 4, '-->', 'comment')
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = skipPast(xml, lt + 9, ']]>', 'CDATA section')
      if (stack.length === 0) throw broken('CDATA outside the root element')
      handler.text?.(xml.slice(lt + 9, end - 3))
      position = end
    } else if (xml.startsWith('<?', lt)) {
      position = skipPast(xml, lt + 2, '?>', 'processing instruction')
    } else if (xml.startsWith('<!', lt)) {
      throw broken('document type declarations are not allowed')
    } else if (xml.startsWith('</', lt)) {
      const end = skipPast(xml, lt + 2, '>', 'end tag')
      const name = xml.slice(lt + 2, end - 1).trim()
      const expected = stack.pop()
      if (expected !== name) throw broken(`</${name}> does not close <${expected ?? 'nothing'}>`)
      handler.close?.(localName(name))
      position = end
    } else {
      const end = tagEnd(xml, lt)
      if (end === -1) throw broken('unterminated start tag')
      const empty = xml[end - 1] === '/'
      const tag = xml.slice(lt, empty ? end - 1 : end)
      const nameMatch = /^<([^\s/>]+)/.exec(tag)
      const qualifiedName = nameMatch?.[1]
      if (qualifiedName === undefined) throw broken('start tag without a name')
      if (stack.length === 0 && sawRoot) throw broken('more than one root element')
      sawRoot = true
      handler.open?.(localName(qualifiedName), attributeReader(tag), empty)
      if (empty) handler.close?.(localName(qualifiedName))
      else stack.push(qualifiedName)
      position = end + 1
    }
  }
  if (!sawRoot) throw broken('no root element')
  const unclosed = stack.at(-1)
  if (unclosed !== undefined) throw broken(`<${unclosed}> is never closed`)
}
