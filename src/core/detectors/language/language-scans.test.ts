import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Detector } from '../../detection/detector.ts'
import { createScanInput } from '../../detection/scan-input.ts'
import { unitsOf } from '../text-scan/text-units.ts'
import { classifiedMarkingDetector } from './classified-marking-detector.ts'
import { krAddressDetector } from './kr-address-detector.ts'
import { personDetector } from './person-detector.ts'

// The scans read units two at a time and look at pairs: a cue must be found whatever its offset's
// parity, at the very start and at the very end of the text. Line breaks shift it without changing
// its line.
const cases: readonly (readonly [Detector, string])[] = [
  [personDetector, '홍길동님'],
  [personDetector, '김철수 과장'],
  [personDetector, '성명: 이영희'],
  [personDetector, '박민수(010-1234-5678)'],
  [personDetector, 'Dear John Smith,'],
  [personDetector, 'I am Emily Watson.'],
  [personDetector, 'Best regards,\nJames Park'],
  [personDetector, 'customer_name: Jane Doe'],
  [personDetector, 'my name is Kim Minsu'],
  [personDetector, 'Hong Gil-dong'],
  [classifiedMarkingDetector, '군사 III급 비밀'],
  [classifiedMarkingDetector, '2 급 비밀'],
  [classifiedMarkingDetector, '[대외비]'],
  [classifiedMarkingDetector, '예고문: 2027. 12. 31. 파기'],
  [classifiedMarkingDetector, 'TOP SECRET//SI//NOFORN'],
  [classifiedMarkingDetector, 'CUI'],
  [classifiedMarkingDetector, '\n  (S//NF) text'],
  [classifiedMarkingDetector, '\nConfidential\n'],
  [classifiedMarkingDetector, '\nFor Official Use Only\n'],
  [krAddressDetector, '서울 강남구 테헤란로 152'],
  [krAddressDetector, '서울 종로구 종로1가 1'],
  [krAddressDetector, '부산 해운대구 중앙로12번길 34-1'],
  [krAddressDetector, '세종 조치원읍 신흥리 산 12'],
]

const spans = (detector: Detector, text: string): string[] =>
  detector.detect(createScanInput(text)).map((f) => `${text.slice(f.start, f.end)}@${f.score}`)

describe('language scans', () => {
  for (const [detector, text] of cases) {
    it(`${detector.id} finds ${JSON.stringify(text)} at every offset`, () => {
      const expected = spans(detector, text)
      assert.notDeepEqual(expected, [])
      for (const prefix of ['', '\n', '\n\n', '\n\n\n']) {
        for (const suffix of ['', '\n', '\n\n']) {
          assert.deepEqual(
            spans(detector, `${prefix}${text}${suffix}`),
            expected,
            JSON.stringify(prefix + text),
          )
        }
      }
    })
  }

  it('pads the copied units with zeros and follows a new input', () => {
    const first = unitsOf(createScanInput('abcdef'))
    assert.deepEqual([...first.units.subarray(0, 10)], [97, 98, 99, 100, 101, 102, 0, 0, 0, 0])
    const second = unitsOf(createScanInput('가'))
    assert.deepEqual([...second.units.subarray(0, 3)], [0xac00, 0, 0])
    assert.equal(second.words[0], 0xac00)
    const input = createScanInput('ab')
    assert.deepEqual([...unitsOf(input).units.subarray(0, 3)], [97, 98, 0])
    assert.deepEqual([...unitsOf(createScanInput('c')).units.subarray(0, 2)], [99, 0])
    assert.deepEqual([...unitsOf(input).units.subarray(0, 3)], [97, 98, 0])
  })

  it('copies large texts whole', () => {
    const text = `${'x'.repeat(3_000_000)}홍길동님`
    const { units } = unitsOf(createScanInput(text))
    assert.equal(units[text.length - 1], '님'.charCodeAt(0))
    assert.equal(units[text.length], 0)
  })
})
