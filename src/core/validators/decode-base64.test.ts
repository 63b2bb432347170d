import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decodeBase64, maxBase64Length } from './decode-base64.ts'

describe('decodeBase64', () => {
  // RFC 4648 §10 test vectors, padded and unpadded, plus the URL-safe alphabet.
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['', ''],
    ['Zg==', 'f'],
    ['Zm8=', 'fo'],
    ['Zm9v', 'foo'],
    ['Zm9vYg', 'foob'],
    ['Zm9vYmE=', 'fooba'],
    ['Zm9vYmFy', 'foobar'],
    ['dXNlcjpwYXNzd29yZA==', 'user:password'],
    ['-_8', '\xfb\xff'],
    ['+/8=', '\xfb\xff'],
  ]
  for (const [input, output] of cases) {
    it(`decodes ${JSON.stringify(input)} when the input is well formed`, () => {
      assert.equal(decodeBase64(input), output)
    })
  }
  for (const input of ['Zm9vY', 'Zm9v!', 'Zg===', '한국']) {
    it(`returns undefined when given ${JSON.stringify(input)}`, () => {
      assert.equal(decodeBase64(input), undefined)
    })
  }
  it('returns undefined when the input is longer than the cap', () => {
    assert.equal(decodeBase64('A'.repeat(maxBase64Length + 4)), undefined)
  })
})
