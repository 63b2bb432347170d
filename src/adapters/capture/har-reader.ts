// HAR 1.2 read as a stream: stream-json's tokenizer runs over the text chunk by chunk and only one
// entry of `log.entries` is assembled at a time, so a multi-gigabyte HAR (beyond V8's string limit)
// is read in bounded memory. A syntax error or a cut file ends the reading with a warning; the
// entries before it are kept.
import { jsonParser } from 'stream-json/core/parser.js'
import type { AuditFlow } from '../../core/audit/flow.ts'
import { isIpLiteral } from './ip-text.ts'
import type { ChunkParser } from './packet.ts'

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
type Token = { name: string; value?: unknown }

/** Where the HAR reader sends what it reads. */
export interface HarSink {
  flow(f: Omit<AuditFlow, 'id' | 'source'>): void
  warn(where: string, message: string): void
}

const none = Symbol.for('object-stream.none')

/** A push parser for a HAR file. */
export function createHarParser(sink: HarSink): ChunkParser {
  const tokenize = jsonParser({ packValues: true, streamValues: false }) as unknown as (
    chunk: string | symbol,
  ) => unknown
  const decoder = new TextDecoder('utf-8', { fatal: false })
  // Path through the document: each level is an object (with its current key) or an array.
  const path: { array: boolean; key?: string }[] = []
  // The entry being assembled: a stack of containers.
  let building: (Json[] | { [k: string]: Json })[] = []
  let buildKeys: (string | undefined)[] = []
  let entryIndex = 0
  let sawEntries = false
  let stopped = false
  let bytes = 0
  let first = true

  const inEntries = (): boolean =>
    path.length === 3 && path[2]?.array === true && path[1]?.key === 'entries' && path[0]?.key === 'log'

  const add = (value: Json): void => {
    const top = building[building.length - 1]
    if (top === undefined) return
    if (Array.isArray(top)) top.push(value)
    else top[buildKeys[buildKeys.length - 1] ?? ''] = value
  }

  const finishValue = (value: Json): void => {
    if (building.length === 0) {
      entryDone(value)
      return
    }
    add(value)
  }

  const entryDone = (value: Json): void => {
    const where = `log.entries[${entryIndex}]`
    entryIndex++
    const flow = entryFlow(value, where, sink)
    if (flow !== undefined) sink.flow(flow)
  }

  const token = (t: Token): void => {
    if (building.length > 0 || (inEntries() && t.name !== 'endArray' && t.name !== 'keyValue')) {
      switch (t.name) {
        case 'startObject':
          building.push({})
          buildKeys.push(undefined)
          return
        case 'startArray':
          building.push([])
          buildKeys.push(undefined)
          return
        case 'endObject':
        case 'endArray': {
          const done = building.pop() as Json
          buildKeys.pop()
          finishValue(done)
          return
        }
        case 'keyValue':
          buildKeys[buildKeys.length - 1] = t.value as string
          return
        case 'stringValue':
          finishValue(t.value as string)
          return
        case 'numberValue':
          finishValue(Number(t.value))
          return
        case 'nullValue':
          finishValue(null)
          return
        case 'trueValue':
          finishValue(true)
          return
        case 'falseValue':
          finishValue(false)
          return
        default:
          return
      }
    }
    switch (t.name) {
      case 'startObject':
        path.push({ array: false })
        return
      case 'startArray':
        path.push({ array: true })
        if (inEntries()) sawEntries = true
        return
      case 'endObject':
      case 'endArray':
        path.pop()
        return
      case 'keyValue': {
        const top = path[path.length - 1]
        if (top !== undefined) top.key = t.value as string
        return
      }
      default:
        return
    }
  }

  const feed = (input: string | symbol): void => {
    if (stopped) return
    try {
      const out = tokenize(input)
      if (out === none || out === undefined) return
      const list = (out as { values?: Token[] }).values
      if (Array.isArray(list)) for (const t of list) token(t)
      else if (typeof out === 'object' && out !== null && 'name' in out) token(out as Token)
    } catch (e) {
      stopped = true
      const reason = e instanceof Error ? e.message : String(e)
      sink.warn(
        `byte ${bytes}`,
        input === none
          ? `the HAR ends before its JSON is complete (${reason}): ${entryIndex} entries read, the rest is missing`
          : `the HAR's JSON is malformed before byte ${bytes} (${reason}): ${entryIndex} entries read, the rest is not`,
      )
    }
  }

  // The tokenizer returns a call's tokens only when the whole call succeeds, so the text is fed in
  // pieces that end where a value at depth ≤ 3 closes (an entry of log.entries): a syntax error then
  // costs the broken entry only, never the good ones before it in the same chunk.
  let depth = 0
  let inString = false
  let escaped = false
  const feedCut = (text: string): void => {
    let from = 0
    let i = 0
    const n = text.length
    // Bounded: every turn advances i.
    while (i < n) {
      if (inString) {
        if (escaped) {
          escaped = false
          i++
          continue
        }
        // Most of a HAR is string content (bodies): jump from quote to quote.
        const q = text.indexOf('"', i)
        const stop = q < 0 ? n : q
        let k = 0
        while (stop - k - 1 >= i && text.charCodeAt(stop - k - 1) === 92) k++
        if (q < 0) {
          escaped = k % 2 === 1
          break
        }
        if (k % 2 === 0) inString = false
        i = q + 1
        continue
      }
      const c = text.charCodeAt(i)
      i++
      if (c === 34) inString = true
      else if (c === 123 || c === 91) depth++
      else if (c === 125 || c === 93) {
        depth--
        if (depth <= 3) {
          feed(text.slice(from, i))
          from = i
          if (stopped) return
        }
      }
    }
    if (from < n) feed(from === 0 ? text : text.slice(from))
  }

  return {
    push(chunk) {
      if (stopped) return
      bytes += chunk.length
      let text = decoder.decode(chunk, { stream: true })
      if (first) {
        first = false
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      }
      feedCut(text)
    },
    end() {
      const rest = decoder.decode()
      if (rest !== '') feedCut(rest)
      feed(none)
      if (!sawEntries && !stopped)
        sink.warn('log.entries', 'no log.entries array: this JSON is not a HAR file')
      building = []
      buildKeys = []
    },
  }
}

