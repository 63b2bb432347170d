import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import { BodyDecodeError, decodeBody, extractBodyTexts } from './body-texts.ts'
import { parseProxyAuthorization } from './proxy-auth.ts'

describe('extractBodyTexts', () => {
  it('takes every string leaf of JSON, in order, and rebuilds with replacements', () => {
    const body = Buffer.from(JSON.stringify({ a: 'one', b: [1, 'two', { c: 'three' }], d: null, e: true }))
    const got = extractBodyTexts('application/json; charset=utf-8', body)
    assert.deepEqual(got.texts, ['one', 'two', 'three'])
    assert.deepEqual(JSON.parse(got.rebuild([{ index: 2, text: 'THREE' }]).toString()), {
      a: 'one',
      b: [1, 'two', { c: 'THREE' }],
      d: null,
      e: true,
    })
    assert.deepEqual(extractBodyTexts('application/vnd.api+json', Buffer.from('"x"')).texts, ['x'])
  })

  it('takes form values (UTF-8) and rebuilds them encoded', () => {
    const body = Buffer.from(new URLSearchParams({ q: '주민번호 확인', n: '2' }).toString())
    const got = extractBodyTexts('application/x-www-form-urlencoded', body)
    assert.deepEqual(got.texts, ['주민번호 확인', '2'])
    const rebuilt = new URLSearchParams(got.rebuild([{ index: 0, text: '<X>' }]).toString())
    assert.equal(rebuilt.get('q'), '<X>')
    assert.equal(rebuilt.get('n'), '2')
  })

  it('reads multipart text parts and small text files, flags binary, images and audio, and rebuilds byte-exact elsewhere', () => {
    const b = 'XyZ'
    const body = Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="prompt"\r\n\r\nhello 본문\r\n`),
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nfile text\r\n`,
      ),
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="img"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff]),
      Buffer.from(`\r\n--${b}--\r\n`),
    ])
    const got = extractBodyTexts(`multipart/form-data; boundary=${b}`, body)
    assert.deepEqual(got.texts, ['hello 본문', 'file text'])
    assert.deepEqual(got.content, { files: true, images: true, audio: false })
    assert.deepEqual(got.rebuild([]), body, 'no replacement: the same bytes')
    const rebuilt = got.rebuild([{ index: 1, text: 'FILE' }])
    assert.ok(rebuilt.includes(Buffer.from('\r\n\r\nFILE\r\n')))
    assert.ok(rebuilt.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff])), 'binary part kept intact')
    assert.throws(
      () =>
        extractBodyTexts(
          `multipart/form-data; boundary=${b}`,
          Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="x"\r\n\r\ncut`),
        ),
      BodyDecodeError,
    )
  })

  it('reads unknown types as text when they are UTF-8, else counts them as a file', () => {
    assert.deepEqual(extractBodyTexts('text/plain', Buffer.from('plain words')).texts, ['plain words'])
    assert.deepEqual(extractBodyTexts(undefined, Buffer.from('not json {')).texts, ['not json {'])
    const bin = extractBodyTexts('application/octet-stream', Buffer.from([0xff, 0xfe, 0x00]))
    assert.deepEqual(bin.texts, [])
    assert.equal(bin.content.files, true)
    assert.deepEqual(extractBodyTexts('audio/ogg', Buffer.from([0, 1])).content, {
      files: true,
      images: false,
      audio: true,
    })
    assert.deepEqual(extractBodyTexts('application/json', Buffer.alloc(0)).texts, [])
  })
})

describe('decodeBody', () => {
  it('undoes gzip and refuses encodings it cannot read', () => {
    assert.equal(decodeBody('gzip', gzipSync(Buffer.from('zipped'))).toString(), 'zipped')
    assert.equal(decodeBody(undefined, Buffer.from('x')).toString(), 'x')
    assert.throws(() => decodeBody('zstd', Buffer.from('x')), /unsupported content encoding 'zstd'/)
    assert.throws(() => decodeBody('gzip', Buffer.from('not gzip')), BodyDecodeError)
  })
})

describe('parseProxyAuthorization', () => {
  it('reads Basic credentials; the password may contain colons', () => {
    const header = `Basic ${Buffer.from('kim:sk:with:colons').toString('base64')}`
    assert.deepEqual(parseProxyAuthorization(header), { user: 'kim', key: 'sk:with:colons' })
    assert.equal(parseProxyAuthorization('Bearer abc'), undefined)
    assert.equal(parseProxyAuthorization(undefined), undefined)
    assert.equal(parseProxyAuthorization(`Basic ${Buffer.from('nocolon').toString('base64')}`), undefined)
  })
})
