/**
 * Payload decoding for the audit: a request's text becomes the list of values it carries, each with the
 * path that leads to it (`JSON $.messages[0].content`, `query q`, `base64 → JSON $.idfa`). Pure: content
 * encodings (gzip, br…) are undone before this, in the app layer.
 */

/** One value found in a payload. */
export interface DecodedValue {
  /** Human-readable decoding path, e.g. `body → JSON $.messages[0].content`. */
  readonly where: string
  /** Names of the decoding steps applied (form, json, base64, jwt, sse, multipart…). */
  readonly steps: readonly string[]
  /** Keys leading to the value, lowercased; array positions as '[]' (for structural rules). */
  readonly keys: readonly string[]
  readonly text: string
  /** Set when the value was decoded further (its parts are listed after it): scanners skip containers. */
  container?: boolean
}

/** Bounds: decoding never recurses or multiplies without limit on hostile input. */
export interface DecodeLimits {
  readonly maxDepth: number
  readonly maxValues: number
}

const defaultLimits: DecodeLimits = { maxDepth: 4, maxValues: 5000 }

interface Context {
  readonly out: DecodedValue[]
  readonly limits: DecodeLimits
}

/**
 * Decodes a body according to its content type (JSON, form, multipart, SSE, or sniffed) and returns
 * every string leaf, recursing into values that are themselves encoded (base64, JWT, JSON in a string,
 * query strings). The whole text is also returned as the first value (path `where`).
 */
export function decodePayload(
  text: string,
  contentType: string | undefined,
  where = 'body',
  limits: DecodeLimits = defaultLimits,
): DecodedValue[] {
  const ctx: Context = { out: [], limits }
  push(ctx, { where, steps: [], keys: [], text })
  decodeText(ctx, text, contentType ?? '', where, [], [], 0)
  if (ctx.out.length > 1) (ctx.out[0] as DecodedValue).container = true
  return ctx.out
}

/** Decodes a URL's query string (`?a=1&b=2`) into values with paths `query a`. */
export function decodeQuery(url: string, limits: DecodeLimits = defaultLimits): DecodedValue[] {
  const q = url.indexOf('?')
  if (q < 0) return []
  const hash = url.indexOf('#', q)
  const ctx: Context = { out: [], limits }
  decodeForm(ctx, url.slice(q + 1, hash < 0 ? undefined : hash), 'query', [], [], 0)
  return ctx.out
}

function push(ctx: Context, value: DecodedValue): boolean {
  if (ctx.out.length >= ctx.limits.maxValues) return false
  ctx.out.push(value)
  return true
}

/** Pushes a value, then decodes it further; marks it a container when that produced parts. */
function pushAndDecode(
  ctx: Context,
  value: DecodedValue,
  contentType: string,
  depth: number,
  decodeAtAll = true,
): boolean {
  if (!push(ctx, value)) return false
  if (!decodeAtAll) return true
  const before = ctx.out.length
  decodeText(ctx, value.text, contentType, value.where, value.steps, value.keys, depth)
  if (ctx.out.length > before) value.container = true
  return true
}

function decodeText(
  ctx: Context,
  text: string,
  contentType: string,
  where: string,
  steps: readonly string[],
  keys: readonly string[],
  depth: number,
): void {
  if (depth > ctx.limits.maxDepth) return
  const trimmed = text.trim()
  const type = contentType.toLowerCase()
  if (type.includes('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1]
    if (boundary) {
      decodeMultipart(ctx, text, boundary, where, steps, keys, depth)
      return
    }
  }
  if (type.includes('text/event-stream') || /^(data|event|id):/m.test(trimmed.slice(0, 64))) {
    if (/^data:/m.test(trimmed)) {
      decodeSse(ctx, text, where, steps, keys, depth)
      return
    }
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const json = parseJson(trimmed)
    if (json !== undefined) {
      walkJson(ctx, json, `${where} → JSON $`, [...steps, 'json'], keys, depth)
      return
    }
    // NDJSON (one JSON document per line), common in telemetry batches.
    const lines = trimmed.split('\n')
    if (lines.length > 1) {
      lines.forEach((line, i) => {
        const doc = parseJson(line.trim())
        if (doc !== undefined)
          walkJson(ctx, doc, `${where} → NDJSON line ${i + 1} $`, [...steps, 'json'], keys, depth)
      })
      return
    }
  }
  const jwt = decodeJwt(trimmed)
  if (jwt !== undefined) {
    walkJson(ctx, jwt, `${where} → JWT payload $`, [...steps, 'jwt'], keys, depth)
    return
  }
  const b64 = decodeBase64Text(trimmed)
  if (b64 !== undefined) {
    const path = `${where} → base64`
    pushAndDecode(ctx, { where: path, steps: [...steps, 'base64'], keys, text: b64 }, '', depth + 1)
    return
  }
  if (type.includes('application/x-www-form-urlencoded') || looksLikeForm(trimmed))
    decodeForm(ctx, trimmed, `${where} → form`, steps, keys, depth)
}

function parseJson(text: string): unknown {
  if (!(text.startsWith('{') || text.startsWith('['))) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const identifierKey = /^[A-Za-z_$][A-Za-z0-9_$]*$/

function walkJson(
  ctx: Context,
  value: unknown,
  where: string,
  steps: readonly string[],
  keys: readonly string[],
  depth: number,
): void {
  // Explicit stack instead of recursion: deeply nested JSON must not overflow the call stack.
  const stack: [unknown, string, readonly string[]][] = [[value, where, keys]]
  while (stack.length > 0 && ctx.out.length < ctx.limits.maxValues) {
    const [v, path, k] = stack.pop() as [unknown, string, readonly string[]]
    if (typeof v === 'string') {
      if (!pushAndDecode(ctx, { where: path, steps, keys: k, text: v }, '', depth + 1, v.length >= 8)) return
    } else if (typeof v === 'number' || typeof v === 'boolean') {
      push(ctx, { where: path, steps, keys: k, text: String(v) })
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`, [...k, '[]']])
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>)
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown]
        const step = identifierKey.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`
        stack.push([child, `${path}${step}`, [...k, key.toLowerCase()]])
      }
    }
  }
}

function looksLikeForm(text: string): boolean {
  return /^[^\s=&{}[\]<>"]+=[^\s]*(&[^\s=&]+=[^\s]*)*$/.test(text) && text.length < 1_000_000
}

function safeDecodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '))
  } catch {
    return text
  }
}

