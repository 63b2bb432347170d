import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import type { RunningServer } from '../../src/adapters/http-api/start-http-server.ts'
import { openScanner, startScanServer } from '../../src/main.ts'

const rrnText = '고객 홍길동님 주민등록번호 900101-1234568로 조회'
let server: RunningServer
let dataDir: string

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sluice-api-'))
  server = await startScanServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    scanner: await openScanner(),
    log: () => {},
  })
})
after(async () => {
  await server.close()
  await rm(dataDir, { recursive: true, force: true })
})

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

describe('scan API', () => {
  it('answers /healthz with the entity types it detects', async () => {
    const res = await fetch(`${server.url}/healthz`)
    assert.equal(res.status, 200)
    const body = (await res.json()) as { status: string; types: string[] }
    assert.equal(body.status, 'ok')
    assert.ok(body.types.includes('KR_RRN'))
  })

  it('finds an RRN with its category and original offsets, and echoes a given request id', async () => {
    const res = await post('/v1/scan', { text: rrnText }, { 'x-request-id': 'req-42' })
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('x-request-id'), 'req-42')
    const body = (await res.json()) as {
      request_id: string
      findings: { type: string; category: string; start: number; end: number }[]
    }
    assert.equal(body.request_id, 'req-42')
    const rrn = body.findings.find((f) => f.type === 'KR_RRN')
    assert.ok(rrn, JSON.stringify(body))
    assert.equal(rrn.category, 'personal_identifier')
    assert.equal(rrnText.slice(rrn.start, rrn.end), '900101-1234568')
  })

  it('scans a batch of texts in order', async () => {
    const res = await post('/v1/scan', {
      texts: ['nothing here', 'mail hong@example.com'],
      types: ['EMAIL_ADDRESS'],
    })
    const body = (await res.json()) as { results: { findings: { type: string }[] }[] }
    assert.equal(body.results.length, 2)
    assert.deepEqual(body.results[0]?.findings, [])
    assert.equal(body.results[1]?.findings[0]?.type, 'EMAIL_ADDRESS')
  })

  it('redacts with tags and pseudonymises reversibly', async () => {
    const tagged = (await (await post('/v1/redact', { text: rrnText, types: ['KR_RRN'] })).json()) as {
      text: string
    }
    assert.equal(tagged.text, '고객 홍길동님 주민등록번호 <KR_RRN>로 조회')
    const pseudo = (await (
      await post('/v1/redact', { text: rrnText, mode: 'pseudonymise', types: ['KR_RRN'] })
    ).json()) as { text: string; pseudonyms: { tokens: Record<string, string> } }
    assert.equal(pseudo.text, '고객 홍길동님 주민등록번호 <KR_RRN_1>로 조회')
    const restored = (await (
      await post('/v1/restore', { text: 'RRN was <KR_RRN_1>.', pseudonyms: pseudo.pseudonyms })
    ).json()) as { text: string }
    assert.equal(restored.text, 'RRN was 900101-1234568.')
  })

  it('scans a document sent as raw bytes', async () => {
    const csv = 'name,phone\n홍길동,010-1234-5678\n'
    const res = await fetch(`${server.url}/v1/scan?filename=people.csv&types=PHONE_NUMBER`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: csv,
    })
    assert.equal(res.status, 200)
    const body = (await res.json()) as {
      format: string
      findings: { type: string; location: { row?: number } }[]
    }
    assert.equal(body.format, 'csv')
    assert.equal(body.findings[0]?.type, 'PHONE_NUMBER')
    assert.equal(body.findings[0]?.location.row, 2)
  })

  const errorCases: [string, () => Promise<Response>, number, string][] = [
    ['malformed JSON', () => post('/v1/scan', '{"text": '), 400, 'INVALID_JSON'],
    ['a JSON array body', () => post('/v1/scan', '[1]'), 400, 'INVALID_JSON'],
    ['an unknown field', () => post('/v1/scan', { text: 'x', txt: 'y' }), 400, 'INVALID_INPUT'],
    ['both text and texts', () => post('/v1/scan', { text: 'x', texts: ['y'] }), 400, 'INVALID_INPUT'],
    ['an unknown type', () => post('/v1/scan', { text: 'x', types: ['SSN'] }), 400, 'INVALID_INPUT'],
    ['an unknown endpoint', () => post('/v1/nope', {}), 404, 'NOT_FOUND'],
    ['the wrong method', () => fetch(`${server.url}/v1/scan`), 405, 'METHOD_NOT_ALLOWED'],
    [
      'redact without JSON',
      () => fetch(`${server.url}/v1/redact`, { method: 'POST', body: 'x' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a binary document',
      () =>
        fetch(`${server.url}/v1/scan`, {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream' },
          body: new Uint8Array([0, 1, 2, 255, 0, 7]),
        }),
      415,
      'UNSUPPORTED_FORMAT',
    ],
    [
      'an oversized body',
      () => post('/v1/scan', { text: 'x'.repeat(9 * 1024 * 1024) }),
      413,
      'BODY_TOO_LARGE',
    ],
  ]
  for (const [name, send, status, code] of errorCases) {
    it(`answers ${name} with ${status} ${code} and keeps serving`, async () => {
      const res = await send()
      assert.equal(res.status, status)
      const body = (await res.json()) as { error: { code: string; message: string }; request_id: string }
      assert.equal(body.error.code, code)
      assert.ok(body.error.message.length > 0)
      assert.ok(body.request_id)
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200)
    })
  }

  it('talks to curl', async () => {
    const { stdout } = await promisify(execFile)('curl', [
      '-s',
      '-H',
      'content-type: application/json',
      '-d',
      JSON.stringify({ text: 'card 4111 1111 1111 1111' }),
      `${server.url}/v1/scan`,
    ])
    const body = JSON.parse(stdout) as { findings: { type: string }[] }
    assert.equal(body.findings[0]?.type, 'CREDIT_CARD')
  })
})
