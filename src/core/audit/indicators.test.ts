import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { test } from 'node:test'
import { analysePayloads, maskValue } from './analyse-payloads.ts'
import { indicatorForms, matchIndicators, parseIndicators } from './indicators.ts'

const indicators = parseIndicators({
  indicators: [
    { name: 'test phone', kind: 'imei', value: '356938035643809' },
    { name: 'account', kind: 'email', value: 'Investigator@Example.org' },
    { name: 'canary', kind: 'canary', value: 'purple walrus 4417' },
  ],
})
const forms = indicatorForms(indicators)
const sha = (a: string, v: string) => createHash(a).update(v).digest('hex')

test('indicator forms: plain, URL, base64, hex, MD5/SHA-1/SHA-256 in lower and upper case', () => {
  const cases: [string, string][] = [
    ['imei=356938035643809', 'plain'],
    [`x=${encodeURIComponent('purple walrus 4417')}`, 'url'],
    ['x=purple+walrus+4417', 'url'],
    [`d=${Buffer.from('356938035643809').toString('base64')}`, 'base64'],
    [`d=${Buffer.from('356938035643809').toString('hex')}`, 'hex'],
    [`d=${Buffer.from('purple walrus 4417').toString('hex').toUpperCase()}`, 'hex-upper'],
    [`h=${sha('md5', '356938035643809')}`, 'md5'],
    [`h=${sha('sha1', '356938035643809').toUpperCase()}`, 'sha1-upper'],
    [`h=${sha('sha256', 'investigator@example.org')}`, 'sha256'],
    ['mail=INVESTIGATOR@example.ORG', 'plain'],
  ]
  for (const [text, form] of cases) {
    const hits = matchIndicators(forms, text)
    assert.ok(
      hits.some((h) => h.form.form === form),
      `${text} → ${form}; got ${hits.map((h) => h.form.form)}`,
    )
  }
  assert.deepEqual(matchIndicators(forms, 'nothing to see 35693803564380'), [])
  assert.throws(
    () => parseIndicators({ indicators: [{ name: 'x', kind: 'imei', value: '12' }] }),
    /at least 4/,
  )
  assert.throws(() => parseIndicators({ indicators: [{ name: 'x', kind: 'shoe', value: '1234' }] }), /kind/)
})

test('analysePayloads: confirmed indicator findings note the form and the decoding path', () => {
  const inner = Buffer.from(JSON.stringify({ d: { imei: '356938035643809' } })).toString('base64')
  const found = analysePayloads(
    {
      headers: [['X-Mail-Hash', sha('md5', 'investigator@example.org')]],
      body: {
        text: `blob=${encodeURIComponent(inner)}`,
        contentType: 'application/x-www-form-urlencoded',
        where: 'body → gzip',
      },
    },
    { indicatorForms: forms, minScore: 0.6, aiDestination: false },
  )
  const imei = found.find((f) => f.method === 'indicator' && f.indicator === 'test phone')
  assert.equal(imei?.confidence, 'confirmed')
  assert.equal(imei?.category, 'device_information')
  assert.equal(imei?.form, 'base64 → plain')
  assert.equal(imei?.where, 'body → gzip → form blob → base64 → JSON $.d.imei')
  const mail = found.find((f) => f.indicator === 'account')
  assert.equal(mail?.form, 'md5')
  assert.equal(mail?.where, 'header X-Mail-Hash')
  assert.equal(mail?.category, 'personal_identifier')
  // Structural: the imei key itself is device information.
  assert.ok(found.some((f) => f.method === 'structural' && f.category === 'device_information'))
})

test('maskValue shows two characters and the length only', () => {
  assert.equal(maskValue('356938035643809'), '35•••••••••••• (15 chars)')
  assert.equal(maskValue('abc'), '••• (3 chars)')
})

test('value digests are keyed: same value and key agree, another key differs', async () => {
  const { valueDigest } = await import('./analyse-payloads.ts')
  const k1 = new Uint8Array(32).fill(1)
  assert.equal(valueDigest('356938035643809', k1), valueDigest('356938035643809', k1))
  assert.notEqual(
    valueDigest('356938035643809', k1),
    valueDigest('356938035643809', new Uint8Array(32).fill(2)),
  )
  assert.notEqual(valueDigest('356938035643809', k1), sha('sha256', '356938035643809').slice(0, 16))
  assert.match(valueDigest('x', k1), /^[0-9a-f]{16}$/)
})
