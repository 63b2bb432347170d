import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import type { Finding } from '../../detection/finding.ts'
import { deviceIdDetector, deviceIdScores } from './device-id-detector.ts'
import { financialDeviceDetectors } from './index.ts'

const engine = createDetectionEngine([deviceIdDetector])
const all = createDetectionEngine(financialDeviceDetectors)
const found = (text: string, minScore?: number): Finding[] =>
  engine.scan(text, minScore === undefined ? {} : { minScore })
const spans = (text: string, list: readonly Finding[]): string[] =>
  list.map((f) => text.slice(f.start, f.end))

// 38400000-8cf0-11bd-b23e-10b96e40000d is the advertising id used in Google's Android documentation;
// the upper-case IDFA is a random v4 UUID; 9774d56d682e549c is the well-known Android ID shared by
// many Android 2.2 devices.
const idfa = '6D92078A-8246-4BA4-AE5B-76104861E7DC'
const gaid = '38400000-8cf0-11bd-b23e-10b96e40000d'
const requestId = '3f2b9c1e-8a7d-4e6f-9b0a-1c2d3e4f5a6b'

describe('deviceIdDetector', () => {
  const keyed: ReadonlyArray<readonly [string, string, string]> = [
    [`{"idfa": "${idfa}"}`, idfa, 'idfa'],
    [`idfv=${idfa}`, idfa, 'idfv'],
    [`"gaid":"${gaid}"`, gaid, 'gaid'],
    [`aaid: ${gaid}`, gaid, 'gaid'],
    [`GAID=${gaid}`, gaid, 'gaid'],
    [`advertising_id=${gaid}`, gaid, 'gaid'],
    [`advertisingId: ${idfa}`, idfa, 'idfa'],
    [`"adid": "${gaid}"`, gaid, 'gaid'],
    [`ad_id=${gaid}`, gaid, 'gaid'],
    [`device_id: ${requestId}`, requestId, 'device_id'],
    [`{"deviceId":"${requestId}"}`, requestId, 'device_id'],
    ['android_id=9774d56d682e549c', '9774d56d682e549c', 'android_id'],
    ['ANDROID_ID: 9774D56D682E549C', '9774D56D682E549C', 'android_id'],
    ['"androidId": "9774d56d682e549c"', '9774d56d682e549c', 'android_id'],
    [`광고 식별자: ${idfa}`, idfa, 'idfa'],
    [`광고ID ${gaid}`, gaid, 'gaid'],
    [`기기 ID: ${requestId}`, requestId, 'device_id'],
    [`단말 ID=${requestId}`, requestId, 'device_id'],
  ]
  for (const [text, value, kind] of keyed) {
    it(`finds the ${kind} when keyed as in ${JSON.stringify(text.slice(0, 22))}`, () => {
      const list = found(text)
      assert.deepEqual(spans(text, list), [value])
      assert.equal(list[0]?.subtype, kind)
    })
  }

  it('scores a key-value pair above the same id named in prose', () => {
    assert.equal(found(`idfa: ${idfa}`)[0]?.score, deviceIdScores.keyed)
    assert.equal(found(`The IDFA of my phone is ${idfa}`)[0]?.score, deviceIdScores.prose)
  })

  const negatives: ReadonlyArray<readonly [string, string]> = [
    [`request_id: ${requestId}`, 'the key is a request id'],
    [requestId, 'the UUID has no key'],
    [`{"idfa": null, "request_id": "${requestId}"}`, 'the UUID belongs to the next JSON field'],
    [`upload_id=${requestId}`, '"ad_id" is only the tail of another key'],
    [`idfa: ${idfa.slice(0, 35)}`, 'the UUID is cut short'],
    [`idfa: ${idfa}0`, 'the UUID runs on'],
    ['idfa: 9774d56d682e549c', 'an advertising key holds 16 hex digits'],
    ['android_id=9774d56d682e549', 'the Android ID has 15 hex digits'],
    [`idfa\n${idfa}`, 'a line break separates key and value'],
    [`trace ${idfa}`, 'the context word is unrelated'],
  ]
  for (const [text, why] of negatives) {
    it(`finds nothing when ${why}`, () => {
      assert.deepEqual(found(text), [])
    })
  }

  it('claims only the keyed UUID when a JSON object holds several', () => {
    const text = `{"request_id": "${requestId}", "idfa": "${idfa}", "session": "${gaid}"}`
    assert.deepEqual(spans(text, found(text)), [idfa])
  })

  it('scores the all-zero IDFA below the floor when tracking is limited', () => {
    const text = 'idfa: 00000000-0000-0000-0000-000000000000'
    assert.deepEqual(found(text), [])
    const [f] = found(text, 0)
    assert.equal(f?.score, deviceIdScores.trackingLimited)
    assert.equal(f?.subtype, 'idfa')
  })

  it('keeps a Korean particle outside the span when it is glued to the id', () => {
    const text = `광고 식별자(IDFA)는 ${idfa}입니다`
    assert.deepEqual(spans(text, found(text)), [idfa])
  })

  it('maps full-width text back to original offsets when the text is normalised', () => {
    const wide = '６Ｄ９２０７８Ａ－８２４６－４ＢＡ４－ＡＥ５Ｂ－７６１０４８６１Ｅ７ＤＣ'
    const text = `ＩＤＦＡ：${wide}로 전송`
    const [f] = all.scan(text)
    assert.equal(f?.type, 'DEVICE_ID')
    assert.equal(text.slice(f?.start, f?.end), wide)
  })
})
