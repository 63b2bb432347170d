// Local stand-ins for web sites in the proxy tests: an HTTP and an HTTPS server (certificate from a test
// web PKI, valid for the names the test passes) that answer every request with a small page and record
// each request exactly as it arrived, so a test can assert what left the proxy.
import {
  createServer as createHttpServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { PemPair } from './test-certificates.ts'

/** One request as a stand-in site received it. */
export interface ReceivedRequest {
  readonly scheme: 'http' | 'https'
  readonly method: string
  /** The request target as sent (origin form, e.g. `/hello?x=1`). */
  readonly url: string
  readonly headers: IncomingHttpHeaders
  /** Header names in the order and case they arrived. */
  readonly rawHeaderNames: readonly string[]
  readonly body: string
}

/** The running stand-ins. */
export interface RecordingWebServer {
  readonly httpPort: number
  readonly httpsPort: number
  readonly received: ReceivedRequest[]
  close(): Promise<void>
}

/** The page every request gets (the path is echoed so a test sees it arrived unchanged). */
export function standInPage(path: string): string {
  return `<!DOCTYPE html><html><head><title>Stand-in site</title></head><body><h1>Stand-in site</h1><p id="path">${path.replace(/[<>&"]/g, '')}</p><form method="post" action="/submit"><textarea name="prompt"></textarea><button type="submit">Send</button></form></body></html>`
}

/** Starts both servers on 127.0.0.1, port 0; the HTTPS one presents `cert`. */
export async function startRecordingWebServer(cert: PemPair): Promise<RecordingWebServer> {
  const received: ReceivedRequest[] = []
  const handler =
    (scheme: 'http' | 'https') =>
    (req: IncomingMessage, res: ServerResponse): void => {
      const chunks: Buffer[] = []
      let size = 0
      req.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size <= 4 * 1024 * 1024) chunks.push(chunk)
      })
      req.on('end', () => {
        received.push({
          scheme,
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          rawHeaderNames: req.rawHeaders.filter((_, i) => i % 2 === 0),
          body: Buffer.concat(chunks).toString('utf8'),
        })
        const page = Buffer.from(standInPage(req.url ?? ''))
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-length': page.length,
          'x-stand-in': scheme,
        })
        res.end(page)
      })
    }
  const http = createHttpServer(handler('http'))
  const https = createHttpsServer({ cert: cert.certPem, key: cert.keyPem }, handler('https'))
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve))
  return {
    httpPort: (http.address() as AddressInfo).port,
    httpsPort: (https.address() as AddressInfo).port,
    received,
    close: async () => {
      http.closeAllConnections()
      https.closeAllConnections()
      await new Promise((resolve) => http.close(resolve))
      await new Promise((resolve) => https.close(resolve))
    },
  }
}
