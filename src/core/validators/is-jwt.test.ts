import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isJwt } from './is-jwt.ts'

// base64url of the JSON shown beside each constant.
const b64url: Readonly<Record<string, string>> = {
  '{"alg":"none"}': 'eyJhbGciOiJub25lIn0',
  '{"typ":"JWT"}': 'eyJ0eXAiOiJKV1QifQ',
  '{"alg":1}': 'eyJhbGciOjF9',
  '{"alg":"HS256"': 'eyJhbGciOiJIUzI1NiI',
  '"HS256"': 'IkhTMjU2Ig',
  '{"alg":"HS256"}': 'eyJhbGciOiJIUzI1NiJ9',
}
const enc = (json: string): string => b64url[json] ?? ''
const payload = 'eyJzdWIiOiIxMjM0NTY3ODkwIn0' // {"sub":"1234567890"}

describe('isJwt', () => {
  it('accepts the jwt.io example when the header decodes to JSON with alg', () => {
    // The HS256 example token shown on jwt.io.
    const token =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'
    assert.equal(isJwt(token), true)
  })
  it('accepts an empty signature when the token is unsecured (alg none)', () => {
    assert.equal(isJwt(`${enc('{"alg":"none"}')}.${payload}.`), true)
  })
  const invalid: ReadonlyArray<readonly [string, string]> = [
    [`${enc('{"typ":"JWT"}')}.${payload}.c2ln`, 'the header has no alg'],
    [`${enc('{"alg":1}')}.${payload}.c2ln`, 'alg is not a string'],
    [`${enc('{"alg":"HS256"')}.${payload}.c2ln`, 'the header is not JSON'],
    [`${enc('"HS256"')}.${payload}.c2ln`, 'the header is not an object'],
    [`${enc('{"alg":"HS256"}')}.${payload}`, 'there are only two segments'],
    [`${enc('{"alg":"HS256"}')}.${payload}.c2ln.eHg`, 'there are four segments'],
    [`${enc('{"alg":"HS256"}')}..c2ln`, 'the payload is empty'],
    [`${enc('{"alg":"HS256"}')}.${payload}.c2/ln`, 'the signature is not base64url'],
  ]
  for (const [token, why] of invalid) {
    it(`rejects a token when ${why}`, () => {
      assert.equal(isJwt(token), false)
    })
  }
})
