import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  brnCheckDigit,
  crnCheckDigit,
  frnCheckDigit13,
  ibanCheckDigits,
  passesIban,
  passesLuhn,
  rrnCheckDigit,
} from '../../tools/eval/corpus/check-digits.ts'
import { generateCorpus, supportByType } from '../../tools/eval/generate-corpus.ts'

// Published vectors the generator's check-digit rules must reproduce (research/pii-detection.md §3).
describe('check digits', () => {
  it('match published vectors', () => {
    assert.equal(rrnCheckDigit('960121102141'), 3) // Presidio 960121-1021413
    assert.equal(rrnCheckDigit('971013901990'), 2) // stdnum 971013-9019902
    assert.equal(frnCheckDigit13('911124567890'), 6) // Presidio FRN 911124-5678906
    assert.equal(crnCheckDigit('130111000624'), 6) // 130111-0006246
    assert.equal(brnCheckDigit('104865665'), 9) // 104-86-56659
    assert.equal(brnCheckDigit('116820027'), 6) // stdnum 116-82-00276
    assert.equal(ibanCheckDigits('DE', '370400440532013000'), '89')
    assert.ok(passesIban('GB29NWBK60161331926819'))
    assert.ok(passesLuhn('4111111111111111') && passesLuhn('490154203237518'))
    assert.ok(!passesLuhn('4012888888881882'))
  })
})

const samples = generateCorpus(20261124, 1500)
const digitsOf = (s: string): string =>
  s
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[^0-9]/g, '')
const valuesOf = (type: string): string[] =>
  samples.flatMap((s) => s.spans.filter((x) => x.type === type).map((x) => s.text.slice(x.start, x.end)))

describe('generateCorpus', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    assert.deepEqual(generateCorpus(5, 50), generateCorpus(5, 50))
    assert.notDeepEqual(generateCorpus(5, 50), generateCorpus(6, 50))
  })

  it('keeps spans inside the text, in order, non-overlapping, never around whitespace', () => {
    for (const s of samples) {
      let last = 0
      for (const span of s.spans) {
        assert.ok(span.start >= last && span.end > span.start && span.end <= s.text.length, s.id)
        const value = s.text.slice(span.start, span.end)
        assert.equal(value.trim(), value, `${s.id} ${value}`)
        last = span.end
      }
    }
  })

  it('labels every entity type it is meant to, and leaves hard negatives unlabelled', () => {
    const support = supportByType(samples)
    for (const type of [
      'KR_RRN',
      'KR_FRN',
      'KR_CRN',
      'KR_BRN',
      'KR_PASSPORT',
      'KR_DRIVER_LICENSE',
      'KR_NHI',
    ]) {
      assert.ok((support.get(type) ?? 0) >= 20, `${type}: ${support.get(type)}`)
    }
    assert.ok(samples.filter((s) => s.spans.length === 0).length > 100)
  })

  it('generates identifiers that satisfy their own validity rules', () => {
    for (const v of valuesOf('CREDIT_CARD')) assert.ok(passesLuhn(digitsOf(v)), v)
    for (const v of valuesOf('IMEI')) assert.ok(passesLuhn(digitsOf(v)) && digitsOf(v).length === 15, v)
    for (const v of valuesOf('IBAN_CODE')) assert.ok(passesIban(v.replace(/ /g, '')), v)
    for (const v of valuesOf('KR_BRN')) {
      const d = digitsOf(v)
      assert.equal(brnCheckDigit(d.slice(0, 9)), Number(d[9]), v)
    }
    for (const v of valuesOf('KR_CRN')) {
      const d = digitsOf(v)
      assert.equal(crnCheckDigit(d.slice(0, 12)), Number(d[12]), v)
    }
    for (const v of [...valuesOf('KR_RRN'), ...valuesOf('KR_FRN')]) {
      const d = digitsOf(v)
      assert.equal(d.length, 13, v)
      const g = Number(d[6])
      const year = (g <= 2 || g === 5 || g === 6 ? 1900 : 2000) + Number(d.slice(0, 2))
      const date = new Date(Date.UTC(year, Number(d.slice(2, 4)) - 1, Number(d.slice(4, 6))))
      assert.equal(date.getUTCDate(), Number(d.slice(4, 6)), `not a real date: ${v}`)
    }
    for (const v of valuesOf('KR_FRN')) assert.match(digitsOf(v)[6] ?? '', /[5-8]/)
  })

  it('keeps Korean particles outside the labelled span', () => {
    const particles = /^(?:으로|로|은|는|이|가|을|를|입니다|이고|에서)/
    let attached = 0
    for (const s of samples) {
      for (const span of s.spans) {
        if (particles.test(s.text.slice(span.end))) attached++
        assert.ok(
          !/[가-힣]$/.test(s.text.slice(span.start, span.end)) ||
            span.type === 'PERSON' ||
            span.type === 'KR_ADDRESS' ||
            span.type === 'CLASSIFIED_MARKING' ||
            span.type === 'EMAIL_ADDRESS' ||
            span.type === 'KR_DRIVER_LICENSE',
          s.text,
        )
      }
    }
    assert.ok(attached > 100, `only ${attached} spans are followed by a particle`)
  })
})
