import type { Detector } from '../../detection/detector.ts'
import type { Finding } from '../../detection/finding.ts'
import { firstAtOrAfter, pairPassesOf } from '../text-scan/pair-passes.ts'
import { createContextMatcher } from './context-matcher.ts'
import { fileExtensions, isKnownTld } from './known-tlds.ts'
import { makeFinding } from './make-finding.ts'

// The pass looks only for '@' and its spelled-out forms; the local part and the domain are then
// read outwards from there with bounded steps, so no pattern ever scans a long run twice. The word
// form is matched from its letters ("at " after a space) because a space-led branch slows the scan.
// Sticky, and tried only where an anchor can start (see detect), in text order: the same anchors
// a global search finds, without testing every position of the text.
const anchor = /@|[[({<] ?(?:[Aa][Tt]|@) ?[\])}>]|골뱅이|[Aa][Tt](?<= [Aa][Tt]) /y
// The "at"s an anchor can contain are those before a closing bracket or a space (/[Aa][Tt](?= ?[\])}>]| )/):
// nextWord takes them from the shared pair pass.

// The atext characters real mailboxes use, ASCII only: a Hangul label glued on the left
// ("메일은hong@…") stops the walk, and so do '=', '/', '?', '&', '#' and the like, which RFC 5322
// allows but which in practice separate a key or a path from the address (user=hong@…, /u/hong@…).
const localChars = new Uint8Array(128)
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'+_.%-") {
  localChars[c.charCodeAt(0)] = 1
}
const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

// Labels may be IDN (Hangul) but the last one must be an ASCII TLD, punycode or 한국/삼성; a label
// is only taken when a dot follows, so "example.com으로" ends at "com" and the particle stays out.
const idnDomain =
  /(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.){1,8}(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59}|한국|삼성)(?![A-Za-z0-9_-])/uy
// The common all-ASCII case without the Unicode-property machinery; "example.com으로" still ends at com.
const asciiDomain = /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,63}(?![A-Za-z0-9_-])/y
const obfuscatedDot = String.raw`(?: ?[[({<] ?(?:dot|\.) ?[\])}>] ?| dot |\.)`
const obfuscatedDomain = new RegExp(
  `(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?${obfuscatedDot}){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9_-])`,
  'iy',
)
const spelledDot = /[[({<] ?(?:dot|\.) ?[\])}>]| dot /i

const near = createContextMatcher(['email', 'e-mail', 'mail', '메일', '이메일', '연락'])
// Before the bare word "at" these are prose ("reach me at example dot com" names a site).
const proseWords = new Set(
  'i me we us you him her it them is are was be been look looking meet see stay staying work works working arrive arrived reach contact email mail available'.split(
    ' ',
  ),
)

function localStart(text: string, end: number): number {
  let i = end
  while (i > 0 && end - i <= 64) {
    const c = text.charCodeAt(i - 1)
    if (c >= 128 || localChars[c] !== 1) break
    i--
  }
  if (end - i > 64) return -1
  // Quotes and punctuation before an address belong to the sentence, not to the local part.
  while (i < end && !isAlnum(text.charCodeAt(i)) && text[i] !== '_') i++
  if (i === end) return -1
  const local = text.slice(i, end)
  return local.endsWith('.') || local.includes('..') ? -1 : i
}

function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at
  return pattern.exec(text)?.[0]
}

interface Domain {
  readonly end: number
  readonly spelled: boolean
  readonly tld: string
}

function readDomain(text: string, at: number, plainAllowed: boolean): Domain | undefined {
  let plain = plainAllowed ? matchAt(asciiDomain, text, at) : undefined
  // Non-ASCII labels or TLDs (회사.한국, example.co.한국) need the IDN pattern.
  const end = at + (plain?.length ?? 0)
  const moreLabels = plain !== undefined && text.charCodeAt(end) === 46 && text.charCodeAt(end + 1) >= 128
  if (plainAllowed && (plain === undefined || moreLabels)) plain = matchAt(idnDomain, text, at) ?? plain
  if (plain !== undefined) {
    const tld = plain.slice(plain.lastIndexOf('.') + 1)
    if (plain.length > 255 || fileExtensions.has(tld.toLowerCase())) return undefined
    return { end: at + plain.length, spelled: false, tld }
  }
  const spelled = matchAt(obfuscatedDomain, text, at)
  if (spelled === undefined || !spelledDot.test(spelled)) return undefined
  return { end: at + spelled.length, spelled: true, tld: '' }
}

