import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import { parseIpv4 } from '../../validators/parse-ipv4.ts'
import { parseIpv6 } from '../../validators/parse-ipv6.ts'
import { firstAtOrAfter, pairPassesOf } from '../text-scan/pair-passes.ts'
import { classifyIpv4, classifyIpv6 } from './classify-ip.ts'
import { createContextMatcher } from './context-matcher.ts'
import { makeFinding } from './make-finding.ts'

// One pass, two shapes, each led by a selective character pair so the scan skips prose quickly:
// IPv4 from "digit." and IPv6 from "hex:" or "::"; code reads back the rest of the first group.
// IPv4: four parts, not followed by a fifth (1.2.3.4.5) or glued to letters. IPv6 needs a second
// colon within reach (so clock times like 10:30 are not candidates); the groups sit in
// a lookahead captured and re-matched (an atomic group), so a failed right edge cannot backtrack
// through them; "a:a:a:…" input costs one attempt per position, not dozens.
const candidates =
  /\d\.\d{1,3}\.\d{1,3}\.\d{1,3}(?:\/\d{1,3})?(?![0-9A-Za-z_]|\.\d)|(?<![.:])(?:::|[0-9A-Fa-f]:(?=[0-9A-Fa-f]{0,4}:))(?=((?:[0-9A-Fa-f]{0,4}:){0,7}[0-9A-Fa-f.]{0,15}))\1(?:%[0-9A-Za-z._~-]{1,32})?(?:\/\d{1,3})?(?![0-9A-Za-z:_])/g

const near = createContextMatcher([
  'ip',
  'address',
  'addr',
  'server',
  'host',
  'ping',
  'ssh',
  'gateway',
  'dns',
  'subnet',
  'cidr',
  'proxy',
  'firewall',
  '서버',
  '주소',
  '접속',
  '게이트웨이',
  '아이피',
  '방화벽',
])
// A version or section label right before a dotted quad (v1.2.3.4, "버전은 1.2.3.4") means it is
// not an address. Whole words only: "server 1.2.3.4" must not read as "ver".
const versionLabel =
  /(?:^|[^A-Za-z])(?:v|ver|version|release|build|firmware|fw|rev|revision|section|chapter|figure|fig|table|step|clause|appendix)\.?\s*[:#]?\s*$|§\s*$|(?:버전|릴리스|펌웨어|빌드|그림|표|절|단계)[은는이가:]?\s*$/i

const isDigit = (c: number): boolean => c >= 48 && c <= 57
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
const isWordish = (c: number): boolean =>
  isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95

// Walks back over the rest of the first group (at most `max` more characters); -1 when the group is
// longer than that or glued to a word, a version prefix (v1.2.3.4) or another dotted/colon part.
function groupStart(text: string, at: number, max: number, ok: (c: number) => boolean, glue: string): number {
  let i = at
  while (i > 0 && at - i < max && ok(text.charCodeAt(i - 1))) i--
  if (i > 0 && (isWordish(text.charCodeAt(i - 1)) || glue.includes(text[i - 1] as string))) return -1
  return i
}

function ipv4Finding(text: string, start: number, raw: string): Finding | undefined {
  const slash = raw.indexOf('/')
  const address = slash === -1 ? raw : raw.slice(0, slash)
  const octets = parseIpv4(address)
  if (!octets) return undefined
  const prefix = slash === -1 ? -1 : Number(raw.slice(slash + 1))
  // An out-of-range prefix is not part of the address; keep the address alone.
  const end = start + (prefix >= 0 && prefix <= 32 ? raw.length : address.length)
  const kind = classifyIpv4(octets)
  const internal = kind === 'private' || kind === 'loopback'
  if (!internal && versionLabel.test(text.slice(Math.max(0, start - 24), start))) return undefined
  const context = near(text, start, end)
  // 1.2.3.4-style quads are as often outline numbers as addresses.
  const small = octets.every((o) => o < 10)
  const score = context ? 0.95 : small ? 0.6 : 0.85
  return makeFinding('IP_ADDRESS', start, end, score, kind, 'ipv4')
}

function ipv6Finding(text: string, start: number, raw: string): Finding | undefined {
  // x[::2] is a slice, not an address; [::1] after a URL scheme still counts.
  if (text[start - 1] === '[' && /[0-9A-Za-z)\]]/.test(text[start - 2] ?? '')) return undefined
  if (raw.indexOf(':') === raw.lastIndexOf(':')) return undefined
  let body = raw
  const slash = body.indexOf('/')
  if (slash !== -1) {
    if (Number(body.slice(slash + 1)) > 128) return undefined
    body = body.slice(0, slash)
  }
  const percent = body.indexOf('%')
  if (percent !== -1) body = body.slice(0, percent)
  let end = start + raw.length
  // Sentence punctuation after the address: "…::1." or "…::1:".
  if (slash === -1 && percent === -1) {
    while (body.endsWith('.') || (body.endsWith(':') && !body.endsWith('::'))) {
      body = body.slice(0, -1)
      end--
    }
  }
  const words = parseIpv6(body)
  if (!words || body === '::' || !/[0-9]/.test(body)) return undefined
  const kind = classifyIpv6(words)
  const hexDigits = body.replace(/[^0-9A-Fa-f]/g, '').length
  const compressed = body.includes('::')
  // Short compressed forms (1::2) collide with code and ratios; only ::1 is a common literal.
  const weak = compressed && hexDigits < 4 && kind !== 'loopback'
  const base = weak ? 0.45 : compressed ? 0.85 : 0.9
  const score = near(text, start, end) ? base + (weak ? 0.3 : 0.1) : base
  return makeFinding('IP_ADDRESS', start, end, score, kind, 'ipv6')
}

