import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createScanInput } from '../../detection/scan-input.ts'
import { pairPassesOf } from '../text-scan/pair-passes.ts'
import { findDeviceKeys } from './device-id-keys.ts'

// The key alternation findDeviceKeys stands for (see its header), English keys case-insensitive. The
// 'i' flag is on a regex of their own: inside a (?i:…) group, Node 24 does not case-fold a character
// class in any alternative but the first, so (?i:idf[av]|[ga]aid) misses "GAID".
const english =
  /idf[av]|[ga]aid|adid|ad[_-]id|advertising[ _-]?id(?:entifier)?|device[ _-]?id|android[ _-]?id|ssaid/iy
const korean = /(?<=(?:광고|기기|단말기?) ?)(?:id|ID|Id)|(?<=광고 ?)식별자/y

const endAt = (pattern: RegExp, text: string, at: number): number => {
  pattern.lastIndex = at
  return pattern.test(text) ? pattern.lastIndex : -1
}

// Every [start, end) where a key alternative matches, the first alternative that does at each start.
function expected(text: string): string[] {
  const out: string[] = []
  for (let i = 0; i < text.length; i++) {
    const englishEnd = endAt(english, text, i)
    const key = englishEnd > 0 ? englishEnd : endAt(korean, text, i)
    if (key > 0) out.push(`${i}-${key}`)
  }
  return out
}

describe('findDeviceKeys', () => {
  const texts = [
    'idfa IDFV gaid GAID Aaid adid ad_id ad-id ad id advertising_id advertisingId advertising identifier',
    'device_id deviceId DEVICE ID android_id androidid ANDROID-ID ssaid SSAID upload_id idea',
    '광고 ID 광고ID 기기 id 기기iD 단말 Id 단말기 ID 광고 식별자 광고식별자 기기 식별자 식별자',
    'adidfa deviceidfv aaidfa androididfa idfaidfv 광고 idfa 기기 IDFV',
  ]
  for (const text of texts) {
    it(`finds the keys the alternation matches in ${JSON.stringify(text.slice(0, 24))}`, () => {
      assert.deepEqual(
        findDeviceKeys(text, pairPassesOf(createScanInput(text)).deviceKey).map((k) => `${k.start}-${k.end}`),
        expected(text),
      )
    })
  }
})
