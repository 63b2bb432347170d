import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import type { Finding } from '../../detection/finding.ts'
import { financialDeviceDetectors } from './index.ts'
import { secretDetector, secretScores } from './secret-detector.ts'

const engine = createDetectionEngine([secretDetector])
const all = createDetectionEngine(financialDeviceDetectors)
const found = (text: string): Finding[] => engine.scan(text)
const spans = (text: string): string[] => found(text).map((f) => text.slice(f.start, f.end))

// Fake credentials are assembled at run time from a fixed pseudo-random stream, so this file holds
// no string a secret scanner (or GitHub push protection) would mistake for a live key.
let stream = 0x2545f491
function fake(
  length: number,
  alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
): string {
  let out = ''
  for (let i = 0; i < length; i++) {
    // mulberry32 step: enough spread that every character class shows up.
    stream = (stream + 0x6d2b79f5) | 0
    let t = Math.imul(stream ^ (stream >>> 15), 1 | stream)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    out += alphabet.charAt(((t ^ (t >>> 14)) >>> 0) % alphabet.length)
  }
  return out
}
const hex = '0123456789abcdef'
const jwt =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'

describe('secretDetector', () => {
  const providers: ReadonlyArray<readonly [string, string]> = [
    [['sk', 'ant', 'api03', fake(93)].join('-'), 'anthropic'],
    [['sk', 'proj', fake(48)].join('-'), 'openai'],
    [`sk-${fake(20)}T3BlbkFJ${fake(20)}`, 'openai'],
    [`sk-${fake(32, hex)}`, 'api_key'],
    // AWS's documented example access key id.
    ['AKIAIOSFODNN7EXAMPLE', 'aws_access_key_id'],
    [`ASIA${fake(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`, 'aws_access_key_id'],
    [`gh${'p'}_${fake(36)}`, 'github'],
    [`gh${'s'}_${fake(36)}`, 'github'],
    [`github_${'pat'}_${fake(22)}_${fake(59)}`, 'github'],
    [`gl${'pat'}-${fake(20)}`, 'gitlab'],
    [['xox' + 'b', '1234567890', '1234567890123', fake(24)].join('-'), 'slack'],
    [`AI${'za'}${fake(35)}`, 'google_api_key'],
    [['sk', 'live', fake(24)].join('_'), 'stripe'],
    [['rk', 'live', fake(24)].join('_'), 'stripe'],
    [`hf_${fake(34)}`, 'huggingface'],
    [`npm_${fake(36)}`, 'npm'],
    [`SK${fake(32, hex)}`, 'twilio'],
    [`SG.${fake(22)}.${fake(43)}`, 'sendgrid'],
    [jwt, 'jwt'],
  ]
  for (const [token, subtype] of providers) {
    it(`finds a ${subtype} credential when it appears in a sentence`, () => {
      const text = `my key is ${token}. thanks`
      const list = found(text)
      assert.deepEqual(
        list.map((f) => text.slice(f.start, f.end)),
        [token],
      )
      assert.equal(list[0]?.subtype, subtype)
      assert.ok((list[0]?.score ?? 0) >= 0.8)
    })
  }

  const negatives: ReadonlyArray<readonly [string, string]> = [
    [`sk-${'x'.repeat(40)}`, 'the key body is a placeholder'],
    [`gh${'p'}_${'0'.repeat(36)}`, 'the token body is zeros'],
    ['task-sk-12345', 'sk- sits inside another word'],
    ['the bearer of this letter', 'bearer is prose'],
    ['Basic English is easy', 'Basic is prose'],
    ['Authorization: Basic aGVsbG8gd29ybGQ=', 'Basic decodes to text without a colon'],
    ['eyJzdWIiOiIxMjM0NTY3ODkwIn0.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2ln', 'the JWT header has no alg'],
  ]
  for (const [text, why] of negatives) {
    it(`finds nothing when ${why}`, () => {
      assert.deepEqual(spans(text), [])
    })
  }

  it('spans the credential only when an Authorization header carries Bearer or Basic', () => {
    const token = fake(40)
    assert.deepEqual(spans(`Authorization: Bearer ${token}`), [token])
    assert.equal(found(`Authorization: Bearer ${token}`)[0]?.score, secretScores.bearerWithHeader)
    assert.equal(found(`curl -H "Bearer ${token}"`)[0]?.score, secretScores.bearer)
    assert.deepEqual(spans(`Authorization: Bearer ${jwt}`), [jwt])
    // "user:password" in base64.
    const basic = found('Authorization: Basic dXNlcjpwYXNzd29yZA==')
    assert.equal(basic[0]?.subtype, 'basic_auth')
    assert.equal(basic[0]?.score, secretScores.basic)
  })

  it('spans a private key block from BEGIN through END when both lines are present', () => {
    const block = `-----BEGIN RSA PRIVATE KEY-----\n${fake(64)}\n${fake(64)}\n-----END RSA PRIVATE KEY-----`
    const text = `here is my key:\n${block}\nthanks`
    const list = found(text)
    assert.deepEqual(
      list.map((f) => text.slice(f.start, f.end)),
      [block],
    )
    assert.equal(list[0]?.subtype, 'private_key')
    assert.equal(list[0]?.score, secretScores.privateKey)
  })

  it('spans the base64 body when a private key block is cut off before END', () => {
    const body = `-----BEGIN OPENSSH PRIVATE KEY-----\n${fake(70)}\n${fake(70)}`
    const text = `${body}\nwhat does this mean?`
    assert.deepEqual(spans(text), [body])
    assert.equal(found(text)[0]?.score, secretScores.privateKeyTruncated)
  })

  it('ignores public material when the armour is a certificate or public key', () => {
    assert.deepEqual(spans(`-----BEGIN CERTIFICATE-----\n${fake(64)}\n-----END CERTIFICATE-----`), [])
    assert.deepEqual(spans(`-----BEGIN PUBLIC KEY-----\n${fake(64)}\n-----END PUBLIC KEY-----`), [])
  })

  it('spans the key when a service-account JSON escapes its newlines', () => {
    const block = `-----BEGIN PRIVATE KEY-----\\n${fake(64)}\\n-----END PRIVATE KEY-----`
    const text = `{"type": "service_account", "private_key": "${block}\\n", "client_email": "a@b.iam"}`
    assert.deepEqual(spans(text), [block])
  })

  it('stays linear when dotted runs start with eyJ over and over', () => {
    const text = 'eyJabcdefgh.'.repeat(50000)
    const t0 = performance.now()
    assert.deepEqual(found(text), [])
    assert.ok(performance.now() - t0 < 2000)
  })

  it('stays linear when many BEGIN lines have no END', () => {
    const text = `-----BEGIN PRIVATE KEY-----\n${fake(8)}\n`.repeat(20000)
    const t0 = performance.now()
    assert.equal(found(text).length, 20000)
    assert.ok(performance.now() - t0 < 2000)
  })

  it('keeps a Korean particle outside the span when it is glued to a key', () => {
    const key = ['sk', 'proj', fake(48)].join('-')
    assert.deepEqual(spans(`API 키는 ${key}입니다`), [key])
    assert.deepEqual(spans(`토큰 ${jwt}을 붙여넣었어요`), [jwt])
  })

  it('maps full-width text back to original offsets when the text is normalised', () => {
    // Full-width forms (U+FF01…U+FF5E) of an HS256 header and a tiny payload; NFKC folds them back.
    const wide = (ascii: string): string =>
      [...ascii].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('')
    const token = wide('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI4In0.c2ln')
    const text = `${wide('Bearer')}\u3000${token}로`
    const [f] = all.scan(text)
    assert.equal(f?.subtype, 'jwt')
    assert.equal(text.slice(f?.start, f?.end), token)
  })

  it('reports the provider once when a known key is assigned to a variable', () => {
    const key = ['sk', 'proj', fake(48)].join('-')
    const text = `OPENAI_API_KEY=${key}`
    const list = all.scan(text)
    assert.deepEqual(
      list.map((f) => [text.slice(f.start, f.end), f.subtype]),
      [[key, 'openai']],
    )
  })
})
