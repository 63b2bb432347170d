import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import { pairPassesOf } from '../text-scan/pair-passes.ts'
import { createContextMatcher } from './context-matcher.ts'
import { isKnownTld, knownTlds } from './known-tlds.ts'
import { makeFinding } from './make-finding.ts'

// Three anchors: a scheme, "www.", or ".tld" directly followed by a path or port. The host and the
// rest are then read forwards (or, for bare hosts, backwards) from there. Sticky, and tried only
// where an anchor can start (see anchorStarts), in text order: the anchors a global search finds.
const anchor = new RegExp(
  String.raw`(?<![A-Za-z0-9+.\-])(?:https?|s?ftp|ftps):\/\/|(?<![A-Za-z0-9.\-@/_])www\.|(?<=[A-Za-z0-9-])\.(?:${[...knownTlds].join('|')})(?=[/:])`,
  'iy',
)
const longestTld = Math.max(...[...knownTlds].map((t) => t.length))

// Hangul labels are allowed only when a dot follows (or as the 한국 TLD), so "example.com에서"
// ends the host at "com" and the particle stays outside the span.
const hostPattern =
  /(?:\[[0-9A-Fa-f:.]{2,45}(?:%25[0-9A-Za-z._~-]{1,32})?\]|(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)*(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?|한국|삼성))(?![A-Za-z0-9-])/uy
const userInfo = /[A-Za-z0-9._~%!$&'()*+,;=:-]{1,128}@/y
const port = /:[0-9]{1,5}(?![0-9])/y
// RFC 3986 characters only: raw Hangul ends the path, percent-encoded Hangul (%ED%95%9C) is kept.
// Capped so that trimming and bracket counting stay bounded on hostile input.
const rest = /[/?#][A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]{0,4095}/y
const bareHost = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,24}$/
const trailing = new Set(['.', ',', ';', ':', '!', '?', "'", '*'])
const openerOf: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' }

const near = createContextMatcher([
  'url',
  'link',
  '링크',
  'site',
  '사이트',
  'website',
  '홈페이지',
  'homepage',
  '접속',
])

function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at
  return pattern.exec(text)?.[0]
}

function countOf(url: string, c: string): number {
  let n = 0
  for (let i = url.indexOf(c); i !== -1; i = url.indexOf(c, i + 1)) n++
  return n
}

// Drops sentence punctuation and closing brackets that the URL itself did not open.
function trimEnd(text: string, start: number, end: number): number {
  const surplus: Record<string, number> = {}
  let e = end
  while (e > start) {
    const c = text[e - 1] as string
    const opener = openerOf[c]
    if (trailing.has(c)) {
      e--
      continue
    }
    if (opener === undefined) break
    const url = text.slice(start, e)
    surplus[c] ??= countOf(url, c) - countOf(url, opener)
    if ((surplus[c] ?? 0) <= 0) break
    surplus[c] = (surplus[c] ?? 0) - 1
    e--
  }
  return e
}

function readAfterHost(text: string, hostEnd: number): number {
  let end = hostEnd
  end += matchAt(port, text, end)?.length ?? 0
  end += matchAt(rest, text, end)?.length ?? 0
  return end
}

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

// Reads a bare host backwards from its TLD dot (at most 253 characters, the DNS limit).
function bareStart(text: string, dot: number): number {
  let i = dot
  while (i > 0 && dot - i < 253) {
    const c = text.charCodeAt(i - 1)
    if (!isAlnum(c) && c !== 46 && c !== 45) break
    i--
  }
  while (i < dot && !isAlnum(text.charCodeAt(i))) i++
  return i
}

