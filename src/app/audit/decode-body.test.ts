import assert from 'node:assert/strict'
import { test } from 'node:test'
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync, zstdCompressSync } from 'node:zlib'
import { decodeContentEncoding } from './decode-body.ts'

const text = Buffer.from(JSON.stringify({ prompt: 'hello there', n: 1 }))
const asText = (r: ReturnType<typeof decodeContentEncoding>) =>
  r.ok ? Buffer.from(r.bytes).toString() : r.reason

test('gzip, deflate (zlib and raw), br, zstd and stacked codings are undone', () => {
  assert.equal(asText(decodeContentEncoding(gzipSync(text), 'gzip')), text.toString())
  assert.equal(asText(decodeContentEncoding(gzipSync(text), 'x-gzip')), text.toString())
  assert.equal(asText(decodeContentEncoding(deflateSync(text), 'deflate')), text.toString())
  assert.equal(asText(decodeContentEncoding(deflateRawSync(text), 'deflate')), text.toString())
  assert.equal(asText(decodeContentEncoding(brotliCompressSync(text), 'br')), text.toString())
  assert.equal(asText(decodeContentEncoding(zstdCompressSync(text), 'zstd')), text.toString())
  const stacked = decodeContentEncoding(brotliCompressSync(gzipSync(text)), 'gzip, br')
  assert.equal(asText(stacked), text.toString())
  assert.deepEqual(stacked.ok && stacked.steps, ['br', 'gzip'])
  assert.equal(asText(decodeContentEncoding(text, undefined)), text.toString())
  assert.equal(asText(decodeContentEncoding(text, 'identity')), text.toString())
})

test('a decompression bomb stops at the bound; corrupt and unknown codings are reasons, not throws', () => {
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024))
  assert.ok(bomb.length < 100_000)
  const r = decodeContentEncoding(bomb, 'gzip', 1024 * 1024)
  assert.equal(r.ok, false)
  assert.match(asText(r), /expands beyond 1048576 bytes/)
  assert.match(asText(decodeContentEncoding(Buffer.from('not gzip at all'), 'gzip')), /gzip body is corrupt/)
  assert.match(asText(decodeContentEncoding(text, 'compress')), /unsupported content encoding 'compress'/)
})
