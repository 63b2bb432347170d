import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import type { Finding } from '../../detection/finding.ts'
import { imeiDetector, imeiScores } from './imei-detector.ts'
import { financialDeviceDetectors } from './index.ts'

const imeiOnly = createDetectionEngine([imeiDetector])
const all = createDetectionEngine(financialDeviceDetectors)
const imeis = (text: string, minScore?: number): Finding[] =>
  imeiOnly.scan(text, minScore === undefined ? {} : { minScore })
const spans = (text: string, found: readonly Finding[]): string[] =>
  found.map((f) => text.slice(f.start, f.end))

describe('imeiDetector', () => {
  // 490154203237518 and 35-209900-176148-1 / IMEISV 35-209900-176148-23 are the worked examples of the
  // Wikipedia "International Mobile Equipment Identity" article; 356938035643809 is a Luhn-valid
  // number with the BABT reporting-body prefix 35.
  const labelled: ReadonlyArray<readonly [string, string, number]> = [
    ['IMEI: 490154203237518', '490154203237518', imeiScores.withContext],
    ['IMEI 35-209900-176148-1', '35-209900-176148-1', imeiScores.withContext],
    ['단말기 고유번호는 356938035643809입니다', '356938035643809', imeiScores.withContext],
    ['기기번호 35 209900 176148 1', '35 209900 176148 1', imeiScores.withContext],
    ['*#06# 을 누르면 490154203237518 이 표시됩니다', '490154203237518', imeiScores.withContext],
    ['IMEISV: 35-209900-176148-23', '35-209900-176148-23', imeiScores.imeisvWithContext],
    ['imei 3520990017614823', '3520990017614823', imeiScores.imeisvWithContext],
  ]
  for (const [text, value, score] of labelled) {
    it(`finds ${value} with score ${score} when an IMEI label is near`, () => {
      const found = imeis(text)
      assert.deepEqual(spans(text, found), [value])
      assert.equal(found[0]?.score, score)
    })
  }

  it('sets subtype and validator when the number is a 15-digit IMEI', () => {
    const [f] = imeis('IMEI: 490154203237518')
    assert.equal(f?.subtype, 'imei')
    assert.equal(f?.validator, 'luhn')
    assert.equal(imeis('IMEISV 3520990017614823')[0]?.subtype, 'imeisv')
  })

  it('finds a bare number when it has the IMEI display grouping', () => {
    assert.equal(imeis('35-209900-176148-1')[0]?.score, imeiScores.grouped)
    assert.equal(imeis('35209900-176148-1')[0]?.score, imeiScores.grouped)
  })

  it('finds a bare 15-digit number only when its prefix is a common reporting body', () => {
    assert.equal(imeis('356938035643809')[0]?.score, imeiScores.bareCommonPrefix)
    assert.deepEqual(imeis('490154203237518'), [])
    assert.equal(imeis('490154203237518', 0)[0]?.score, imeiScores.bareOther)
  })

  const negatives: ReadonlyArray<readonly [string, string]> = [
    ['IMEI: 490154203237519', 'Luhn fails'],
    ['3520990017614823', 'a 16-digit number has no label'],
    ['IMEI: 4901542032375', 'the number is 13 digits'],
    ['IMEI: 4901542032375189', 'a labelled 16-digit number is an IMEISV, not an IMEI'],
    ['A490154203237518', 'a letter is glued to the left'],
    ['12-490154203237518', 'the number is the tail of a dash-joined run'],
  ]
  for (const [text, why] of negatives) {
    it(`finds no 15-digit IMEI when ${why}`, () => {
      assert.deepEqual(
        imeis(text).filter((f) => f.subtype === 'imei'),
        [],
      )
    })
  }

  it('leaves a 15-digit Amex number to the card detector when no IMEI label is near', () => {
    const text = '378282246310005'
    assert.ok((imeis(text, 0)[0]?.score ?? 1) < 0.5)
    assert.deepEqual(
      all.scan(text).map((f) => f.type),
      ['CREDIT_CARD'],
    )
  })

  it('wins over the card detector when an IMEI label is near', () => {
    const text = 'IMEI 378282246310005'
    assert.deepEqual(
      all.scan(text).map((f) => f.type),
      ['IMEI'],
    )
  })

  it('maps full-width digits back to original offsets when the text is normalised', () => {
    const text = 'ＩＭＥＩ：４９０１５４２０３２３７５１８로 조회'
    const [f] = all.scan(text)
    assert.equal(f?.type, 'IMEI')
    assert.equal(text.slice(f?.start, f?.end), '４９０１５４２０３２３７５１８')
  })
})