// The scan itself: `candidates` is tried (sticky) only where one of its branches can start, found
// with cheap searches: the dotted-quad core at the digit-dot pairs of the shared pair pass for IPv4, and colons for IPv6 ("hex:" with a
// second colon within reach, or "::"). Positions come in order, so the matches are the ones a
// global search with `candidates` finds.
const candidateAt = new RegExp(candidates.source, 'y')
const ipv4Core = /\d\.\d{1,3}\.\d{1,3}\.\d{1,3}/y
const none = Number.MAX_SAFE_INTEGER

// Where a global search with the core from `from` matches: it starts at a digit before '.', one of the
// pairs the shared pair pass lists (`starts`).
function nextIpv4(text: string, from: number, starts: readonly number[]): number {
  for (let k = firstAtOrAfter(starts, from); k < starts.length; k++) {
    const at = starts[k] as number
    const c = text.charCodeAt(at + 2)
    if (c < 48 || c > 57) continue
    ipv4Core.lastIndex = at
    if (ipv4Core.test(text)) return at
  }
  return none
}

function colonWithin(text: string, i: number): boolean {
  for (let k = 0; k <= 4; k++) {
    const c = text.charCodeAt(i + k)
    if (c === 58) return true
    if (!isHex(c)) return false
  }
  return false
}

function nextIpv6(text: string, from: number): number {
  for (let c = text.indexOf(':', from); c >= 0; c = text.indexOf(':', c + 1)) {
    if (c > from && isHex(text.charCodeAt(c - 1)) && colonWithin(text, c + 1)) return c - 1
    if (text.charCodeAt(c + 1) === 58) return c
  }
  return none
}

/** Finds IPv4 (optionally with /CIDR) and IPv6 addresses, classified as private, loopback, link-local or public. */
export const ipAddressDetector: Detector = {
  id: 'contact-ip-address',
  types: ['IP_ADDRESS'],
  detect(input) {
    const text = input.text
    const found: Finding[] = []
    const ipv4Starts = pairPassesOf(input).ipv4
    let from = 0
    let v4 = -1
    let v6 = -1
    for (;;) {
      if (v4 < from) v4 = nextIpv4(text, from, ipv4Starts)
      if (v6 < from) v6 = nextIpv6(text, from)
      const at = Math.min(v4, v6)
      if (at === none) break
      candidateAt.lastIndex = at
      const m = candidateAt.exec(text)
      if (m === null) {
        from = at + 1
        continue
      }
      from = at + m[0].length
      const isV6 = m[0].charCodeAt(1) === 58
      // "::" starts at the match; otherwise the first group may have up to three more characters before it.
      const back = isV6 ? (m[0].charCodeAt(0) === 58 ? 0 : 3) : 2
      const start = groupStart(text, at, back, isV6 ? isHex : isDigit, isV6 ? '.:' : '.')
      const raw = start < 0 ? '' : text.slice(start, at + m[0].length)
      const f = start < 0 ? undefined : isV6 ? ipv6Finding(text, start, raw) : ipv4Finding(text, start, raw)
      if (f) found.push(f)
      // A rejected IPv6 shape may still hold an IPv4 address (text::ffff:192.0.2.1): look inside it.
      else if (isV6) from = at + 2
    }
    return found
  },
}
