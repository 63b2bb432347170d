// Territories that issue IBANs under their parent's code (Åland under FI, Jersey under GB) need no
// entry. Korea issues no IBANs: Korean accounts travel as SWIFT BIC plus a local account number.
/** IBAN length per country code, from the ISO 13616 registry kept by SWIFT. */
export const ibanLengths: ReadonlyMap<string, number> = new Map([
  ['AD', 24],
  ['AE', 23],
  ['AL', 28],
  ['AT', 20],
  ['AZ', 28],
  ['BA', 20],
  ['BE', 16],
  ['BG', 22],
  ['BH', 22],
  ['BI', 27],
  ['BR', 29],
  ['BY', 28],
  ['CH', 21],
  ['CR', 22],
  ['CY', 28],
  ['CZ', 24],
  ['DE', 22],
  ['DJ', 27],
  ['DK', 18],
  ['DO', 28],
  ['EE', 20],
  ['EG', 29],
  ['ES', 24],
  ['FI', 18],
  ['FK', 18],
  ['FO', 18],
  ['FR', 27],
  ['GB', 22],
  ['GE', 22],
  ['GI', 23],
  ['GL', 18],
  ['GR', 27],
  ['GT', 28],
  ['HN', 28],
  ['HR', 21],
  ['HU', 28],
  ['IE', 22],
  ['IL', 23],
  ['IQ', 23],
  ['IS', 26],
  ['IT', 27],
  ['JO', 30],
  ['KW', 30],
  ['KZ', 20],
  ['LB', 28],
  ['LC', 32],
  ['LI', 21],
  ['LT', 20],
  ['LU', 20],
  ['LV', 21],
  ['LY', 25],
  ['MC', 27],
  ['MD', 24],
  ['ME', 22],
  ['MK', 19],
  ['MN', 20],
  ['MR', 27],
  ['MT', 31],
  ['MU', 30],
  ['NI', 28],
  ['NL', 18],
  ['NO', 15],
  ['OM', 23],
  ['PK', 24],
  ['PL', 28],
  ['PS', 29],
  ['PT', 25],
  ['QA', 29],
  ['RO', 24],
  ['RS', 22],
  ['RU', 33],
  ['SA', 24],
  ['SC', 31],
  ['SD', 18],
  ['SE', 24],
  ['SI', 19],
  ['SK', 24],
  ['SM', 27],
  ['SO', 23],
  ['ST', 25],
  ['SV', 28],
  ['TL', 23],
  ['TN', 24],
  ['TR', 26],
  ['UA', 29],
  ['VA', 22],
  ['VG', 24],
  ['XK', 20],
  ['YE', 30],
])

// Folds one IBAN character into a running MOD 97 remainder, or returns -1 for one outside 0-9/A-Z.
// Letters expand to two digits (A = 10 … Z = 35), so they shift by 100 at once.
function fold(rest: number, c: number): number {
  if (c >= 48 && c <= 57) return (rest * 10 + (c - 48)) % 97
  if (c >= 65 && c <= 90) return (rest * 100 + (c - 55)) % 97
  return -1
}

/** ISO 7064 MOD 97-10 remainder of a compact IBAN (1 when valid), or -1 for a character outside 0-9/A-Z. */
export function ibanMod97(iban: string): number {
  let rest = 0
  const n = iban.length
  for (let k = 0; k < n; k++) {
    rest = fold(rest, iban.charCodeAt((k + 4) % n))
    if (rest < 0) return -1
  }
  return rest
}

/**
 * {@link ibanMod97} of the IBAN printed in text[start, end), single spaces between its characters
 * skipped: the same remainder as for the compact form, without building it.
 */
export function ibanMod97Span(text: string, start: number, end: number): number {
  let rest = 0
  let head = 0
  let headEnd = start
  while (head < 4 && headEnd < end) if (text.charCodeAt(headEnd++) !== 32) head++
  for (let i = headEnd; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c !== 32) rest = fold(rest, c)
    if (rest < 0) return -1
  }
  for (let i = start; i < headEnd; i++) {
    const c = text.charCodeAt(i)
    if (c !== 32) rest = fold(rest, c)
    if (rest < 0) return -1
  }
  return rest
}

// Country code as a number (first letter * 26 + second) → IBAN length, for lookups without a slice.
const lengthByCode = new Uint8Array(26 * 26)
for (const [country, length] of ibanLengths) {
  lengthByCode[(country.charCodeAt(0) - 65) * 26 + (country.charCodeAt(1) - 65)] = length
}

/** IBAN length for the country code at text[at, at + 2) (upper-case letters), or 0 when unregistered. */
export function ibanLengthAt(text: string, at: number): number {
  const a = text.charCodeAt(at) - 65
  const b = text.charCodeAt(at + 1) - 65
  return a >= 0 && a < 26 && b >= 0 && b < 26 ? (lengthByCode[a * 26 + b] as number) : 0
}

/** True when a compact, upper-case IBAN has a registry country, that country's length and mod 97 = 1. */
export function isValidIban(iban: string): boolean {
  const length = ibanLengths.get(iban.slice(0, 2))
  if (length === undefined || iban.length !== length) return false
  const check = iban.charCodeAt(2) - 48
  const check2 = iban.charCodeAt(3) - 48
  if (check < 0 || check > 9 || check2 < 0 || check2 > 9) return false
  return ibanMod97(iban) === 1
}