function emailAt(text: string, anchorStart: number, anchor: string): Finding | undefined {
  const symbol = anchor === '@'
  const plainWord = anchor.length === 3 && anchor.endsWith(' ')
  // "[at]" may stand apart from its neighbours; the plain word has a space on each side.
  let localEnd = plainWord ? anchorStart - 1 : anchorStart
  let domainStart = anchorStart + anchor.length
  if (!symbol && !plainWord) {
    if (text[localEnd - 1] === ' ') localEnd--
    if (text[domainStart] === ' ') domainStart++
  }
  const start = localStart(text, localEnd)
  if (start < 0 || (plainWord && proseWords.has(text.slice(start, localEnd).toLowerCase()))) return undefined
  // "look at example.com" is prose: the bare word only counts with a spelled-out dot as well.
  const domain = readDomain(text, domainStart, !plainWord)
  if (!domain) return undefined
  const end = domain.end
  const tld = domain.tld
  let score: number
  if (symbol && !domain.spelled) score = isKnownTld(tld) ? 0.9 : 0.7
  else if (plainWord) score = 0.6
  else score = 0.8
  const obfuscated = !symbol || domain.spelled
  if (near(text, start, end)) score += plainWord ? 0.2 : 0.05
  return makeFinding(
    'EMAIL_ADDRESS',
    start,
    end,
    score,
    obfuscated ? 'obfuscated' : undefined,
    'email-syntax',
  )
}

const isOpening = (c: number): boolean => c === 91 || c === 40 || c === 123 || c === 60 // [ ( { <
const none = Number.MAX_SAFE_INTEGER

// The first place at or after `from` where an anchor can start around the '@' or "at" at `at`:
// a bracket one or two units before it, or the unit itself; `none` when there is none.
function around(text: string, at: number, from: number, word: boolean): number {
  const before = at > 0 ? text.charCodeAt(at - 1) : 0
  if (at - 2 >= from && before === 32 && isOpening(text.charCodeAt(at - 2))) return at - 2
  if (at - 1 >= from && isOpening(before)) return at - 1
  return !word || (before === 32 && text.charCodeAt(at + 2) === 32) ? at : none
}

function nextSign(text: string, from: number): number {
  const q = text.indexOf('@', from)
  return q < 0 ? none : around(text, q, from, false)
}

function nextSpelled(text: string, from: number): number {
  const q = text.indexOf('골뱅이', from)
  return q < 0 ? none : q
}

// The matches of `atWord` at or after `from`, from the "at" pairs of the shared pair pass (`ats`).
function nextWord(text: string, from: number, ats: readonly number[]): number {
  for (let k = firstAtOrAfter(ats, from); k < ats.length; k++) {
    const q = ats[k] as number
    // atWord's lookahead: a space, or a closing bracket after an optional space.
    const c = text.charCodeAt(q + 2)
    if (c !== 32 && c !== 93 && c !== 41 && c !== 125 && c !== 62) continue
    const at = around(text, q, from, true)
    if (at !== none) return at
  }
  return none
}

/** Finds email addresses, including IDN domains such as `.한국` and `[at]`/`(at)`/` at `+` dot ` obfuscations. */
export const emailAddressDetector: Detector = {
  id: 'contact-email-address',
  types: ['EMAIL_ADDRESS'],
  detect(input) {
    const text = input.text
    const found: Finding[] = []
    const ats = pairPassesOf(input).emailAt
    // Three sources of anchor starts ('@', 골뱅이, "at"), each searched only when the scan passes
    // its last answer, merged in text order: the anchors a global search with `anchor` finds.
    let from = 0
    let sign = -1
    let spelled = -1
    let word = -1
    for (;;) {
      if (sign < from) sign = nextSign(text, from)
      if (spelled < from) spelled = nextSpelled(text, from)
      if (word < from) word = nextWord(text, from, ats)
      const at = Math.min(sign, spelled, word)
      if (at === none) break
      // An '@' is its own anchor (no other one starts with it); the rest need the pattern.
      let match = '@'
      if (text.charCodeAt(at) !== 64) {
        anchor.lastIndex = at
        const m = anchor.exec(text)
        if (m === null) {
          from = at + 1
          continue
        }
        match = m[0]
      }
      const f = emailAt(text, at, match)
      if (f) found.push(f)
      from = f ? f.end : at + match.length
    }
    return found
  },
}
