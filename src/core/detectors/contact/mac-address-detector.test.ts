import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import { contactDetectors } from './index.ts'

const engine = createDetectionEngine(contactDetectors)
const macs = (text: string) => engine.scan(text).filter((f) => f.type === 'MAC_ADDRESS')
const spans = (text: string) => macs(text).map((f) => text.slice(f.start, f.end))

describe('macAddressDetector', () => {
  // Presidio test_mac_recognizer.py (MIT): text and the expected spans.
  const presidio: [string, string[]][] = [
    ['My MAC address is 00:1A:2B:3C:4D:5E', ['00:1A:2B:3C:4D:5E']],
    ['Device MAC: AA:BB:CC:DD:EE:FF', ['AA:BB:CC:DD:EE:FF']],
    ['MAC: 01:23:45:67:89:AB', ['01:23:45:67:89:AB']],
    ['My MAC address is 00-1A-2B-3C-4D-5E', ['00-1A-2B-3C-4D-5E']],
    ['Hardware address: AA-BB-CC-DD-EE-FF', ['AA-BB-CC-DD-EE-FF']],
    ['Cisco MAC: 0012.3456.789A', ['0012.3456.789A']],
    ['My MAC is 0012.3456.789a', ['0012.3456.789a']],
    ['Physical address is aabb.ccdd.eeff', ['aabb.ccdd.eeff']],
    ['MACs: 00:11:22:33:44:55 and AA-BB-CC-DD-EE-FF', ['00:11:22:33:44:55', 'AA-BB-CC-DD-EE-FF']],
    ['Not a MAC: 00:1A:2B:3C:4D', []],
    ['Invalid: ZZ:ZZ:ZZ:ZZ:ZZ:ZZ', []],
    ['Broadcast: FF:FF:FF:FF:FF:FF', []],
  ]
  for (const [text, expected] of presidio) {
    it(`returns ${JSON.stringify(expected)} when given ${text}`, () => {
      assert.deepEqual(spans(text), expected)
    })
  }

  const bare: [string, string[]][] = [
    ['MAC 주소: 001A2B3C4D5E', ['001A2B3C4D5E']],
    ['맥 주소는 001a2b3c4d5e입니다', ['001a2b3c4d5e']],
    ['mac_address=001A2B3C4D5E', ['001A2B3C4D5E']],
    ['HWaddr 001A2B3C4D5E', ['001A2B3C4D5E']],
    ['001A2B3C4D5E', []],
    ['commit 001a2b3c4d5e', []],
    ['machine 001A2B3C4D5E', []],
    ['주소 001A2B3C4D5E', []],
    ['MAC 001A2B3C4D5E7F', []],
  ]
  for (const [text, expected] of bare) {
    it(`reads twelve bare hex digits only after a MAC label when given ${text}`, () => {
      assert.deepEqual(spans(text), expected)
    })
  }

  const negatives = [
    '00:00:00:00:00:00',
    '00-00-00-00-00-00',
    'ff:ff:ff:ff:ff:ff',
    '00:1A:2B:3C:4D:5E:6F',
    '00:1A-2B:3C-4D:5E',
    '110bcd25-a55d-453a-8046-1297901ea002',
    '2001:db8:0:0:8:800:200c:417a',
    '12:34:56',
    'x00:1A:2B:3C:4D:5E',
    '0012.3456.789A.BCDE',
  ]
  for (const text of negatives) {
    it(`finds no MAC when given ${text}`, () => {
      assert.deepEqual(spans(text), [])
    })
  }

  const subtypes: [string, string][] = [
    ['00:1A:2B:3C:4D:5E', 'universal'],
    ['02:00:5e:10:00:00', 'local'],
    ['DA:A1:19:00:11:22', 'local'],
    ['3c:22:fb:00:11:22', 'universal'],
  ]
  for (const [text, subtype] of subtypes) {
    it(`marks the address ${subtype} when given ${text}`, () => {
      assert.deepEqual(
        macs(text).map((f) => f.subtype),
        [subtype],
      )
    })
  }

  const particles: [string, string][] = [
    ['맥주소00:1A:2B:3C:4D:5E입니다', '00:1A:2B:3C:4D:5E'],
    ['장비 aa-bb-cc-dd-ee-01로 접속', 'aa-bb-cc-dd-ee-01'],
  ]
  for (const [text, span] of particles) {
    it(`keeps particles and glued labels outside the span when given ${text}`, () => {
      assert.deepEqual(spans(text), [span])
    })
  }

  it('maps a full-width address back to the original text', () => {
    const text = 'ＭＡＣ ００：１Ａ：２Ｂ：３Ｃ：４Ｄ：５Ｅ'
    assert.deepEqual(spans(text), ['００：１Ａ：２Ｂ：３Ｃ：４Ｄ：５Ｅ'])
  })

  it('raises the score when a MAC label is near', () => {
    const [plain] = macs('00:1A:2B:3C:4D:5E')
    const [labelled] = macs('wifi MAC: 00:1A:2B:3C:4D:5E')
    assert.ok(plain && labelled && labelled.score > plain.score && plain.score >= 0.85)
  })
})
