import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import {
  buildFingerprintSet,
  createOrganisationDetectors,
  parseFingerprintFile,
  toFingerprintFile,
} from './index.ts'

describe('createOrganisationDetectors', () => {
  it('builds nothing when the organisation defines nothing', () => {
    assert.deepEqual(createOrganisationDetectors({}), [])
    assert.deepEqual(createOrganisationDetectors({ dictionaries: [{ name: 'empty', terms: [] }] }), [])
  })

  it('finds dictionary terms and exact data in one scan when both are configured', () => {
    const key = 'index-test-key'
    const built = buildFingerprintSet({ name: 'customers', key, values: ['홍길동', '010-1234-5678'] })
    assert.ok(built.ok)
    const parsed = parseFingerprintFile(toFingerprintFile(built.value.set))
    assert.ok(parsed.ok)
    const detectors = createOrganisationDetectors({
      dictionaries: [
        { name: 'projects', terms: ['프로젝트 오로라', 'Nightingale'] },
        { name: 'systems', terms: ['HR-Portal'], score: 0.7 },
      ],
      fingerprints: [{ set: parsed.value, key }],
    })
    assert.equal(detectors.length, 2)
    const text = '프로젝트 오로라는 홍길동님(010 1234 5678) 담당, see NIGHTINGALE on HR-Portal'
    const found = createDetectionEngine(detectors).scan(text)
    assert.deepEqual(
      found.map((f) => [f.type, f.subtype, text.slice(f.start, f.end)]),
      [
        ['DICTIONARY_TERM', 'projects', '프로젝트 오로라'],
        ['EXACT_DATA', 'customers', '홍길동'],
        ['EXACT_DATA', 'customers', '010 1234 5678'],
        ['DICTIONARY_TERM', 'projects', 'NIGHTINGALE'],
        ['DICTIONARY_TERM', 'systems', 'HR-Portal'],
      ],
    )
  })
})
