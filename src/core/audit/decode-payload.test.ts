import assert from 'node:assert/strict'
import { test } from 'node:test'
import { decodeBase64Text, decodeJwt, decodePayload, decodeQuery } from './decode-payload.ts'

const find = (values: ReturnType<typeof decodePayload>, text: string) => values.find((v) => v.text === text)

test('JSON: every string leaf with its path and key path; containers marked', () => {
  const values = decodePayload(
    JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hello there' }], 'odd key': 3 }),
    'application/json',
  )
  assert.equal(values[0]?.container, true)
  const content = find(values, 'hello there')
  assert.equal(content?.where, 'body → JSON $.messages[0].content')
  assert.deepEqual(content?.keys, ['messages', '[]', 'content'])
  assert.equal(find(values, '3')?.where, 'body → JSON $["odd key"]')
})

test('form, query, nested base64 JSON and JWT', () => {
  const inner = Buffer.from(JSON.stringify({ idfa: 'AEBE52E7-03EE-455A-B3C4-E57283966239' })).toString(
    'base64',
  )
  const values = decodePayload(
    `a=1&payload=${encodeURIComponent(inner)}&q=two+words`,
    'application/x-www-form-urlencoded',
  )
  assert.equal(find(values, 'two words')?.where, 'body → form q')
  const idfa = find(values, 'AEBE52E7-03EE-455A-B3C4-E57283966239')
  assert.equal(idfa?.where, 'body → form payload → base64 → JSON $.idfa')
  assert.deepEqual(idfa?.steps, ['form', 'base64', 'json'])
  assert.deepEqual(idfa?.keys, ['payload', 'idfa'])
  const q = decodeQuery('https://x.example/p?imei=356938035643809&x=%E2%9C%93#frag')
  assert.deepEqual(
    q.map((v) => [v.where, v.text]),
    [
      ['query imei', '356938035643809'],
      ['query x', '✓'],
    ],
  )
  const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const jwt = `${b64url({ alg: 'HS256' })}.${b64url({ email: 'a@b.example' })}.sig`
  assert.deepEqual(decodeJwt(jwt), { email: 'a@b.example' })
  assert.equal(find(decodePayload(`Bearer ${jwt}`, ''), 'a@b.example')?.where, 'body → JWT payload $.email')
})

test('multipart parts and SSE events are decoded', () => {
  const body =
    '--XX\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n{"device_id":"abc-123"}\r\n--XX\r\nContent-Disposition: form-data; name="note"\r\n\r\nplain text\r\n--XX--\r\n'
  const values = decodePayload(body, 'multipart/form-data; boundary=XX')
  assert.equal(find(values, 'abc-123')?.where, 'body → multipart meta → JSON $.device_id')
  assert.equal(find(values, 'plain text')?.where, 'body → multipart note')
  const sse = decodePayload('data: {"text":"one"}\n\ndata: [DONE]\n\n', 'text/event-stream')
  assert.equal(find(sse, 'one')?.where, 'body → SSE event 1 → JSON $.text')
})

test('base64 only when it decodes to readable text; hostile input stays bounded', () => {
  assert.equal(
    decodeBase64Text(Buffer.from('hello world, readable').toString('base64')),
    'hello world, readable',
  )
  assert.equal(decodeBase64Text('deadbeefdeadbeef'), undefined, 'hex identifiers are not base64')
  assert.equal(decodeBase64Text(Buffer.from([0, 1, 2, 255, 254, 3, 4, 5, 6]).toString('base64')), undefined)
  // 100k nested arrays: no stack overflow, and the value count is capped.
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
  assert.ok(decodePayload(deep, 'application/json').length >= 1)
  const many = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => `v${i}`))
  assert.equal(decodePayload(many, 'application/json').length, 5000)
  assert.equal(decodePayload('{"broken": ', 'application/json').length, 1)
})
