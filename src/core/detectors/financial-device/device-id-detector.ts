import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import type { ScanInput } from '../../detection/scan-input.ts'

// Anchored on the key, not the value: a bare UUID scan runs ~10x slower and request ids are not
// personal data anyway. Up to 40 characters of glue may separate key and value, but never a line
// break or a field separator (',', ';', '{', '}', '&'), so the next JSON field's UUID is not claimed.
// Korean keys are matched from their ASCII "id" (or 식별자) with a lookbehind: Hangul at the start
// of an alternation costs irregexp its fast skip loop (measured ~3x slower on Node 24).
const hex = '[0-9a-fA-F]'
const keyedIdPattern = new RegExp(
  '((?i:idf[av]|[ga]aid|adid|ad[_-]id|advertising[ _-]?id(?:entifier)?' +
    '|device[ _-]?id|android[ _-]?id|ssaid)' +
    '|(?<=(?:광고|기기|단말기?) ?)(?:id|ID|Id)|(?<=광고 ?)식별자)' +
    String.raw`([^\n\r,;{}&]{0,40}?)(?<![0-9A-Za-z-])` +
    `(${hex}{8}-${hex}{4}-${hex}{4}-${hex}{4}-${hex}{12}|${hex}{16})(?![0-9A-Za-z-])`,
  'g',
)
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
  for (const m of text.matchAll(keyedIdPattern)) {
    if (m.index > 0 && !keyStartsWord(text, m.index)) continue
    const key = m[1] ?? ''
    const glue = m[2] ?? ''
    const value = m[3] ?? ''
    const kind = kindOf(keyOf(text, m.index, key), value)
    if (kind === undefined) continue
    const start = m.index + key.length + glue.length
    const tight = tightGlue.test(glue)
    let score: number
    if (allZero.test(value)) score = deviceIdScores.trackingLimited
    else if (value.length === 36) score = tight ? deviceIdScores.keyed : deviceIdScores.prose
    else if (kind === 'device_id') score = deviceIdScores.hexUnderDeviceKey
    else score = tight ? deviceIdScores.hexKeyed : deviceIdScores.hexProse
    findings.push({ type: 'DEVICE_ID', start, end: start + value.length, score, subtype: kind })
  }
  return findings
}

/** DEVICE_ID: advertising ids (IDFA, IDFV, GAID), Android ids and device ids, only when keyed or named. */
export const deviceIdDetector: Detector = { id: 'device-id', types: ['DEVICE_ID'], detect }
