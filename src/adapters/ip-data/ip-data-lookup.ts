import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { IpDataset, IpFacts, IpLookup } from '../../app/audit/audit-ports.ts'
import { SluiceError } from '../../app/errors.ts'
import { parseIpv4, parseIpv6 } from './parse-ip.ts'
import {
  buildIpv4Table,
  buildIpv6Table,
  findIpv4,
  findIpv6,
  type Ipv4Table,
  type Ipv6Table,
} from './range-tables.ts'
import { mappedIpv4, reservedIpv4, reservedIpv6 } from './reserved-ranges.ts'

/** Where the CSV packages live; tests may point elsewhere. */
export interface IpDataLocation {
  readonly countryDir: string
  readonly asnDir: string
}

const require = createRequire(import.meta.url)

/** The installed @ip-location-db packages. */
export function defaultIpDataLocation(): IpDataLocation {
  const dirOf = (pkg: string): string => dirname(require.resolve(`${pkg}/package.json`))
  return { countryDir: dirOf('@ip-location-db/geo-whois-asn-country'), asnDir: dirOf('@ip-location-db/asn') }
}

interface Tables {
  country4: Ipv4Table
  country6: Ipv6Table
  asn4: Ipv4Table
  asn6: Ipv6Table
}

function readText(dir: string, file: string): string {
  const path = join(dir, file)
  try {
    return readFileSync(path, 'utf8')
  } catch (cause) {
    throw new SluiceError('INTERNAL', `IP data file ${path} cannot be read: the installation is incomplete`, {
      cause,
    })
  }
}

function packageVersion(dir: string): string {
  try {
    return String(
      (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: unknown }).version,
    )
  } catch {
    return 'unknown'
  }
}

// ip-location-db versions encode the build time: 2.3.2026061719 → 2026-06-17.
function dateOfVersion(version: string): string {
  const m = /\.(\d{4})(\d{2})(\d{2})\d*$/.exec(version)
  return m ? `${m[1]}-${m[2]}-${m[3]}` : 'unknown'
}

// Tables are built once per location and process: reading ~60 MB of CSV takes about a second.
const cache = new Map<string, Tables>()

function tablesAt(location: IpDataLocation): Tables {
  const key = `${location.countryDir}\n${location.asnDir}`
  let tables = cache.get(key)
  if (tables === undefined) {
    tables = {
      country4: buildIpv4Table(readText(location.countryDir, 'geo-whois-asn-country-ipv4-num.csv')),
      country6: buildIpv6Table(readText(location.countryDir, 'geo-whois-asn-country-ipv6-num.csv')),
      asn4: buildIpv4Table(readText(location.asnDir, 'asn-ipv4-num.csv')),
      asn6: buildIpv6Table(readText(location.asnDir, 'asn-ipv6-num.csv')),
    }
    cache.set(key, tables)
  }
  return tables
}

function withAsn(facts: { ip: string; country?: string }, label: string | undefined): IpFacts {
  if (label === undefined) return facts
  const comma = label.indexOf(',')
  const asn = Number(comma < 0 ? label : label.slice(0, comma))
  const org = comma < 0 ? '' : label.slice(comma + 1)
  return { ...facts, ...(Number.isInteger(asn) && asn > 0 ? { asn } : {}), ...(org ? { asOrg: org } : {}) }
}

/**
 * IP lookups over the bundled CC0 country data (geo-whois-asn-country) and CC BY 4.0 ASN data
 * (RouteViews, NRO, DB-IP via @ip-location-db/asn). Tables are built lazily at the first lookup.
 * Special-purpose addresses are answered as reserved, without country or ASN.
 */
export function createIpDataLookup(location: IpDataLocation = defaultIpDataLocation()): IpLookup {
  const countryVersion = packageVersion(location.countryDir)
  const asnVersion = packageVersion(location.asnDir)
  const datasets: IpDataset[] = [
    {
      name: '@ip-location-db/geo-whois-asn-country',
      provides: 'IP → country (GeoFeed, RIR whois, RIR ASN country, merged)',
      licence: 'CC0-1.0 (package); underlying RIR data CC-BY-4.0 (NRO)',
      version: countryVersion,
      date: dateOfVersion(countryVersion),
      attribution:
        'ip-location-db (sapics); GeoFeeds (OpenGeoFeed); RIR whois and ASN data by the NRO (CC BY 4.0)',
    },
    {
      name: '@ip-location-db/asn',
      provides: 'IP → ASN and organisation',
      licence: 'CC-BY-4.0',
      version: asnVersion,
      date: dateOfVersion(asnVersion),
      attribution:
        'RouteViews (University of Oregon), NRO/RIR data, and IP to ASN Lite by DB-IP (https://db-ip.com), CC BY 4.0',
    },
  ]
  return {
    datasets,
    lookup(ip) {
      const v4 = parseIpv4(ip)
      if (v4 !== undefined) return lookup4(ip, v4)
      const v6 = parseIpv6(ip)
      if (v6 === undefined) return { ip, reserved: 'not an IP address' }
      const mapped = mappedIpv4(v6)
      if (mapped !== undefined) return lookup4(ip, mapped)
      const reserved = reservedIpv6(v6)
      if (reserved !== undefined) return { ip, reserved }
      const t = tablesAt(location)
      const country = findIpv6(t.country6, v6)
      return withAsn({ ip, ...(country ? { country } : {}) }, findIpv6(t.asn6, v6))
    },
  }
  function lookup4(ip: string, v4: number): IpFacts {
    const reserved = reservedIpv4(v4)
    if (reserved !== undefined) return { ip, reserved }
    const t = tablesAt(location)
    const country = findIpv4(t.country4, v4)
    return withAsn({ ip, ...(country ? { country } : {}) }, findIpv4(t.asn4, v4))
  }
}
