import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { tokenize } from './exact-data-text.ts'
import { buildFingerprintSet, numericForm } from './fingerprint-set.ts'

const key = 'set-test-key'

describe('buildFingerprintSet', () => {
  it('takes the named columns of each row when given rows', () => {
    const built = buildFingerprintSet({
      name: 'employees',
      key,
      rows: [
        { name: '홍길동', employee_no: 'E-1001', note: 'ignored' },
        { name: 'Jane Doe', employee_no: 'E-1002', note: 'ignored too' },
      ],
      columns: ['name', 'employee_no'],
    })
    assert.ok(built.ok)
    assert.equal(built.value.set.hashes.length, 4)
    assert.equal(built.value.set.name, 'employees')
  })

  it('gives equal hashes to values that differ only in case, width, spacing or separators', () => {
    const one = buildFingerprintSet({ name: 's', key, values: ['ACME  Corp', '010-1234-5678'] })
    const two = buildFingerprintSet({ name: 's', key, values: ['acme corp', '０１０ １２３４ ５６７８'] })
    assert.ok(one.ok && two.ok)
    assert.deepEqual(one.value.set.hashes, two.value.set.hashes)
  })

  it('gives different hashes when the key differs', () => {
    const one = buildFingerprintSet({ name: 's', key: 'k1', values: ['Acme Corp'] })
    const two = buildFingerprintSet({ name: 's', key: 'k2', values: ['Acme Corp'] })
    assert.ok(one.ok && two.ok)
    assert.notDeepEqual(one.value.set.hashes, two.value.set.hashes)
    assert.notEqual(one.value.set.keyCheck, two.value.set.keyCheck)
  })

  it('records the token counts and lengths a scan needs when values are mixed', () => {
    const built = buildFingerprintSet({
      name: 's',
      key,
      values: ['홍길동', 'Acme Corp Ltd', '010-1234-5678'],
    })
    assert.ok(built.ok)
    assert.deepEqual(built.value.set.shape, {
      tokenCounts: [1, 3],
      minLength: 3,
      maxLength: 13,
      minTokenLength: 3,
      maxTokenLength: 4,
      minDigits: 11,
      maxDigits: 11,
    })
  })

  it('skips values that are too short or have too many tokens and blank cells silently', () => {
    const built = buildFingerprintSet({
      name: 's',
      key,
      values: [
        'x',
        '',
        '   ',
        'one two three four five six seven eight nine ten eleven twelve thirteen',
        'ok value',
      ],
    })
    assert.ok(built.ok)
    assert.equal(built.value.skipped, 2)
    assert.equal(built.value.set.hashes.length, 1)
  })

  const failures: { name: string; source: Parameters<typeof buildFingerprintSet>[0]; kind: string }[] = [
    { name: 'rejects an empty name', source: { name: ' ', key, values: ['a b'] }, kind: 'empty-name' },
    { name: 'rejects an empty key', source: { name: 's', key: '', values: ['a b'] }, kind: 'empty-key' },
    {
      name: 'rejects a set with nothing to match',
      source: { name: 's', key, values: ['', '-'] },
      kind: 'no-values',
    },
    {
      name: 'rejects a column no row has',
      source: { name: 's', key, rows: [{ name: 'x' }], columns: ['nmae'] },
      kind: 'missing-column',
    },
  ]
  for (const f of failures) {
    it(`${f.name} when building`, () => {
      const built = buildFingerprintSet(f.source)
      assert.ok(!built.ok)
      assert.equal(built.error.kind, f.kind)
    })
  }
})

describe('numericForm', () => {
  const cases: [string, string | undefined][] = [
    ['010-1234-5678', '01012345678'],
    ['010 1234 5678', '01012345678'],
    ['010 - 1234 - 5678', '01012345678'],
    ['2024.01.15', '20240115'],
    ['01012345678', '01012345678'],
    ['EMP-2024', undefined],
    ['010_1234', undefined],
    ['010\n1234', undefined],
    ['', undefined],
  ]
  for (const [value, expected] of cases) {
    it(`gives ${expected ?? 'no digits'} when the value is ${JSON.stringify(value)}`, () => {
      assert.equal(numericForm(value, tokenize(value)), expected)
    })
  }
})
