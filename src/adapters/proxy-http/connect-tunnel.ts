// A CONNECT tunnel: a TCP connection to the target, "200 Connection Established", then bytes both
// ways untouched. Half-closes are passed on (each direction ends on its own), errors and idle
// timeouts tear both sides down, and a target that cannot be reached gets a 502/504 answer.
import { connect, type LookupFunction, type Socket } from 'node:net'
import { rawFailure } from './send-pages.ts'

/** How one tunnel is opened. */
export interface TunnelOptions {
  readonly host: string
  readonly port: number
  /** Limit for connecting. */
  readonly connectTimeoutMs: number
  /** A tunnel with no traffic either way for this long is closed. */
  readonly idleTimeoutMs: number
  readonly requestId: string
  readonly acceptLanguage: string | undefined
  readonly log?: (line: string) => void
  readonly lookup?: LookupFunction
}

/** Opens the tunnel for `client` (the CONNECT socket); `head` is what the client sent after the CONNECT. */
export function openTunnel(client: Socket, head: Buffer, options: TunnelOptions): void {
  const upstream = connect({
    host: options.host,
    port: options.port,
    allowHalfOpen: true,
    ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
  })
  let established = false
  const connectTimer = setTimeout(() => {
    upstream.destroy()
    options.log?.(`proxy ${options.requestId}: CONNECT ${options.host}:${options.port} timed out`)
    rawFailure(client, 'timeout', options.host, options.requestId, options.acceptLanguage)
  }, options.connectTimeoutMs)
  upstream.once('connect', () => {
    clearTimeout(connectTimer)
    established = true
    if (client.destroyed) {
      upstream.destroy()
      return
    }
    upstream.setNoDelay(true)
    client.setNoDelay(true)
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
    if (head.length > 0) upstream.write(head)
    // pipe() ends the other side's writable half when one side's readable ends: a half-close passes on.
    client.pipe(upstream)
    upstream.pipe(client)
    const idle = () => {
      client.destroy()
      upstream.destroy()
    }
    client.setTimeout(options.idleTimeoutMs, idle)
    upstream.setTimeout(options.idleTimeoutMs, idle)
  })
  upstream.on('error', (error) => {
    clearTimeout(connectTimer)
    if (!established) {
      options.log?.(
        `proxy ${options.requestId}: CONNECT ${options.host}:${options.port} failed: ${error.message}`,
      )
      rawFailure(client, 'unreachable', options.host, options.requestId, options.acceptLanguage)
    } else client.destroy()
  })
  upstream.on('close', () => {
    clearTimeout(connectTimer)
    // Once both directions have ended cleanly the client socket closes by itself; after an abort it must go too.
    if (established && !client.writableEnded) client.destroy()
  })
  client.on('error', () => upstream.destroy())
  client.on('close', () => {
    clearTimeout(connectTimer)
    upstream.destroy()
  })
}
