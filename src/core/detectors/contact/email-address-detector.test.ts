import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import { contactDetectors } from './index.ts'

const engine = createDetectionEngine(contactDetectors)
const emails = (text: string) => engine.scan(text).filter((f) => f.type === 'EMAIL_ADDRESS')
const spans = (text: string) => emails(text).map((f) => text.slice(f.start, f.end))

describe('emailAddressDetector', () => {
  const valid: [string, string[]][] = [
    // Presidio test_email_recognizer.py (MIT).
    ['info@presidio.site', ['info@presidio.site']],
    ['my email is info@presidio.site', ['info@presidio.site']],
    [
      'try one of this emails: info@presidio.site or anotherinfo@presidio.site',
      ['info@presidio.site', 'anotherinfo@presidio.site'],
    ],
    ['hong.gildong+tag@example.co.kr', ['hong.gildong+tag@example.co.kr']],
    ['user_name@sub-domain.example.com', ['user_name@sub-domain.example.com']],
    ["o'brien@example.ie", ["o'brien@example.ie"]],
    ['hong@example.한국', ['hong@example.한국']],
    ['admin@회사.한국', ['admin@회사.한국']],
    ['hong@example.co.한국', ['hong@example.co.한국']],
    ['hong@example.xn--3e0b707e', ['hong@example.xn--3e0b707e']],
    ['<hong@example.com>', ['hong@example.com']],
    ['mailto:hong@example.com', ['hong@example.com']],
    ['Write to hong@example.com.', ['hong@example.com']],
    ['git@github.com:owner/repo.git', ['git@github.com']],
    ['user=hong@example.com ip=10.0.0.1', ['hong@example.com']],
    ['/users/hong@example.com', ['hong@example.com']],
  ]
  for (const [text, expected] of valid) {
    it(`finds the address when given ${text}`, () => {
      assert.deepEqual(spans(text), expected)
    })
  }

  const invalid = [
    // Presidio test_email_recognizer.py (MIT): no TLD after the dot.
    'the email is my email is info@presidio.',
    'icon@2x.png',
    'bundle@1.0.js',
    'npm i lodash@4.17.21',
    '@mention in a chat',
    'user@localhost',
    'a..b@example.com',
    'user.@example.com',
    'x@y.c',
    `${'a'.repeat(65)}@example.com`,
    'look at example.com',
    'reach me at example dot com',
    'I work at dotnet.com',
    'meet at noon dot',
    'user@example.c0m',
  ]
  for (const text of invalid) {
    it(`finds no address when given ${text.slice(0, 40)}`, () => {
      assert.deepEqual(spans(text), [])
    })
  }

  const particles: [string, string][] = [
    ['메일은 hong@example.com으로 보내', 'hong@example.com'],
    ['메일은hong@example.com 입니다', 'hong@example.com'],
    ['이메일:hong@example.com입니다.', 'hong@example.com'],
    ['hong@example.co.kr에서 왔습니다', 'hong@example.co.kr'],
    ['hong@example.한국으로', 'hong@example.한국'],
    ['hong@mail.회사.한국으로', 'hong@mail.회사.한국'],
    ['a.b@sub.example.co.kr입니다.다음', 'a.b@sub.example.co.kr'],
  ]
  for (const [text, span] of particles) {
    it(`keeps particles and glued labels outside the span when given ${text}`, () => {
      assert.deepEqual(spans(text), [span])
    })
  }

  it('maps a full-width address back to the original text', () => {
    const text = '메일 ｈｏｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ으로'
    assert.deepEqual(spans(text), ['ｈｏｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ'])
  })

  it('ignores zero-width characters inside an address', () => {
    const text = 'hong\u200b@example.com'
    assert.deepEqual(spans(text), [text])
  })

  const obfuscated: [string, string][] = [
    ['hong [at] example [dot] com', 'hong [at] example [dot] com'],
    ['hong(at)example.com', 'hong(at)example.com'],
    ['HONG [AT] EXAMPLE [DOT] COM', 'HONG [AT] EXAMPLE [DOT] COM'],
    ['hong@example[dot]co[dot]kr', 'hong@example[dot]co[dot]kr'],
    ['hong[@]example.com', 'hong[@]example.com'],
    ['hong골뱅이example.com', 'hong골뱅이example.com'],
    ['john at example dot com', 'john at example dot com'],
  ]
  for (const [text, span] of obfuscated) {
    it(`finds an obfuscated address when given ${text}`, () => {
      const found = emails(text)
      assert.deepEqual(
        found.map((f) => [text.slice(f.start, f.end), f.subtype]),
        [[span, 'obfuscated']],
      )
    })
  }

  it('scores obfuscated addresses below plain ones', () => {
    const [plain] = emails('hong@example.com')
    const [bracketed] = emails('hong [at] example [dot] com')
    const [spelled] = emails('hong at example dot com')
    assert.ok(plain && bracketed && spelled)
    assert.ok(plain.score > bracketed.score && bracketed.score > spelled.score)
  })

  it('raises the score when an email label is near', () => {
    const [plain] = emails('see hong@example.com')
    const [labelled] = emails('email: hong@example.com')
    assert.ok(plain && labelled && labelled.score > plain.score)
  })

  it('scores an unfamiliar TLD lower than a well-known one', () => {
    const [known] = emails('hong@example.com')
    const [odd] = emails('hong@example.corp')
    assert.ok(known && odd && odd.score < known.score && odd.score >= 0.5)
  })

  it('is not reported as a URL', () => {
    assert.deepEqual(
      engine.scan('hong@example.com').map((f) => f.type),
      ['EMAIL_ADDRESS'],
    )
  })
})
