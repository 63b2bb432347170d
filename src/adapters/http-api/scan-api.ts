import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isSluiceError, SluiceError } from '../../app/errors.ts'
import type { DocumentScan } from '../../app/scan-document.ts'
import type { DetectionEngine, ScanOptions } from '../../core/detection/create-engine.ts'
import { describeFinding } from '../../core/detection/describe-finding.ts'
import { selectTypes } from '../../core/detection/select-types.ts'
import { createPseudonymizer, type Pseudonymizer } from '../../core/transform/pseudonymizer.ts'
import { type RedactionMode, redactText } from '../../core/transform/redact-text.ts'
import {
  describeIssues,
  redactRequestSchema,
  restoreRequestSchema,
  scanRequestSchema,
} from './api-schemas.ts'
import { statusByCode } from './error-status.ts'
import { parseJsonObject, readBody } from './read-body.ts'

/** What the scan API needs from the composition root. */
export interface ScanApiDeps {
  readonly engine: DetectionEngine
  readonly scanDocument: (
    doc: { readonly bytes: Uint8Array; readonly fileName?: string },
    options: ScanOptions,
  ) => Promise<DocumentScan>
  readonly hashKey: Uint8Array
  readonly limits: { readonly jsonBodyBytes: number; readonly documentBodyBytes: number }
  readonly version: string
  readonly onError?: (error: unknown, requestId: string) => void
}

type Handler = (req: IncomingMessage, url: URL) => Promise<unknown>

/** Builds the node:http request handler of the scan API (POST /v1/scan, /v1/redact, /v1/restore; GET /healthz). */
export function createScanApi(deps: ScanApiDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const routes: Record<string, { method: string; handle: Handler }> = {
    '/healthz': {
      method: 'GET',
      handle: async () => ({ status: 'ok', version: deps.version, types: deps.engine.types }),
    },
    '/v1/scan': { method: 'POST', handle: (req, url) => handleScan(deps, req, url) },
    '/v1/redact': { method: 'POST', handle: (req) => handleRedact(deps, req) },
    '/v1/restore': { method: 'POST', handle: (req) => handleRestore(deps, req) },
  }
  return (req, res) => {
    const requestId = pickRequestId(req.headers['x-request-id'])
    res.setHeader('x-request-id', requestId)
    const url = new URL(req.url ?? '/', 'http://localhost')
    const route = routes[url.pathname]
    const run = async (): Promise<unknown> => {
      if (!route) throw new SluiceError('NOT_FOUND', `no such endpoint: ${url.pathname}`)
      if (req.method !== route.method) {
        res.setHeader('allow', route.method)
        throw new SluiceError('METHOD_NOT_ALLOWED', `${url.pathname} accepts ${route.method} only`)
      }
      return route.handle(req, url)
    }
    run().then(
      (body) => send(res, 200, { ...(body as object), request_id: requestId }),
      (error: unknown) => {
        const known = isSluiceError(error)
        if (!known) deps.onError?.(error, requestId)
        const code = known ? error.code : 'INTERNAL'
        const message = known ? error.message : 'internal error; the request id identifies it in the log'
        // A body we stopped reading must not be parsed as the next request on a kept-alive socket.
        if (code === 'BODY_TOO_LARGE') res.setHeader('connection', 'close')
        send(res, statusByCode[code], { error: { code, message }, request_id: requestId })
      },
    )
  }
}

async function handleScan(deps: ScanApiDeps, req: IncomingMessage, url: URL): Promise<unknown> {
  if (!isJson(req)) return handleDocumentScan(deps, req, url)
  const parsed = scanRequestSchema.safeParse(parseJsonObject(await readBody(req, deps.limits.jsonBodyBytes)))
  if (!parsed.success) throw new SluiceError('INVALID_INPUT', describeIssues(parsed.error))
  const options = toScanOptions(parsed.data.types, parsed.data.min_score)
  if (parsed.data.text !== undefined)
    return { findings: deps.engine.scan(parsed.data.text, options).map(describeFinding) }
  return {
    results: (parsed.data.texts ?? []).map((t) => ({
      findings: deps.engine.scan(t, options).map(describeFinding),
    })),
  }
}

