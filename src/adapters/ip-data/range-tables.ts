import type { Ipv6Number } from './parse-ip.ts'

/**
 * IPv4 ranges as sorted, non-overlapping inclusive [start, end] pairs in typed arrays, each with an
 * index into `labels` (an interned country code or "ASN\torganisation"): ~12 bytes per range.
 */
export interface Ipv4Table {
  readonly starts: Uint32Array
  readonly ends: Uint32Array
  readonly values: Uint32Array
  readonly labels: readonly string[]
}

/** IPv6 ranges: each bound as two 64-bit halves (high, low) in BigUint64Arrays, sorted by start. */
export interface Ipv6Table {
  readonly startHi: BigUint64Array
  readonly startLo: BigUint64Array
  readonly endHi: BigUint64Array
  readonly endLo: BigUint64Array
  readonly values: Uint32Array
  readonly labels: readonly string[]
}

/** Binary search: the label of the range holding `ip`, or undefined. */
export function findIpv4(table: Ipv4Table, ip: number): string | undefined {
  let lo = 0
  let hi = table.starts.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    if ((table.starts[mid] as number) <= ip) lo = mid + 1
    else hi = mid - 1
  }
  // hi is now the last range starting at or before ip.
  if (hi < 0 || (table.ends[hi] as number) < ip) return undefined
  return table.labels[table.values[hi] as number]
}

const below = (aHi: bigint, aLo: bigint, bHi: bigint, bLo: bigint): boolean =>
  aHi < bHi || (aHi === bHi && aLo <= bLo)

/** Binary search over an IPv6 table. */
export function findIpv6(table: Ipv6Table, ip: Ipv6Number): string | undefined {
  let lo = 0
  let hi = table.startHi.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    if (below(table.startHi[mid] as bigint, table.startLo[mid] as bigint, ip.hi, ip.lo)) lo = mid + 1
    else hi = mid - 1
  }
  if (hi < 0) return undefined
  if (!below(ip.hi, ip.lo, table.endHi[hi] as bigint, table.endLo[hi] as bigint)) return undefined
  return table.labels[table.values[hi] as number]
}

/** Splits one CSV line of the ip-location-db "-num" files: start,end,rest (rest unquoted, `""` → `"`). */
function splitLine(line: string): [string, string, string] | undefined {
  const a = line.indexOf(',')
  const b = a < 0 ? -1 : line.indexOf(',', a + 1)
  if (b < 0) return undefined
  let rest = line.slice(b + 1)
  // The ASN files' last field is the organisation, quoted when it holds a comma.
  const comma = rest.indexOf(',')
  if (comma >= 0 && rest.charCodeAt(comma + 1) === 34 && rest.endsWith('"'))
    rest = `${rest.slice(0, comma + 1)}${rest.slice(comma + 2, -1).replaceAll('""', '"')}`
  return [line.slice(0, a), line.slice(a + 1, b), rest]
}

function intern(labels: string[], index: Map<string, number>, label: string): number {
  let i = index.get(label)
  if (i === undefined) {
    i = labels.length
    labels.push(label)
    index.set(label, i)
  }
  return i
}

/** Builds an IPv4 table from the text of an ip-location-db `*-ipv4-num.csv` file (already sorted). */
export function buildIpv4Table(csv: string): Ipv4Table {
  let count = 0
  for (let i = csv.indexOf('\n'); i >= 0; i = csv.indexOf('\n', i + 1)) count++
  count++
  const starts = new Uint32Array(count)
  const ends = new Uint32Array(count)
  const values = new Uint32Array(count)
  const labels: string[] = []
  const index = new Map<string, number>()
  let n = 0
  let pos = 0
  while (pos < csv.length) {
    let nl = csv.indexOf('\n', pos)
    if (nl < 0) nl = csv.length
    const fields = splitLine(csv.slice(pos, csv.charCodeAt(nl - 1) === 13 ? nl - 1 : nl))
    pos = nl + 1
    if (fields === undefined) continue
    const start = Number(fields[0])
    const end = Number(fields[1])
    if (!Number.isInteger(start) || !Number.isInteger(end) || end < start) continue
    // Ranges must be sorted for the binary search; an out-of-order row is dropped rather than trusted.
    if (n > 0 && start <= (ends[n - 1] as number)) continue
    starts[n] = start
    ends[n] = end
    values[n] = intern(labels, index, fields[2])
    n++
  }
  return { starts: starts.slice(0, n), ends: ends.slice(0, n), values: values.slice(0, n), labels }
}

const mask64 = (1n << 64n) - 1n

/** Builds an IPv6 table from the text of an ip-location-db `*-ipv6-num.csv` file (already sorted). */
export function buildIpv6Table(csv: string): Ipv6Table {
  const rows: [bigint, bigint, number][] = []
  const labels: string[] = []
  const index = new Map<string, number>()
  let pos = 0
  let lastEnd = -1n
  while (pos < csv.length) {
    let nl = csv.indexOf('\n', pos)
    if (nl < 0) nl = csv.length
    const fields = splitLine(csv.slice(pos, csv.charCodeAt(nl - 1) === 13 ? nl - 1 : nl))
    pos = nl + 1
    if (fields === undefined || !/^[0-9]+$/.test(fields[0]) || !/^[0-9]+$/.test(fields[1])) continue
    const start = BigInt(fields[0])
    const end = BigInt(fields[1])
    if (end < start || start <= lastEnd) continue
    lastEnd = end
    rows.push([start, end, intern(labels, index, fields[2])])
  }
  const table = {
    startHi: new BigUint64Array(rows.length),
    startLo: new BigUint64Array(rows.length),
    endHi: new BigUint64Array(rows.length),
    endLo: new BigUint64Array(rows.length),
    values: new Uint32Array(rows.length),
    labels,
  }
  rows.forEach(([start, end, value], i) => {
    table.startHi[i] = start >> 64n
    table.startLo[i] = start & mask64
    table.endHi[i] = end >> 64n
    table.endLo[i] = end & mask64
    table.values[i] = value
  })
  return table
}
