// Proxy access logs: Squid's native format
//   time.ms elapsed client code/status bytes method URL user hierarchy/peer type
// and the common / combined log formats (Squid's emulate_httpd_log, Apache, nginx), optionally
// followed by Squid's `code:hierarchy`. Logs carry no payloads: each line becomes a flow with host,
// method, URL, status and bytes.
import type { AuditFlow } from '../../core/audit/flow.ts'
import { isIpLiteral } from './ip-text.ts'
import { createLineSplitter } from './line-splitter.ts'
import type { ChunkParser } from './packet.ts'

/** Where the log reader sends what it reads. */
export interface LogSink {
  flow(f: Omit<AuditFlow, 'id' | 'source'>): void
  warn(where: string, message: string): void
}

const nativeLine =
  /^(\d+(?:\.\d+)?)\s+(-?\d+)\s+(\S+)\s+([A-Z_]+|NONE)\/(\d{3})\s+(\d+)\s+(\S+)\s+(\S+)(?:\s+(\S+))?(?:\s+(\S+)\/(\S+))?(?:\s+(\S+))?/
const commonLine =
  /^(\S+) (\S+) (\S+) \[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-]\d{4})\] "([^"]*)" (\d{3}|-) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?/
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** True when the text looks like a line of a log this reader understands. */
export function looksLikeAccessLog(firstLine: string): boolean {
  return nativeLine.test(firstLine) || commonLine.test(firstLine)
}

/** A push parser for a Squid (native, common or combined) access log. */
export function createSquidLogParser(sink: LogSink): ChunkParser {
  let unreadable = 0
  let firstBad: number | undefined
  const splitter = createLineSplitter(
    (text, lineNo) => {
      if (text.trim() === '' || text.startsWith('#')) return
      const flow = nativeFlow(text) ?? commonFlow(text)
      if (flow === undefined) {
        unreadable++
        if (firstBad === undefined) {
          firstBad = lineNo
          sink.warn(
            `line ${lineNo}`,
            `not a Squid native, common or combined log line: skipped ('${text.slice(0, 60)}')`,
          )
        }
        return
      }
      sink.flow(flow)
    },
    (lineNo) => sink.warn(`line ${lineNo}`, 'line longer than 1 MiB: skipped'),
  )
  return {
    push: (chunk) => splitter.push(chunk),
    end() {
      splitter.end()
      if (unreadable > 1) sink.warn('log', `${unreadable} lines could not be read (first: line ${firstBad})`)
    },
  }
}

function target(
  method: string,
  url: string,
): Pick<AuditFlow, 'host' | 'hostEvidence' | 'scheme' | 'url' | 'path' | 'serverPort' | 'serverIp'> & {
  encrypted: boolean
} {
  if (method === 'CONNECT') {
    // CONNECT host:port — a tunnel, usually TLS: only the host is known.
    const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(url)
    const port = m?.[2] === undefined ? 443 : Number(m[2])
    const name = m?.[1]
    return {
      ...(name === undefined
        ? {}
        : isIpLiteral(name)
          ? { serverIp: name.toLowerCase() }
          : { host: name.toLowerCase(), hostEvidence: 'log' as const }),
      serverPort: port,
      scheme: port === 443 ? 'https' : 'tls',
      encrypted: true,
    }
  }
  try {
    const u = new URL(url)
    const scheme = u.protocol === 'https:' ? 'https' : u.protocol === 'http:' ? 'http' : 'other'
    const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase()
    return {
      ...(isIpLiteral(host) ? { serverIp: host } : { host, hostEvidence: 'log' as const }),
      scheme,
      url,
      path: `${u.pathname}${u.search}`,
      serverPort: u.port !== '' ? Number(u.port) : scheme === 'https' ? 443 : 80,
      encrypted: false,
    }
  } catch {
    // A origin-form target (a web server's log): the path only.
    return { path: url, url, encrypted: false }
  }
}

function nativeFlow(line: string): Omit<AuditFlow, 'id' | 'source'> | undefined {
  const m = nativeLine.exec(line)
  if (m === null) return undefined
  const [, ts, elapsed, client, , status, bytes, method, url, , , peer, type] = m
  // Squid logs when a request ends; it began `elapsed` milliseconds earlier.
  const ms = Number(ts) * 1000 - Math.max(0, Number(elapsed))
  const serverIp = peer !== undefined && peer !== '-' && /^[0-9a-fA-F.:]+$/.test(peer) ? peer : undefined
  const statusNo = Number(status)
  return {
    time: new Date(ms).toISOString(),
    clientIp: client as string,
    ...(serverIp === undefined ? {} : { serverIp }),
    ...target(method as string, url as string),
    method: method as string,
    ...(statusNo > 0 ? { status: statusNo } : {}),
    ...(type !== undefined && type !== '-' && type.includes('/') ? { responseContentType: type } : {}),
    bytesReceived: Number(bytes),
  }
}

function commonFlow(line: string): Omit<AuditFlow, 'id' | 'source'> | undefined {
  const m = commonLine.exec(line)
  if (m === null) return undefined
  const [, client, , , day, mon, year, hh, mm, ss, zone, request, status, bytes, referer, agent] = m
  const month = months.indexOf(mon as string)
  if (month < 0) return undefined
  const z = zone as string
  const offsetMin = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)))
  const ms =
    Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss)) - offsetMin * 60_000
  const parts = (request as string).split(' ')
  const method = parts[0] ?? ''
  const url = parts[1]
  const headers: [string, string][] = []
  if (referer !== undefined && referer !== '-' && referer !== '') headers.push(['Referer', referer])
  if (agent !== undefined && agent !== '-' && agent !== '') headers.push(['User-Agent', agent])
  const statusNo = Number(status)
  return {
    time: new Date(ms).toISOString(),
    clientIp: client as string,
    ...(url === undefined ? { encrypted: false } : target(method, url)),
    ...(method === '' || method === '-' ? {} : { method }),
    ...(Number.isInteger(statusNo) && statusNo > 0 ? { status: statusNo } : {}),
    ...(headers.length > 0 ? { requestHeaders: headers } : {}),
    ...(bytes === '-' ? {} : { bytesReceived: Number(bytes) }),
  }
}
