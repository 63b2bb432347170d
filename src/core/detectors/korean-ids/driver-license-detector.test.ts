import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import { driverLicenseDetector } from './driver-license-detector.ts'

const engine = createDetectionEngine([driverLicenseDetector], 0)
const scan = (text: string) => engine.scan(text).map((f) => ({ ...f, value: text.slice(f.start, f.end) }))

describe('driverLicenseDetector', () => {
  const found: [string, string, string, number, number, string][] = [
    // Presidio KR_DRIVER_LICENSE tests (MIT) for the numeric form.
    ['finds a hyphenated licence', '11-22-123456-12', '11-22-123456-12', 0.6, 0.7, 'region-code'],
    [
      'finds one in an English sentence',
      'My license is 13-22-123456-12',
      '13-22-123456-12',
      0.6,
      0.7,
      'region-code',
    ],
    ['accepts space separators', '28 22 123456 12', '28 22 123456 12', 0.5, 0.6, 'region-code'],
    [
      'raises a Korean label',
      '운전면허번호: 11-22-123456-12입니다',
      '11-22-123456-12',
      0.85,
      0.95,
      'region-code',
    ],
    [
      'raises an English label',
      "driver's license 26-19-654321-01",
      '26-19-654321-01',
      0.85,
      0.95,
      'region-code',
    ],
    ['needs a label for bare digits', '면허번호 112212345612', '112212345612', 0.7, 0.8, 'region-code'],
    ['reads a JSON key', '{"driver_license":"171771415915"}', '171771415915', 0.7, 0.8, 'region-code'],
    ['reads a DL: label', 'DL: 112212345612', '112212345612', 0.7, 0.8, 'region-code'],
    ['includes the legacy region name', '서울 12-345678-90', '서울 12-345678-90', 0.75, 0.85, 'region-name'],
    [
      'accepts a glued region name',
      '면허증 서울12-345678-90입니다',
      '서울12-345678-90',
      0.9,
      1,
      'region-name',
    ],
    ['accepts 경기북부', '경기북부 05-123456-78', '경기북부 05-123456-78', 0.75, 0.85, 'region-name'],
  ]
  for (const [name, text, value, min, max, validator] of found) {
    it(`${name} when given ${JSON.stringify(text)}`, () => {
      const [f, ...rest] = scan(text)
      assert.ok(f)
      assert.deepEqual(rest, [])
      assert.equal(f.value, value)
      assert.equal(f.validator, validator)
      assert.ok(f.score >= min && f.score <= max, `score ${f.score}`)
    })
  }

  it('keeps bare digits without a label below the floor when given 112212345612', () => {
    const [f] = scan('112212345612')
    assert.ok(f && f.score < 0.5)
  })

  it('marks the region-name form as legacy', () => {
    assert.equal(scan('부산 98-765432-10')[0]?.subtype, 'legacy')
  })

  const rejected: [string, string][] = [
    ['Presidio: region 99', '99-22-123456-12'],
    ['region 27 (unassigned)', '27-22-123456-12'],
    ['Presidio: a 5-digit serial', '11-22-12345-12'],
    ['Presidio: a 1-digit tail', '11-22-123456-1'],
    ['Presidio: a letter', '11-22-123A56-12'],
    ['Presidio: a longer leading group', '111-22-123456-12'],
    ['Presidio: a longer trailing group', '11-22-123456-123'],
    ['mixed separators', '11-22 123456-12'],
    ['the legacy shape without a region name', '12-345678-90'],
    ['a phone number', '010-1234-5678'],
  ]
  for (const [name, text] of rejected) {
    it(`reports nothing when given ${name}`, () => {
      assert.deepEqual(scan(text), [])
    })
  }
})