function obj(v: Json | undefined): { [k: string]: Json } | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined
}

function str(v: Json | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined
}

function num(v: Json | undefined): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined
}

function headerList(v: Json | undefined): [string, string][] {
  if (!Array.isArray(v)) return []
  const out: [string, string][] = []
  for (const h of v) {
    const o = obj(h)
    const name = str(o?.name)
    const value = str(o?.value)
    if (name !== undefined && value !== undefined) out.push([name, value])
  }
  return out
}

/** The flow of one HAR entry, or undefined (with a warning) when the entry has no usable request. */
function entryFlow(value: Json, where: string, sink: HarSink): Omit<AuditFlow, 'id' | 'source'> | undefined {
  const entry = obj(value)
  const request = obj(entry?.request)
  const urlText = str(request?.url)
  if (entry === undefined || request === undefined || urlText === undefined) {
    sink.warn(where, 'entry without request.url: skipped')
    return undefined
  }
  let url: URL | undefined
  try {
    url = new URL(urlText)
  } catch {
    sink.warn(where, `request.url '${urlText.slice(0, 80)}' is not a URL: host unknown`)
  }
  const started = str(entry.startedDateTime)
  const ms = started === undefined ? Number.NaN : Date.parse(started)
  if (started !== undefined && Number.isNaN(ms))
    sink.warn(where, `startedDateTime '${started.slice(0, 40)}' is not a time`)
  const headers = headerList(request.headers)
  const header = (name: string): string | undefined => headers.find(([k]) => k.toLowerCase() === name)?.[1]

  const body = requestBody(obj(request.postData), header('content-type'))
  const response = obj(entry.response)
  const content = obj(response?.content)
  const status = num(response?.status)
  const responseText = str(content?.text)
  let responseBody: Uint8Array | undefined
  if (responseText !== undefined && responseText !== '') {
    responseBody =
      str(content?.encoding) === 'base64'
        ? new Uint8Array(Buffer.from(responseText, 'base64'))
        : new TextEncoder().encode(responseText)
  }
  const responseType =
    str(content?.mimeType) ??
    headerList(response?.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1]
  const ipText = str(entry.serverIPAddress)
  const urlHost = url?.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const hostIsIp = urlHost !== undefined && isIpLiteral(urlHost)
  // Without serverIPAddress, a URL that names an address still gives the server IP.
  const serverIp =
    ipText === undefined || ipText === '' ? (hostIsIp ? urlHost : undefined) : ipText.replace(/^\[|\]$/g, '')
  const protocol = url?.protocol
  const scheme = protocol === 'https:' ? 'https' : protocol === 'http:' ? 'http' : 'other'
  const port =
    url === undefined
      ? undefined
      : url.port !== ''
        ? Number(url.port)
        : protocol === 'https:' || protocol === 'wss:'
          ? 443
          : 80
  const reqSize = sizeOf(request)
  const resSize = num(response?._transferSize) ?? (response === undefined ? undefined : sizeOf(response))
  const encoding = header('content-encoding')
  return {
    ...(Number.isNaN(ms) ? {} : { time: new Date(ms).toISOString() }),
    ...(serverIp === undefined ? {} : { serverIp }),
    ...(port === undefined ? {} : { serverPort: port }),
    ...(urlHost === undefined || urlHost === '' || hostIsIp
      ? {}
      : { host: urlHost, hostEvidence: 'url' as const }),
    scheme,
    ...(str(request.method) === undefined ? {} : { method: str(request.method) as string }),
    url: urlText,
    ...(url === undefined ? {} : { path: `${url.pathname}${url.search}` }),
    ...(status === undefined || status <= 0 ? {} : { status }),
    requestHeaders: headers,
    ...(body === undefined ? {} : { requestBody: body.bytes }),
    ...(body?.contentType === undefined ? {} : { requestContentType: body.contentType }),
    ...(encoding === undefined ? {} : { requestContentEncoding: encoding }),
    ...(responseBody === undefined ? {} : { responseBody }),
    ...(responseType === undefined || responseType === '' ? {} : { responseContentType: responseType }),
    encrypted: false,
    ...(reqSize === undefined ? {} : { bytesSent: reqSize }),
    ...(resSize === undefined || resSize < 0 ? {} : { bytesReceived: resSize }),
  }
}

