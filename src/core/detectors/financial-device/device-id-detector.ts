import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import type { ScanInput } from '../../detection/scan-input.ts'
import { pairPassesOf } from '../text-scan/pair-passes.ts'
import { findDeviceKeys } from './device-id-keys.ts'
import { isAsciiAlnum } from './digit-boundary.ts'

// Anchored on the key, not the value: a bare UUID scan runs ~10x slower and request ids are not
// personal data anyway. Up to 40 characters of glue may separate key and value, but never a line
// break or a field separator (',', ';', '{', '}', '&'), so the next JSON field's UUID is not claimed.
// Keys are found by findDeviceKeys; from each, the first value within reach is read in code, as the
// regex key([^\n\r,;{}&]{0,40}?)(?<![0-9A-Za-z-])(uuid|hex16)(?![0-9A-Za-z-]) would, scanning left to
// right and resuming after each match.
const maxGlue = 40
// Glue made only of punctuation, quotes, spaces and Korean particles: a key-value pair, not prose.
const tightGlue = /^(?:[\s"'`:=>()[\]-]|은|는|이|가)*$/
const allZero = /^[0-]+$/

/** Subtypes this detector reports. */
export type DeviceIdKind = 'idfa' | 'idfv' | 'gaid' | 'android_id' | 'device_id'

/** Scores behind the device-id detector, exported so tests and tuning read the same numbers. */
export const deviceIdScores = {
  keyed: 0.9,
  prose: 0.8,
  hexKeyed: 0.85,
  hexProse: 0.75,
  hexUnderDeviceKey: 0.7,
  trackingLimited: 0.3,
} as const

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
const isWordish = (c: number): boolean => isAsciiAlnum(c) || c === 45
// Characters glue may not contain: \n \r , ; { } &
const isFieldBreak = (c: number): boolean =>
  c === 10 || c === 13 || c === 44 || c === 59 || c === 123 || c === 125 || c === 38

function hexRun(text: string, at: number, length: number): boolean {
  for (let i = at; i < at + length; i++) if (!isHex(text.charCodeAt(i))) return false
  return true
}

// End of a UUID (8-4-4-4-12) or 16 hex digits starting at `at` and not running on, or -1.
function valueEnd(text: string, at: number): number {
  if (!hexRun(text, at, 8)) return -1
  let end = -1
  if (text.charCodeAt(at + 8) === 45) {
    const uuid =
      hexRun(text, at + 9, 4) &&
      text.charCodeAt(at + 13) === 45 &&
      hexRun(text, at + 14, 4) &&
      text.charCodeAt(at + 18) === 45 &&
      hexRun(text, at + 19, 4) &&
      text.charCodeAt(at + 23) === 45 &&
      hexRun(text, at + 24, 12)
    if (uuid) end = at + 36
  } else if (hexRun(text, at + 8, 8)) end = at + 16
  return end > 0 && !isWordish(text.charCodeAt(end)) ? end : -1
}

// The first value within glue reach of a key ending at `from`: [start, end), or undefined.
function valueAfter(text: string, from: number): readonly [number, number] | undefined {
  const last = Math.min(text.length, from + maxGlue)
  for (let at = from; at <= last; at++) {
    if (at > from && isFieldBreak(text.charCodeAt(at - 1))) return undefined
    if (!isHex(text.charCodeAt(at)) || isWordish(text.charCodeAt(at - 1))) continue
    const end = valueEnd(text, at)
    if (end > 0) return [at, end]
  }
  return undefined
}

// The key as written, with the Korean word in front of an "id" anchor put back ("광고 ID" → "광고id").
function keyOf(text: string, index: number, matched: string): string {
  const k = matched.toLowerCase().replace(/[ _-]/g, '')
  if (k !== 'id' && k !== '식별자') return k
  const before = text.slice(Math.max(0, index - 4), index).trimEnd()
  return before.endsWith('광고') ? `광고${k}` : `기기${k}`
}

function kindOf(k: string, value: string): DeviceIdKind | undefined {
  const uuid = value.length === 36
  if (k.startsWith('android') || k === 'ssaid') return uuid ? 'device_id' : 'android_id'
  if (k.startsWith('device') || k.startsWith('기기')) return 'device_id'
  // Only Android IDs and device ids come as 16 hex digits; advertising ids are always UUIDs.
  if (!uuid) return undefined
  if (k === 'idfa' || k === 'idfv' || k === 'gaid') return k
  if (k === 'aaid') return 'gaid'
  // Generic advertising keys: Apple prints IDFAs upper-case, Google's ad id is lower-case.
  return value === value.toUpperCase() ? 'idfa' : 'gaid'
}

const isLower = (c: number): boolean => c >= 97 && c <= 122
const isUpper = (c: number): boolean => c >= 65 && c <= 90

// "upload_id" must not read as "ad_id"; camelCase ("userDeviceId") still counts as a new word.
function keyStartsWord(text: string, index: number): boolean {
  const before = text.charCodeAt(index - 1)
  if (!isLower(before) && !isUpper(before)) return true
  return isLower(before) && isUpper(text.charCodeAt(index))
}

function detect(input: ScanInput): Finding[] {
  const { text } = input
  const findings: Finding[] = []
  let next = 0
  for (const key of findDeviceKeys(text, pairPassesOf(input).deviceKey)) {
    if (key.start < next) continue
    const found = valueAfter(text, key.end)
    if (found === undefined) continue
    const [start, end] = found
    // A match is consumed even when it is then rejected, as the regex scan was.
    next = end
    if (key.start > 0 && !keyStartsWord(text, key.start)) continue
    const value = text.slice(start, end)
    const kind = kindOf(keyOf(text, key.start, text.slice(key.start, key.end)), value)
    if (kind === undefined) continue
    const tight = tightGlue.test(text.slice(key.end, start))
    let score: number
    if (allZero.test(value)) score = deviceIdScores.trackingLimited
    else if (value.length === 36) score = tight ? deviceIdScores.keyed : deviceIdScores.prose
    else if (kind === 'device_id') score = deviceIdScores.hexUnderDeviceKey
    else score = tight ? deviceIdScores.hexKeyed : deviceIdScores.hexProse
    findings.push({ type: 'DEVICE_ID', start, end, score, subtype: kind })
  }
  return findings
}

/** DEVICE_ID: advertising ids (IDFA, IDFV, GAID), Android ids and device ids, only when keyed or named. */
export const deviceIdDetector: Detector = { id: 'device-id', types: ['DEVICE_ID'], detect }
