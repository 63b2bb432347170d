import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildHar, type HttpExchange, harEntry } from '../../../test/support/capture-fixtures.ts'
import { readCaptureBytes, text } from '../../../test/support/read-capture-bytes.ts'

const chat: HttpExchange = {
  kind: 'http',
  scheme: 'https',
  time: '2026-04-02T08:30:00.250Z',
  clientIp: '10.0.0.2',
  serverIp: '14.103.2.10',
  host: 'ark.cn-beijing.volces.com',
  method: 'POST',
  path: '/api/v3/chat/completions',
  requestHeaders: [['Content-Type', 'application/json']],
  requestBody: JSON.stringify({
    model: 'deepseek-chat',
    messages: [{ role: 'user', content: '내 주민번호는 900101-1234567 입니다 ✓' }],
  }),
  responseHeaders: [['Content-Type', 'application/json']],
  responseBody: '{"id":"x"}',
}

const har = (entries: unknown[]): string =>
  JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries } })

describe('HAR reader', () => {
  it('reads entries: time, URL, headers, postData text, response content, server IP', async () => {
    const { source, flows, warnings } = await readCaptureBytes(buildHar([chat]), 'a.har')
    assert.equal(source.format, 'har')
    assert.deepEqual(warnings, [])
    const f = flows[0]
    assert.equal(f?.time, '2026-04-02T08:30:00.250Z')
    assert.equal(f?.host, 'ark.cn-beijing.volces.com')
    assert.equal(f?.hostEvidence, 'url')
    assert.equal(f?.scheme, 'https')
    assert.equal(f?.serverPort, 443)
    assert.equal(f?.serverIp, '14.103.2.10')
    assert.equal(f?.url, 'https://ark.cn-beijing.volces.com/api/v3/chat/completions')
    assert.equal(f?.path, '/api/v3/chat/completions')
    assert.equal(f?.method, 'POST')
    assert.equal(f?.status, 200)
    assert.equal(text(f?.requestBody), chat.requestBody)
    assert.equal(f?.requestContentType, 'application/json')
    assert.equal(text(f?.responseBody), '{"id":"x"}')
    assert.equal(f?.responseContentType, 'application/json')
    assert.equal(f?.encrypted, false)
    assert.deepEqual(f?.requestHeaders?.[0], ['Host', 'ark.cn-beijing.volces.com'])
  })

  it('streams in tiny chunks (multi-byte UTF-8 split across chunks) with identical results', async () => {
    const file = buildHar([chat, { ...chat, time: '2026-04-02T08:31:00Z', path: '/2' }])
    const whole = await readCaptureBytes(file, 'a.har')
    const tiny = await readCaptureBytes(file, 'a.har', { chunkBytes: 3 })
    assert.deepEqual(tiny.warnings, [])
    assert.deepEqual(tiny.flows, whole.flows)
    assert.equal(tiny.flows.length, 2)
  })

  it('decodes base64 response content and builds bodies from postData params', async () => {
    const binary = new Uint8Array([0, 1, 2, 250, 251, 252])
    const entry = harEntry({ ...chat, responseBody: binary })
    const request = entry.request as Record<string, unknown>
    const form = {
      ...entry,
      request: {
        ...request,
        postData: {
          mimeType: 'application/x-www-form-urlencoded',
          params: [
            { name: 'q', value: 'a b&c' },
            { name: 'imei', value: '490154203237518' },
          ],
        },
      },
    }
    const multipart = {
      ...entry,
      request: {
        ...request,
        postData: {
          mimeType: 'multipart/form-data; boundary=XyZ',
          params: [{ name: 'file', fileName: 'a.txt', contentType: 'text/plain', value: 'secret' }],
        },
      },
    }
    const { flows, warnings } = await readCaptureBytes(har([entry, form, multipart]), 'b.har')
    assert.deepEqual(warnings, [])
    assert.deepEqual([...(flows[0]?.responseBody ?? [])], [...binary])
    assert.equal(text(flows[1]?.requestBody), 'q=a%20b%26c&imei=490154203237518')
    assert.equal(flows[1]?.requestContentType, 'application/x-www-form-urlencoded')
    assert.equal(
      text(flows[2]?.requestBody),
      '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nsecret\r\n--XyZ--\r\n',
    )
    assert.equal(flows[2]?.requestContentType, 'multipart/form-data; boundary=XyZ')
  })

  it('takes an address in the URL as the server IP, not as a host name', async () => {
    const { serverIPAddress: _, ...entry } = harEntry({ ...chat, host: '[2001:db8::7]' })
    const { flows } = await readCaptureBytes(har([entry]), 'ip.har')
    assert.equal(flows[0]?.host, undefined)
    assert.equal(flows[0]?.serverIp, '2001:db8::7')
  })

  it('strips brackets of an IPv6 serverIPAddress and keeps entries without one', async () => {
    const a = { ...harEntry(chat), serverIPAddress: '[2001:db8::1]' }
    const { serverIPAddress: _, ...b } = harEntry(chat)
    const { flows } = await readCaptureBytes(har([a, b]), 'c.har')
    assert.equal(flows[0]?.serverIp, '2001:db8::1')
    assert.equal(flows[1]?.serverIp, undefined)
  })

  it('keeps the entries before a syntax error and warns', async () => {
    const good = buildHar([chat, { ...chat, path: '/second' }])
    const broken = good
      .replace('"/second"', '')
      .replace(/"url": "https:\/\/ark\.cn-beijing\.volces\.com\/second"/, '"url": "x" ]]]')
    const { flows, warnings } = await readCaptureBytes(broken, 'd.har')
    assert.equal(flows.length, 1)
    assert.equal(flows[0]?.path, '/api/v3/chat/completions')
    assert.match(warnings[0]?.message ?? '', /HAR's JSON is malformed before byte \d+ .*1 entries read/)
  })

  it('keeps the entries of a HAR cut short and warns', async () => {
    const good = buildHar([chat, { ...chat, path: '/second' }])
    const { flows, warnings } = await readCaptureBytes(good.slice(0, Math.floor(good.length * 0.75)), 'e.har')
    assert.equal(flows.length, 1)
    assert.match(warnings[0]?.message ?? '', /ends before its JSON is complete/)
  })

  it('warns about entries without a request URL and about JSON that is not a HAR', async () => {
    const r1 = await readCaptureBytes(har([{ startedDateTime: 'x' }, harEntry(chat)]), 'f.har')
    assert.equal(r1.flows.length, 1)
    assert.equal(r1.warnings[0]?.where, 'log.entries[0]')
    assert.match(r1.warnings[0]?.message ?? '', /without request\.url/)
    const r2 = await readCaptureBytes('{"hello": [1, 2, {"log": 1}]}', 'g.json')
    assert.equal(r2.source.format, 'har')
    assert.equal(r2.flows.length, 0)
    assert.match(r2.warnings[0]?.message ?? '', /no log\.entries array/)
  })

  it('never throws on cut or mutated HARs (fuzz, fixed seed)', async () => {
    const base = buildHar([
      chat,
      { ...chat, path: '/2', requestBody: '{"a":"\\\\\\"q\\"","b":[1,2,{"c":null}]}' },
    ])
    let seed = 7
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed % n
    }
    for (let round = 0; round < 60; round++) {
      const chars = [...base]
      for (let k = 0; k < 1 + rand(5); k++) chars[rand(chars.length)] = '{}[]",:\\ x1'[rand(12)] as string
      const { source } = await readCaptureBytes(chars.join('').slice(0, base.length - rand(400)), 'f.har', {
        chunkBytes: 1 + rand(64),
      })
      assert.equal(source.sha256.length, 64)
    }
  })
})
