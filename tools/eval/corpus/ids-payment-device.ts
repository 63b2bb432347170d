// Cards, IBANs, IMEIs, IP/MAC addresses and advertising IDs (research/pii-detection.md §3.10–§3.12).
import { ibanCheckDigits, luhnCheckDigit } from './check-digits.ts'
import type { Rng } from './prng.ts'

// [IIN prefix generator, length]: the full set a detector must accept, incl. Mastercard 2221–2720
// and Korean domestic-only 9-series cards that Presidio misses (§1.7, §3.10).
const cardBrands: readonly (readonly [(r: Rng) => string, number, number])[] = [
  [() => '4', 16, 6], // Visa
  [(r) => String(r.int(51, 55)), 16, 4], // Mastercard classic
  [(r) => String(r.int(2221, 2720)), 16, 3], // Mastercard 2-series
  [(r) => r.pick(['34', '37']), 15, 2], // Amex
  [(r) => r.pick(['6011', '65']), 16, 1], // Discover
  [(r) => String(r.int(3528, 3589)), 16, 2], // JCB
  [(r) => r.pick(['36', '38']), 14, 1], // Diners
  [() => '62', 16, 1], // UnionPay
  [(r) => `9${r.int(1, 4)}${r.digits(2)}`, 16, 3], // Korean domestic-only
]

/** A Luhn-valid card number across the IIN ranges, as bare digits. */
export function cardNumber(rng: Rng): string {
  const [prefix, length] = rng.weighted(cardBrands.map(([p, l, w]) => [[p, l] as const, w] as const))
  const head = prefix(rng)
  const body = head + rng.digits(length - 1 - head.length)
  return `${body}${luhnCheckDigit(body)}`
}

/** Groups a card number the way it is printed (4-4-4-4, Amex 4-6-5, Diners 4-6-4). */
export function groupCard(digits: string, sep: string): string {
  const sizes = digits.length === 15 ? [4, 6, 5] : digits.length === 14 ? [4, 6, 4] : [4, 4, 4, 4]
  const out: string[] = []
  let at = 0
  for (const n of sizes) {
    out.push(digits.slice(at, at + n))
    at += n
  }
  return out.join(sep)
}

const alpha = (rng: Rng, n: number): string =>
  Array.from({ length: n }, () => String.fromCharCode(65 + rng.int(0, 25))).join('')

// BBAN shapes of several IBAN countries (ISO 13616 registry lengths).
const bbans: readonly (readonly [string, (r: Rng) => string])[] = [
  ['DE', (r) => r.digits(18)],
  ['GB', (r) => `${alpha(r, 4)}${r.digits(14)}`],
  ['FR', (r) => r.digits(23)],
  ['ES', (r) => r.digits(20)],
  ['IT', (r) => `${alpha(r, 1)}${r.digits(22)}`],
  ['NL', (r) => `${alpha(r, 4)}${r.digits(10)}`],
  ['BE', (r) => r.digits(12)],
  ['CH', (r) => r.digits(17)],
  ['AT', (r) => r.digits(16)],
  ['PL', (r) => r.digits(24)],
]

/** A mod-97-valid IBAN, compact. */
export function iban(rng: Rng): string {
  const [country, bban] = rng.pick(bbans)
  const b = bban(rng)
  return `${country}${ibanCheckDigits(country, b)}${b}`
}

/** An IBAN printed in groups of four. */
export const groupIban = (compact: string): string => compact.replace(/(.{4})(?=.)/g, '$1 ')

/** A 15-digit IMEI: TAC (8) + serial (6) + Luhn check digit (§3.11). */
export function imei(rng: Rng): string {
  const body = `${rng.pick(['35', '86', '01', '49', '99'])}${rng.digits(12)}`
  return `${body}${luhnCheckDigit(body)}`
}

/** An IPv4 address, public or private. */
export function ipv4(rng: Rng): string {
  const kind = rng.int(0, 3)
  if (kind === 0) return `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`
  if (kind === 1) return `192.168.${rng.int(0, 255)}.${rng.int(1, 254)}`
  if (kind === 2) return `172.${rng.int(16, 31)}.${rng.int(0, 255)}.${rng.int(1, 254)}`
  return `${rng.int(11, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`
}

const hex = (rng: Rng, n: number): string =>
  Array.from({ length: n }, () => '0123456789abcdef'[rng.int(0, 15)]).join('')

/** An IPv6 address: full, compressed, or link-local. */
export function ipv6(rng: Rng): string {
  const group = (): string => hex(rng, rng.int(1, 4)).replace(/^0+(?=.)/, '')
  const kind = rng.int(0, 2)
  if (kind === 0) return Array.from({ length: 8 }, group).join(':')
  if (kind === 1) return `2001:db8:${group()}::${group()}:${group()}`
  return `fe80::${group()}:${group()}:${group()}:${hex(rng, 4)}`
}

/** A MAC address in colon, hyphen or Cisco dotted notation; never all-zero or broadcast. */
export function macAddress(rng: Rng): string {
  const octets = Array.from({ length: 6 }, () => hex(rng, 2))
  if (!octets.some((o) => o !== '00' && o !== 'ff')) octets[5] = '1a'
  const upper = rng.chance(0.5)
  const s = (x: string): string => (upper ? x.toUpperCase() : x)
  const kind = rng.int(0, 4)
  if (kind <= 1) return s(octets.join(':'))
  if (kind <= 3) return s(octets.join('-'))
  const flat = octets.join('')
  return s(`${flat.slice(0, 4)}.${flat.slice(4, 8)}.${flat.slice(8)}`)
}

/** A random version-4 UUID, lower case. */
export function uuid(rng: Rng): string {
  const variant = '89ab'[rng.int(0, 3)]
  return `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-${variant}${hex(rng, 3)}-${hex(rng, 12)}`
}