async function handleDocumentScan(deps: ScanApiDeps, req: IncomingMessage, url: URL): Promise<unknown> {
  const minScore = url.searchParams.get('min_score')
  const options = toScanOptions(
    url.searchParams.get('types')?.split(','),
    minScore === null ? undefined : Number(minScore),
  )
  const fileName = url.searchParams.get('filename') ?? headerValue(req.headers['x-filename'])
  const bytes = await readBody(req, deps.limits.documentBodyBytes)
  const scan = await deps.scanDocument(fileName === undefined ? { bytes } : { bytes, fileName }, options)
  const findings = scan.segments.flatMap((s) =>
    s.findings.map((f) => ({ ...describeFinding(f), location: s.location })),
  )
  return { format: scan.format, findings }
}

async function handleRedact(deps: ScanApiDeps, req: IncomingMessage): Promise<unknown> {
  requireJson(req)
  const parsed = redactRequestSchema.safeParse(
    parseJsonObject(await readBody(req, deps.limits.jsonBodyBytes)),
  )
  if (!parsed.success) throw new SluiceError('INVALID_INPUT', describeIssues(parsed.error))
  const body = parsed.data
  const options = toScanOptions(body.types, body.min_score)
  const pseudonymizer = createPseudonymizer(body.pseudonyms)
  const mode = toRedactionMode(body, deps.hashKey, pseudonymizer)
  const one = (text: string) => {
    const findings = deps.engine.scan(text, options)
    return { text: redactText(text, findings, mode).text, findings: findings.map(describeFinding) }
  }
  const result = body.text !== undefined ? one(body.text) : { results: (body.texts ?? []).map(one) }
  // The table is read after redacting: it holds the tokens this request issued.
  return body.mode === 'pseudonymise' ? { ...result, pseudonyms: pseudonymizer.table() } : result
}

async function handleRestore(deps: ScanApiDeps, req: IncomingMessage): Promise<unknown> {
  requireJson(req)
  const parsed = restoreRequestSchema.safeParse(
    parseJsonObject(await readBody(req, deps.limits.jsonBodyBytes)),
  )
  if (!parsed.success) throw new SluiceError('INVALID_INPUT', describeIssues(parsed.error))
  return { text: createPseudonymizer(parsed.data.pseudonyms).restore(parsed.data.text) }
}

function toRedactionMode(
  body: { readonly mode: string; readonly mask?: { keep: number; char: string } | undefined },
  hashKey: Uint8Array,
  pseudonymizer: Pseudonymizer,
): RedactionMode {
  if (body.mode === 'mask')
    return body.mask === undefined ? { kind: 'mask' } : { kind: 'mask', options: body.mask }
  if (body.mode === 'hash') return { kind: 'hash', key: hashKey }
  if (body.mode === 'pseudonymise') return { kind: 'pseudonymise', pseudonymizer }
  return { kind: 'tag' }
}

function toScanOptions(types: readonly string[] | undefined, minScore: number | undefined): ScanOptions {
  if (minScore !== undefined && !(minScore >= 0 && minScore <= 1)) {
    throw new SluiceError('INVALID_INPUT', 'min_score must be a number between 0 and 1')
  }
  if (types === undefined) return minScore === undefined ? {} : { minScore }
  const selected = selectTypes(types)
  if (!selected.ok) throw new SluiceError('INVALID_INPUT', selected.error)
  return minScore === undefined ? { types: selected.value } : { types: selected.value, minScore }
}

function isJson(req: IncomingMessage): boolean {
  return /^application\/json\b/i.test(req.headers['content-type'] ?? '')
}

function requireJson(req: IncomingMessage): void {
  if (!isJson(req)) throw new SluiceError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json')
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function pickRequestId(header: string | string[] | undefined): string {
  const given = headerValue(header)
  return given !== undefined && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID()
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  })
  res.end(payload)
}