function sizeOf(m: { [k: string]: Json }): number | undefined {
  const h = num(m.headersSize)
  const b = num(m.bodySize)
  if (h === undefined && b === undefined) return undefined
  const total = Math.max(h ?? 0, 0) + Math.max(b ?? 0, 0)
  return (h ?? -1) < 0 && (b ?? -1) < 0 ? undefined : total
}

/** The body of postData: its text, or its params encoded as the form they came from. */
function requestBody(
  postData: { [k: string]: Json } | undefined,
  headerType: string | undefined,
): { bytes: Uint8Array; contentType?: string } | undefined {
  if (postData === undefined) return undefined
  const mime = str(postData.mimeType) ?? headerType
  const text = str(postData.text)
  if (text !== undefined && text !== '') {
    return {
      bytes: new TextEncoder().encode(text),
      ...(mime === undefined || mime === '' ? {} : { contentType: mime }),
    }
  }
  const params = Array.isArray(postData.params) ? postData.params.map(obj).filter((p) => p !== undefined) : []
  if (params.length === 0) return undefined
  if (mime?.toLowerCase().startsWith('multipart/form-data')) {
    const boundary = /boundary=("?)([^";]+)\1/i.exec(mime)?.[2] ?? 'sluice-har-params'
    const parts = params.map((p) => {
      const file = str(p.fileName)
      const type = str(p.contentType)
      return (
        `--${boundary}\r\nContent-Disposition: form-data; name="${str(p.name) ?? ''}"` +
        `${file === undefined ? '' : `; filename="${file}"`}\r\n` +
        `${type === undefined ? '' : `Content-Type: ${type}\r\n`}\r\n${str(p.value) ?? ''}\r\n`
      )
    })
    return {
      bytes: new TextEncoder().encode(`${parts.join('')}--${boundary}--\r\n`),
      contentType: `multipart/form-data; boundary=${boundary}`,
    }
  }
  const form = params
    .map((p) => `${encodeURIComponent(str(p.name) ?? '')}=${encodeURIComponent(str(p.value) ?? '')}`)
    .join('&')
  return { bytes: new TextEncoder().encode(form), contentType: mime ?? 'application/x-www-form-urlencoded' }
}
