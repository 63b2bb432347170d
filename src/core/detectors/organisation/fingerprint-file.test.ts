import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createScanInput } from '../../detection/scan-input.ts'
import { createFingerprintDetector } from './fingerprint-detector.ts'
import { describeFingerprintFileError, parseFingerprintFile, toFingerprintFile } from './fingerprint-file.ts'
import { buildFingerprintSet, type FingerprintSet } from './fingerprint-set.ts'

const key = 'file-test-key-never-stored'
const values = [
  '홍길동',
  '010-1234-5678',
  '01098765432',
  'Acme Corporation',
  'Project Nightingale',
  'EMP-2024-0042',
]

function buildSet(): FingerprintSet {
  const built = buildFingerprintSet({ name: 'customers', key, values })
  assert.ok(built.ok)
  return built.value.set
}

describe('toFingerprintFile', () => {
  const file = toFingerprintFile(buildSet())

  it('writes no value in any form when serialising a set', () => {
    const lower = file.toLowerCase()
    for (const value of values) {
      for (const form of [value, value.toLowerCase(), value.replaceAll('-', ''), ...value.split(/[\s-]/)]) {
        // Short all-hex forms ('2024') could occur in the hex by chance; everything else must not.
        const telling = form.length >= 8 || /[^0-9a-f]/.test(form.toLowerCase())
        if (form !== '' && telling) assert.ok(!lower.includes(form.toLowerCase()), form)
      }
    }
  })

  it('never writes the key when serialising a set', () => {
    assert.ok(!file.includes(key))
  })

  it('round-trips a set that still finds its values when parsed back', () => {
    const parsed = parseFingerprintFile(file)
    assert.ok(parsed.ok)
    assert.deepEqual(parsed.value, buildSet())
    const input = createScanInput('고객 홍길동님, 연락처 01012345678')
    const found = createFingerprintDetector(parsed.value, key).detect(input)
    assert.deepEqual(
      found.map((f) => input.text.slice(f.start, f.end)),
      ['홍길동', '01012345678'],
    )
  })
})

describe('parseFingerprintFile', () => {
  const good = JSON.parse(toFingerprintFile(buildSet())) as Record<string, unknown>
  const cases: { name: string; text: string; expected: Record<string, unknown> }[] = [
    { name: 'rejects text that is not JSON', text: '{"format": ', expected: { kind: 'invalid-json' } },
    {
      name: 'rejects JSON without the format marker',
      text: '{"version": 1}',
      expected: { kind: 'not-a-fingerprint-file' },
    },
    { name: 'rejects a JSON array', text: '[]', expected: { kind: 'not-a-fingerprint-file' } },
    {
      name: 'rejects a version it does not know',
      text: JSON.stringify({ ...good, version: 2 }),
      expected: { kind: 'unsupported-version', version: 2 },
    },
    {
      name: 'names the field when a hash is malformed',
      text: JSON.stringify({ ...good, hashes: ['not-a-hash'] }),
      expected: { kind: 'invalid-field', field: 'hashes.0' },
    },
    {
      name: 'names the field when a bitmap has the wrong size',
      text: JSON.stringify({ ...good, tokenFilter: 'ff' }),
      expected: { kind: 'invalid-field', field: 'tokenFilter' },
    },
    {
      name: 'names the field when tags are cut short',
      text: JSON.stringify({ ...good, runTags: 'abc' }),
      expected: { kind: 'invalid-field', field: 'runTags' },
    },
    {
      name: 'names the field when the shape is missing a bound',
      text: JSON.stringify({ ...good, shape: { tokenCounts: [1] } }),
      expected: { kind: 'invalid-field', field: 'shape.minLength' },
    },
    {
      name: 'rejects unknown fields such as a stored key',
      text: JSON.stringify({ ...good, key }),
      expected: { kind: 'invalid-field', field: '' },
    },
  ]
  for (const c of cases) {
    it(c.name, () => {
      const parsed = parseFingerprintFile(c.text)
      assert.ok(!parsed.ok)
      for (const [field, value] of Object.entries(c.expected)) {
        assert.deepEqual((parsed.error as Record<string, unknown>)[field], value, field)
      }
      assert.ok(describeFingerprintFileError(parsed.error).length > 0)
    })
  }
})
