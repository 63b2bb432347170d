import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import { pairPassesOf } from '../text-scan/pair-passes.ts'
import { unitsOf } from '../text-scan/text-units.ts'
import { municipalities, provinces } from './kr-address-gazetteer.ts'
import { anchorStarts } from './kr-address-scan.ts'

// Scores: a district plus road and building number is an address; the province adds certainty and
// the detail (동·층·호) is what makes it a person's (pii-detection.md §5.2).
const provinceAndDistrict = 0.85
const districtOnly = 0.8
const provinceOnly = 0.7
const detailBonus = 0.1
const referenceBonus = 0.05
const lotNumberBonus = 0.05
const maxScore = 0.97

// One pass anchored on the end of a road name (로/길, branch roads 12번길 and 35가길, also written
// 중앙대로 644번길) followed by a
// building number, or on the end of a 동/리/가 followed by a lot number.
const anchor =
  /((?:로|길)(?: ?[0-9]{1,4}(?:번|[가나다라마바사아자차카타파하])?길)?)(?= ?(?:지하 ?)?[0-9])|(동|리|[0-9]가)(?= ?(?:산 ?)?[0-9])/y
const buildingNumber = / ?(?:지하 ?)?[0-9]{1,5}(?:-[0-9]{1,5})?/y
const lotNumber = / ?(?:산 ?)?[0-9]{1,5}(?:-[0-9]{1,5})?(?:번지)?/y
const detail =
  /(?:, ?| )(?:(?:[0-9]{1,4}|[A-Z]|[가나다라마바사])동(?: ?[0-9]{1,3}층)?(?: ?[A-Z]?[0-9]{1,5}호)?|(?:지하 ?|B)?[0-9]{1,3}층(?: ?[A-Z]?[0-9]{1,5}호)?|[A-Z]?[0-9]{1,5}호)/y
const reference = / ?\([가-힣0-9]{1,12}(?:동|리|가|로)(?:[,·][^()\n]{1,40})?\)/y
const particleAfter = /^(?:에|으로|로|의|이|은|는|을|를|과|와|까지|부터|도|만|입니|인|이고|이며|이다)/
const localArea = /^[가-힣]{1,5}(?:읍|면)$/
const roadName = /^[가-힣][가-힣0-9]{0,14}$/
const lotArea = /^[가-힣]{1,6}[0-9]{0,2}(?:동|리|가)$/

const isWordChar = (c: number): boolean => (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x30 && c <= 0x39)

/** Start of the Hangul/digit token ending at `end`, or -1 when there is none or it is too long. */
function tokenStart(text: string, end: number): number {
  let i = end
  while (i > 0 && end - i < 16 && isWordChar(text.charCodeAt(i - 1))) i--
  return i === end || (i > 0 && isWordChar(text.charCodeAt(i - 1))) ? -1 : i
}

/** True when the text at `at` ends a number cleanly: no more digits, no unit (152m, 3개), no decimal. */
function endsCleanly(text: string, at: number): boolean {
  const c = text.charCodeAt(at)
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return false
  if (c === 0x2e && isWordChar(text.charCodeAt(at + 1))) return false
  if (c >= 0xac00 && c <= 0xd7a3) return particleAfter.test(text.slice(at, at + 3))
  return true
}

interface Region {
  readonly start: number
  readonly hasProvince: boolean
  /** 세종 has no 시·군·구: its province alone is a full region. */
  readonly isSejong: boolean
  readonly districts: number
  readonly hasLocal: boolean
}