function decodeForm(
  ctx: Context,
  text: string,
  where: string,
  steps: readonly string[],
  keys: readonly string[],
  depth: number,
): void {
  const formSteps = [...steps, 'form']
  for (const pair of text.split('&')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    const name = safeDecodeComponent(eq < 0 ? pair : pair.slice(0, eq))
    const value = eq < 0 ? '' : safeDecodeComponent(pair.slice(eq + 1))
    // a[b][c] and a.b keys become key paths, as PHP/Rails/qs-style encoders write nested objects.
    const nameKeys = name
      .toLowerCase()
      .split(/[[\].]+/)
      .filter((s) => s !== '')
    const path = `${where} ${name}`
    const entry = { where: path, steps: formSteps, keys: [...keys, ...nameKeys], text: value }
    if (!pushAndDecode(ctx, entry, '', depth + 1, value.length >= 8)) return
  }
}

function decodeMultipart(
  ctx: Context,
  text: string,
  boundary: string,
  where: string,
  steps: readonly string[],
  keys: readonly string[],
  depth: number,
): void {
  const parts = text.split(`--${boundary}`)
  for (const part of parts.slice(1)) {
    if (part.startsWith('--')) break
    const split = part.indexOf('\r\n\r\n') >= 0 ? part.indexOf('\r\n\r\n') : part.indexOf('\n\n')
    if (split < 0) continue
    const head = part.slice(0, split)
    const body = part.slice(split + (part[split] === '\r' ? 4 : 2)).replace(/\r?\n$/, '')
    const name = /name="([^"]*)"/i.exec(head)?.[1] ?? '?'
    const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? ''
    const path = `${where} → multipart ${name}`
    const partSteps = [...steps, 'multipart']
    const partKeys = [...keys, name.toLowerCase()]
    if (
      !pushAndDecode(
        ctx,
        { where: path, steps: partSteps, keys: partKeys, text: body },
        type.toLowerCase(),
        depth + 1,
      )
    )
      return
  }
}

function decodeSse(
  ctx: Context,
  text: string,
  where: string,
  steps: readonly string[],
  keys: readonly string[],
  depth: number,
): void {
  let n = 0
  for (const event of text.split(/\r?\n\r?\n/)) {
    const data = event
      .split(/\r?\n/)
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).replace(/^ /, ''))
      .join('\n')
    if (data === '' || data === '[DONE]') continue
    n++
    const path = `${where} → SSE event ${n}`
    if (!pushAndDecode(ctx, { where: path, steps: [...steps, 'sse'], keys, text: data }, '', depth + 1))
      return
  }
}

/** The payload of a JWT (`header.payload.signature`, base64url JSON), or undefined. */
export function decodeJwt(text: string): unknown {
  const m = /^(?:Bearer\s+)?(eyJ[A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(text)
  if (!m) return undefined
  const header = decodeBase64Text(m[1] as string)
  const payload = decodeBase64Text(m[2] as string)
  if (header === undefined || payload === undefined || parseJson(header) === undefined) return undefined
  return parseJson(payload)
}

/**
 * Decodes base64 or base64url text when the result is readable text (UTF-8 without control characters
 * other than whitespace); undefined otherwise. Short or non-alphabet strings are left alone: words and
 * hex identifiers are valid base64 too, so at least 12 characters and a decodable shape are required.
 */
export function decodeBase64Text(text: string): string | undefined {
  if (text.length < 12 || text.length > 10_000_000) return undefined
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return undefined
  // All-hex or all-letters strings are far more often identifiers or words than base64.
  if (/^[0-9a-fA-F]+$/.test(text) || /^[A-Za-z]+$/.test(text)) return undefined
  const unpadded = text.replace(/=+$/, '')
  if (unpadded.length % 4 === 1) return undefined
  const bytes = Buffer.from(unpadded.replaceAll('-', '+').replaceAll('_', '/'), 'base64')
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(bytes)
  if (decoded.includes('\uFFFD')) return undefined
  // Readable: no control characters except tab/newline/CR.
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(decoded)) return undefined
  return decoded
}
