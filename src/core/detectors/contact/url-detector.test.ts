import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import { contactDetectors } from './index.ts'

const engine = createDetectionEngine(contactDetectors)
const urls = (text: string) => engine.scan(text).filter((f) => f.type === 'URL')
const spans = (text: string) => urls(text).map((f) => text.slice(f.start, f.end))

describe('urlDetector', () => {
  // Presidio test_url_recognizer.py (MIT), the scheme and www cases. Presidio also reports a bare
  // "microsoft.com"; Sluice reports bare hosts only with a path, so that case is in `bare` below.
  const presidio = [
    'https://www.microsoft.com/',
    'http://www.microsoft.com/',
    'http://www.microsoft.com',
    'http://microsoft.com',
    'http://microsoft.site',
    'http://microsoft.webcam',
    'http://microsoft.vlaanderen',
    'https://webhook.site/324d38de-dc6b-4920-9c3e-813f7cf78729?q=1&b=2',
    'https://www.microsoft.com/store/abc/',
  ]
  for (const text of presidio) {
    it(`finds the whole URL when given ${text}`, () => {
      assert.deepEqual(spans(text), [text])
    })
  }

  const valid: [string, string][] = [
    ['see https://example.com/a?b=1#c now', 'https://example.com/a?b=1#c'],
    ['ftp://user:pw@files.example.com/pub/x.tar.gz', 'ftp://user:pw@files.example.com/pub/x.tar.gz'],
    ['http://localhost:3000/api/v1', 'http://localhost:3000/api/v1'],
    ['http://10.0.0.1:8080/health', 'http://10.0.0.1:8080/health'],
    ['http://[2001:db8::1]/path', 'http://[2001:db8::1]/path'],
    ['www.naver.com', 'www.naver.com'],
    ['Go to www.naver.com.', 'www.naver.com'],
    ['github.com/owner/repo', 'github.com/owner/repo'],
    ['docs.python.org/3/library', 'docs.python.org/3/library'],
    ['www.mois.go.kr/frt/a01', 'www.mois.go.kr/frt/a01'],
    ['mois.go.kr/frt/a01', 'mois.go.kr/frt/a01'],
    ['https://한국인터넷진흥원.한국/path', 'https://한국인터넷진흥원.한국/path'],
    ['https://ko.wikipedia.org/wiki/%ED%95%9C%EA%B5%AD', 'https://ko.wikipedia.org/wiki/%ED%95%9C%EA%B5%AD'],
    ['https://en.wikipedia.org/wiki/Foo_(bar)', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
  ]
  for (const [text, span] of valid) {
    it(`finds the URL when given ${text}`, () => {
      assert.deepEqual(spans(text), [span])
    })
  }

  const trimmed: [string, string][] = [
    ['Visit https://example.com/a.', 'https://example.com/a'],
    ['(see https://example.com/a)', 'https://example.com/a'],
    ['https://example.com/a?b=1, then', 'https://example.com/a?b=1'],
    ["'https://example.com/a'", 'https://example.com/a'],
    ['https://example.com/a!?', 'https://example.com/a'],
    ['[https://example.com/x]', 'https://example.com/x'],
  ]
  for (const [text, span] of trimmed) {
    it(`drops trailing punctuation and unbalanced brackets when given ${text}`, () => {
      assert.deepEqual(spans(text), [span])
    })
  }

  const particles: [string, string][] = [
    ['see example.com/path로 가세요', 'example.com/path'],
    ['https://www.example.com에서 확인', 'https://www.example.com'],
    ['https://example.com/경로', 'https://example.com/'],
    ['사이트는https://example.com/a입니다', 'https://example.com/a'],
    ['링크:www.example.com을 보세요', 'www.example.com'],
  ]
  for (const [text, span] of particles) {
    it(`keeps particles and glued labels outside the span when given ${text}`, () => {
      assert.deepEqual(spans(text), [span])
    })
  }

  it('maps a full-width URL back to the original text', () => {
    const text = 'ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ／ａ 참고'
    assert.deepEqual(spans(text), ['ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ／ａ'])
  })

  const negatives = [
    // Presidio test_url_recognizer.py (MIT) invalid cases.
    'www.microsoft',
    'http://microsoft',
    'microsoft.com',
    'hong@example.com',
    'hong@www.example.com',
    'mailto:hong@example.com',
    'config.yaml/foo',
    'src/app.ts/foo',
    'example.zz/path',
    'path/example.com/x',
    'version 1.2.3',
    'https://',
  ]
  for (const text of negatives) {
    it(`finds no URL when given ${text}`, () => {
      assert.deepEqual(spans(text), [])
    })
  }

  it('scores scheme URLs above bare hosts', () => {
    const [scheme] = urls('https://github.com/a')
    const [bare] = urls('github.com/a')
    assert.ok(scheme && bare && scheme.score > bare.score && bare.score >= 0.5)
  })

  it('wins over an IP address inside it', () => {
    assert.deepEqual(
      engine.scan('서버 http://10.0.0.1:8080/x').map((f) => f.type),
      ['URL'],
    )
  })
})