/** Walks left from `at` over [시·도] [시·군·구 ×1–2] [읍·면], each one space apart. */
function readRegion(text: string, at: number): Region {
  let start = at
  let districts = 0
  let hasLocal = false
  let pos = at
  while (text.charAt(pos - 1) === ' ') {
    const s = tokenStart(text, pos - 1)
    if (s < 0) break
    const token = text.slice(s, pos - 1)
    if (provinces.has(token) && !(districts === 0 && municipalities.has(token))) {
      return { start: s, hasProvince: true, isSejong: token.startsWith('세종'), districts, hasLocal }
    }
    if (municipalities.has(token) && districts < 2) districts++
    else if (districts === 0 && !hasLocal && localArea.test(token)) hasLocal = true
    else break
    start = s
    pos = s
  }
  return { start, hasProvince: false, isSejong: false, districts, hasLocal }
}

/** Extends past the building or lot number: ", 101동 1203호" and "(역삼동, OO아파트)". */
function readTail(text: string, at: number): { end: number; bonus: number } {
  let end = at
  let bonus = 0
  detail.lastIndex = end
  const d = detail.exec(text)
  if (d && endsCleanly(text, end + d[0].length)) {
    end += d[0].length
    bonus += detailBonus
  }
  reference.lastIndex = end
  const r = reference.exec(text)
  if (r) {
    end += r[0].length
    bonus += referenceBonus
  }
  return { end, bonus }
}

function regionScore(region: Region): number {
  if (region.hasProvince && (region.districts > 0 || region.isSejong)) return provinceAndDistrict
  return region.districts > 0 ? districtOnly : provinceOnly
}

function readRoadAddress(text: string, suffixStart: number, suffixEnd: number): Finding | undefined {
  const roadStart = tokenStart(text, suffixStart)
  if (roadStart < 0 || !roadName.test(text.slice(roadStart, suffixStart))) return undefined
  const region = readRegion(text, roadStart)
  if (region.start === roadStart) return undefined
  buildingNumber.lastIndex = suffixEnd
  const number = buildingNumber.exec(text)
  if (!number || !endsCleanly(text, suffixEnd + number[0].length)) return undefined
  const tail = readTail(text, suffixEnd + number[0].length)
  const score = Math.min(maxScore, regionScore(region) + tail.bonus)
  return { type: 'KR_ADDRESS', start: region.start, end: tail.end, score, subtype: 'road' }
}

function readLotAddress(text: string, areaEnd: number): Finding | undefined {
  const areaStart = tokenStart(text, areaEnd)
  if (areaStart < 0 || !lotArea.test(text.slice(areaStart, areaEnd))) return undefined
  const region = readRegion(text, areaStart)
  // A full lot-number address names its 시·군·구 (or, in 세종, its 읍·면).
  if (region.districts === 0 && !(region.isSejong && region.hasLocal)) return undefined
  lotNumber.lastIndex = areaEnd
  const number = lotNumber.exec(text)
  if (!number || !endsCleanly(text, areaEnd + number[0].length)) return undefined
  const tail = readTail(text, areaEnd + number[0].length)
  const bonus = number[0].endsWith('번지') ? lotNumberBonus : 0
  const score = Math.min(maxScore, regionScore(region) + tail.bonus + bonus)
  return { type: 'KR_ADDRESS', start: region.start, end: tail.end, score, subtype: 'lot' }
}

/**
 * Finds Korean road-name (도로명) and lot-number (지번) addresses that name their district. A scan
 * finds where the anchor may match; the anchor pattern, sticky, is tried only there.
 */
export const krAddressDetector: Detector = {
  id: 'kr-address',
  types: ['KR_ADDRESS'],
  detect(input) {
    const { text } = input
    const findings: Finding[] = []
    let next = 0
    let tried = -1
    const passes = pairPassesOf(input).address
    for (const start of anchorStarts(unitsOf(input), passes)) {
      if (start < next || start === tried) continue
      tried = start
      anchor.lastIndex = start
      const m = anchor.exec(text)
      if (!m) continue
      next = start + m[0].length
      const road = m[1]
      const found =
        road !== undefined
          ? readRoadAddress(text, m.index, m.index + road.length)
          : readLotAddress(text, m.index + m[0].length)
      if (!found) continue
      findings.push(found)
      next = found.end
    }
    return findings
  },
}
