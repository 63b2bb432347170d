// Surface variants users produce and evasions a detector must see through (research §5.4).
import type { Rng } from './prng.ts'

// En dash, em dash, Hangul EU used as a dash, full-width hyphen-minus, hyphen, minus sign.
const dashVariants = ['\u2013', '\u2014', '\u3161', '\uff0d', '\u2010', '\u2212']
const zeroWidth = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']

const toFullWidth = (s: string): string =>
  s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + d.charCodeAt(0) - 48)).replace(/-/g, '\uff0d')

/**
 * Rewrites a numeric identifier the way real text sometimes carries it: full-width digits, another
 * dash, or a zero-width character between two digits. Most values are left alone.
 */
export function decorateNumber(rng: Rng, value: string): string {
  let out = value
  const r = rng.next()
  if (r < 0.05) out = toFullWidth(out)
  else if (r < 0.13 && out.includes('-')) {
    const dash = rng.pick(dashVariants)
    out = out.replace(/-/g, dash)
  }
  if (rng.chance(0.04)) {
    const spots: number[] = []
    for (let i = 1; i < out.length; i++)
      if (/\d/.test(out[i - 1] ?? '') && /\d/.test(out[i] ?? '')) spots.push(i)
    if (spots.length > 0) {
      const at = rng.pick(spots)
      out = `${out.slice(0, at)}${rng.pick(zeroWidth)}${out.slice(at)}`
    }
  }
  return out
}

// Final consonant of the Korean reading of each digit: 영 일 이 삼 사 오 육 칠 팔 구.
const digitCoda = ['ㅇ', 'ㄹ', '', 'ㅁ', '', '', 'ㄱ', 'ㄹ', 'ㄹ', '']

/** The final consonant (받침) the character is read with: '' for none, 'ㄹ' or another marker. */
export function codaOf(ch: string): string {
  const c = ch.charCodeAt(0)
  if (c >= 0x30 && c <= 0x39) return digitCoda[c - 0x30] ?? ''
  if (c >= 0xff10 && c <= 0xff19) return digitCoda[c - 0xff10] ?? ''
  if (c >= 0xac00 && c <= 0xd7a3) {
    const coda = (c - 0xac00) % 28
    return coda === 0 ? '' : coda === 8 ? 'ㄹ' : 'x'
  }
  const lower = ch.toLowerCase()
  if (lower === 'l' || lower === 'r') return 'ㄹ'
  return 'mnbkptg'.includes(lower) && lower !== '' ? 'x' : ''
}

/** Picks the particle form that agrees with the preceding character (로/으로, 은/는, 이/가, 을/를, 과/와). */
export function particle(kind: string, before: string): string {
  const coda = codaOf(before)
  switch (kind) {
    case 'ro':
      return coda === '' || coda === 'ㄹ' ? '로' : '으로'
    case 'eun':
      return coda === '' ? '는' : '은'
    case 'i':
      return coda === '' ? '가' : '이'
    case 'eul':
      return coda === '' ? '를' : '을'
    case 'wa':
      return coda === '' ? '와' : '과'
    default:
      throw new Error(`unknown particle {{~${kind}}}`)
  }
}
