// Look-alikes that carry NO label: numbers near identifiers that a good detector must leave alone.
import { brnCheckDigit, luhnCheckDigit, passesLuhn } from './check-digits.ts'
import { uuid } from './ids-payment-device.ts'
import type { Rng } from './prng.ts'
import type { Slot } from './slots.ts'

const plain = (text: string): [{ text: string }] => [{ text }]

/** Digits of length n that fail Luhn, so no card or IMEI rule can claim them. */
function nonLuhn(rng: Rng, head: string, n: number): string {
  for (;;) {
    const d = head + rng.digits(n - head.length)
    if (!passesLuhn(d)) return d
  }
}

/** A 10-digit run whose BRN check digit is wrong. */
function nonBrn(rng: Rng, head: string): string {
  const first9 = head + rng.digits(9 - head.length)
  return `${first9}${(brnCheckDigit(first9) + rng.int(1, 9)) % 10}`
}

const pad2 = (n: number): string => String(n).padStart(2, '0')

/** Unlabelled slots used by hard-negative templates. */
export const negativeSlots: Readonly<Record<string, Slot>> = {
  orderNo: (r) =>
    plain(
      r.chance(0.5) ? `ORD-${r.int(2023, 2025)}${pad2(r.int(1, 12))}-${r.digits(6)}` : nonLuhn(r, '2024', 16),
    ),
  // A 13-digit millisecond timestamp: starts 17…, so YYMMDD month 40+ is no date, and it fails Luhn.
  epochMs: (r) => plain(nonLuhn(r, `17${r.int(40, 69)}`, 13)),
  isoTime: (r) =>
    plain(
      `2024-${pad2(r.int(1, 12))}-${pad2(r.int(1, 28))}${r.chance(0.5) ? 'T' : ' '}${pad2(r.int(0, 23))}:${pad2(r.int(0, 59))}:${pad2(r.int(0, 59))}${r.chance(0.5) ? 'Z' : ''}`,
    ),
  dateKo: (r) => plain(`${r.int(2020, 2025)}년 ${r.int(1, 12)}월 ${r.int(1, 28)}일`),
  version: (r) => plain(`${r.chance(0.5) ? 'v' : ''}${r.int(0, 12)}.${r.int(0, 30)}.${r.int(0, 99)}`),
  isbn: (r) => {
    for (;;) {
      const body = `97889${r.digits(7)}`
      const sum = [...body].reduce((s, c, i) => s + Number(c) * (i % 2 === 0 ? 1 : 3), 0)
      const d = `${body}${(10 - (sum % 10)) % 10}`
      if (!passesLuhn(d)) return plain(`978-89-${d.slice(5, 9)}-${d.slice(9, 12)}-${d.slice(12)}`)
    }
  },
  postal: (r) => plain(r.chance(0.8) ? `${r.int(0, 6)}${r.digits(4)}` : `${r.int(100, 799)}-${r.digits(3)}`),
  // Card-shaped and labelled as a card by its context, but the Luhn check fails.
  badCard: (r) => {
    const body = `4${r.digits(14)}`
    const d = `${body}${(luhnCheckDigit(body) + r.int(1, 9)) % 10}`
    return plain(`${d.slice(0, 4)}-${d.slice(4, 8)}-${d.slice(8, 12)}-${d.slice(12)}`)
  },
  // RRN-shaped with an impossible date (month 13–19, or 30/31 February).
  badRrn: (r) => {
    const date = r.chance(0.5)
      ? `${r.int(50, 99)}${r.int(13, 19)}${pad2(r.int(1, 28))}`
      : `${r.int(50, 99)}02${r.int(30, 31)}`
    return plain(`${date}-${r.int(1, 2)}${r.digits(6)}`)
  },
  requestId: (r) => plain(uuid(r)),
  amountKo: (r) => plain(`${(r.int(1, 9999) * 1000).toLocaleString('en-US')}원`),
  amountEn: (r) => plain(`$${r.int(1, 99999).toLocaleString('en-US')}.${pad2(r.int(0, 99))}`),
  invoice: (r) => plain(`INV-${r.int(2023, 2025)}-${r.digits(6)}`),
  taxInvoice: (r) =>
    plain(`${r.int(2023, 2025)}${pad2(r.int(1, 12))}${pad2(r.int(1, 28))}-${r.digits(8)}-${r.digits(8)}`),
  employeeNo: (r) => plain(`${r.int(2015, 2025)}${r.digits(4)}`),
  studentNo: (r) => plain(nonBrn(r, String(r.int(2015, 2025)))),
  extension: (r) => plain(String(r.int(1000, 9999))),
  count: (r) => plain(String(r.int(2, 300))),
  percent: (r) => plain(`${r.int(1, 99)}.${r.int(0, 9)}%`),
  productCode: (r) =>
    plain(`${r.pick(['SM', 'LG', 'KX', 'PR'])}-${r.int(100, 999)}${String.fromCharCode(65 + r.int(0, 25))}`),
  ticket: (r) => plain(`${r.pick(['JIRA', 'OPS', 'SEC', 'DATA'])}-${r.int(100, 9999)}`),
  commit: (r) => plain(Array.from({ length: 7 }, () => '0123456789abcdef'[r.int(0, 15)]).join('')),
  port: (r) => plain(String(r.pick([80, 443, 3000, 5432, 6379, 8080, 9092]))),
}
