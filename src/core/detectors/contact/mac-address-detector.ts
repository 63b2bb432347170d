import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import { pairPassesOf } from '../text-scan/pair-passes.ts'
import { createContextMatcher } from './context-matcher.ts'
import { makeFinding } from './make-finding.ts'

// Led by the pair "hex + separator"; code then reads back the one (colon/dash) or three (dotted) hex
// digits before the match. One separator throughout, via the back-reference. Not glued to further
// groups, so UUID tails and IPv6 do not yield a MAC. The other branches are labels: twelve bare hex
// digits count only right after one of them. Sticky: tried only where a match can start (from the
// pairs of the shared pair pass), in text order, which yields exactly the matches of a global search.
const candidates =
  /[0-9A-Fa-f]([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?![0-9A-Za-z_]|[:.-][0-9A-Za-z])|[0-9A-Fa-f]\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![0-9A-Za-z_]|[:.-][0-9A-Za-z])|[Mm][Aa][Cc]|주소|[Hh][Ww][Aa]ddr|BSSID|bssid/y
const bareHex = /(?<![0-9A-Za-z:.\-_])[0-9A-Fa-f]{12}(?![0-9A-Za-z_]|[:.-][0-9A-Za-z])/
// "주소" alone is any address; only these forms name a hardware address.
const koreanLabels = ['맥 주소', '맥주소', '물리 주소', '물리적 주소', '하드웨어 주소']
const koreanLabel = createContextMatcher(koreanLabels)
const near = createContextMatcher([
  'mac ',
  'mac:',
  'mac_',
  'mac-',
  'macaddr',
  'hwaddr',
  'bssid',
  'ethernet',
  'link/ether',
  'wi-fi',
  'wifi',
  ...koreanLabels,
])
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
const isGlue = (c: number): boolean =>
  isHex(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c === 46 || c === 45

function macFinding(text: string, start: number, end: number, bare: boolean): Finding | undefined {
  const raw = text.slice(start, end)
  const hex = bare ? raw : raw.replace(/[:.-]/g, '')
  if (/^0+$/.test(hex) || /^[fF]+$/.test(hex)) return undefined
  let score: number
  if (bare) score = 0.75
  else score = (raw.includes(':') ? 0.9 : 0.85) + (near(text, start, end) ? 0.1 : 0)
  // Bit 1 of the first octet marks a locally administered (often randomised) address.
  const local = (Number.parseInt(hex.slice(0, 2), 16) & 0x02) !== 0
  return makeFinding('MAC_ADDRESS', start, end, score, local ? 'local' : 'universal', 'mac-syntax')
}

// "mac" must be a word of its own (not machine, iMac, emacs) unless it runs into "addr(ess)".
function isLabel(text: string, index: number, match: string): boolean {
  const end = index + match.length
  if (match === '주소') return koreanLabel(text, end, end, 16, 0)
  if (match.length !== 3) return true
  if (index > 0 && isLetter(text.charCodeAt(index - 1))) return false
  return !isLetter(text.charCodeAt(end)) || text.startsWith('addr', end) || text.startsWith('Addr', end)
}

function structured(text: string, index: number, match: string): [number, number] | undefined {
  const back = match.charCodeAt(1) === 46 ? 3 : 1
  const start = index - back
  if (start < 0) return undefined
  for (let i = start; i < index; i++) if (!isHex(text.charCodeAt(i))) return undefined
  if (start > 0 && isGlue(text.charCodeAt(start - 1))) return undefined
  return [start, index + match.length]
}

const isSeparator = (c: number): boolean => c === 58 || c === 45 || c === 46

// A separated form needs its separator again three units on (colon, dash) or five (dotted): most
// "hex + separator" pairs in prose ("done.", "A-") fail this before any regex runs.
function mayStartAt(text: string, at: number): boolean {
  const sep = text.charCodeAt(at + 1)
  if (sep === 58 || sep === 45) return text.charCodeAt(at + 4) === sep
  return sep !== 46 || text.charCodeAt(at + 6) === 46
}

/** Finds MAC addresses in colon, dash, dotted or (after a MAC label) bare notation; subtype 'local' for locally administered ones. */
export const macAddressDetector: Detector = {
  id: 'contact-mac-address',
  types: ['MAC_ADDRESS'],
  detect(input) {
    const text = input.text
    const found: Finding[] = []
    let bareEnd = 0
    let lastIndex = 0
    for (const pair of pairPassesOf(input).mac) {
      // A separator pair: the match starts at the hex digit before it.
      const at = isSeparator(text.charCodeAt(pair)) ? pair - 1 : pair
      if (at < lastIndex || at < 0 || !mayStartAt(text, at)) continue
      candidates.lastIndex = at
      const m = candidates.exec(text)
      if (m === null) continue
      const match = m[0]
      lastIndex = at + match.length
      if (m[1] !== undefined || match.length > 6) {
        const span = structured(text, m.index, match)
        const f = span && macFinding(text, span[0], span[1], false)
        if (f) found.push(f)
        continue
      }
      const labelEnd = m.index + match.length
      if (labelEnd < bareEnd || !isLabel(text, m.index, match)) continue
      const window = text.slice(labelEnd, labelEnd + 40)
      const hit = bareHex.exec(window)
      if (!hit) continue
      const start = labelEnd + hit.index
      bareEnd = start + 12
      const f = macFinding(text, start, bareEnd, true)
      if (f) found.push(f)
    }
    return found
  },
}