function urlAt(text: string, anchorStart: number, anchor: string): Finding | undefined {
  const kind = anchor.endsWith('//') ? 'scheme' : anchor.toLowerCase() === 'www.' ? 'www' : 'bare'
  let start = anchorStart
  let hostEnd: number
  let score: number
  if (kind === 'bare') {
    start = bareStart(text, anchorStart)
    const before = text[start - 1]
    // After '@' it is an email; after '/' or '\' a file path or part of another URL.
    if (before === '@' || before === '/' || before === '\\' || before === '_') return undefined
    if (!bareHost.test(text.slice(start, anchorStart + anchor.length))) return undefined
    hostEnd = anchorStart + anchor.length
    score = 0.7
  } else {
    const hostStart = kind === 'scheme' ? start + anchor.length : start
    const credentials = kind === 'scheme' ? (matchAt(userInfo, text, hostStart)?.length ?? 0) : 0
    const host = matchAt(hostPattern, text, hostStart + credentials)
    if (host === undefined) return undefined
    hostEnd = hostStart + credentials + host.length
    if (kind === 'www') {
      const tld = host.slice(host.lastIndexOf('.') + 1)
      if (host.indexOf('.') === host.lastIndexOf('.') || !/^(?:[A-Za-z]{2,24}|한국|삼성)$/.test(tld))
        return undefined
      score = isKnownTld(tld) ? 0.85 : 0.7
    } else {
      // "http://microsoft" is a fragment; a dotted host, localhost, an IP literal or a port make it an address.
      const after = text.charCodeAt(hostEnd)
      if (!host.includes('.') && !host.startsWith('[') && host !== 'localhost' && after !== 58)
        return undefined
      // Above an IP address or email inside it, so the whole URL wins the overlap.
      score = 0.95
    }
  }
  const end = trimEnd(text, start, readAfterHost(text, hostEnd))
  // A bare host is only a URL when something follows it; "example.com" alone is just a name.
  if (kind === 'bare' && (end <= hostEnd || text[end - 1] === ':')) return undefined
  if (near(text, start, end)) score += 0.05
  return makeFinding('URL', start, end, score, undefined, 'url-syntax')
}

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

// ".tld" right before the '/' or ':' at `q`: the dot, when at most `longestTld` letters separate them.
function addTldDot(starts: number[], text: string, q: number): void {
  let k = 0
  while (k <= longestTld && isLetter(text.charCodeAt(q - 1 - k))) k++
  if (k >= 1 && k <= longestTld && text.charCodeAt(q - 1 - k) === 46) starts.push(q - 1 - k)
}

/**
 * Every position where `anchor` can match, ascending (with repeats), from the URL pairs of the shared
 * pair pass (`pairs`): a scheme ends at "://", "www." ends at "w." (either case), and a bare host's
 * TLD dot sits a few letters before '/' or ':'.
 */
function anchorStarts(text: string, pairs: readonly number[]): number[] {
  const starts: number[] = []
  for (const p of pairs) {
    const a = text.charCodeAt(p)
    const b = text.charCodeAt(p + 1)
    if (b === 47 || b === 58) {
      // A letter before '/' or ':' (a TLD's last letter), or the ":/" of "://".
      if (isLetter(a)) addTldDot(starts, text, p + 1)
      else if (a === 58 && text.charCodeAt(p + 2) === 47) {
        for (let s = Math.max(0, p - 5); s <= p - 3; s++) starts.push(s)
      }
    } else if (b === 46 && p >= 2) starts.push(p - 2) // "w." of "www."
  }
  return starts.sort((a, b) => a - b)
}

/** Finds URLs: http(s)/ftp schemes, `www.` hosts, and bare `host.tld/path` for common TLDs; never emails. */
export const urlDetector: Detector = {
  id: 'contact-url',
  types: ['URL'],
  detect(input) {
    const text = input.text
    const found: Finding[] = []
    let from = 0
    for (const at of anchorStarts(text, pairPassesOf(input).url)) {
      if (at < from) continue
      anchor.lastIndex = at
      const m = anchor.exec(text)
      if (m === null) continue
      const f = urlAt(text, at, m[0])
      if (f) found.push(f)
      from = f ? f.end : at + m[0].length
    }
    return found
  },
}
