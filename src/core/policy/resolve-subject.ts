// Who is asking: a virtual API key names tenant, user and groups; the source address names the network
// zone. Keys are compared by their SHA-256, in constant time, against every stored hash.
import { timingSafeEqual } from 'node:crypto'
import { apiKeyHashPattern, hashApiKey } from './api-key-hash.ts'
import { type Cidr, cidrContains, parseCidr, parseIpAddress } from './cidr.ts'

/** A stored virtual key (hash only). */
export interface KeyEntry {
  readonly hash: string
  readonly tenant: string
  readonly user: string
  readonly groups?: readonly string[] | undefined
}

/** A network zone: source prefixes, the tenant it belongs to, and whether it may go without a key. */
export interface ZoneEntry {
  readonly id: string
  readonly cidrs: readonly string[]
  readonly tenant?: string | undefined
  readonly keyless?: boolean | undefined
}

/** The parts of the configuration that identify subjects. */
export interface SubjectSource {
  readonly keys: readonly KeyEntry[]
  readonly zones: readonly ZoneEntry[]
}

/** Who asked, or why they cannot be identified. */
export type Subject =
  | {
      readonly ok: true
      readonly tenant: string
      readonly user?: string
      readonly groups: readonly string[]
      readonly zone?: string
      /** True when the zone let the request in without a key. */
      readonly keyless: boolean
    }
  | { readonly ok: false; readonly reason: 'missing-key' | 'unknown-key' }

/** What the gateway knows about the connection. */
export interface SubjectInput {
  readonly apiKey?: string | undefined
  readonly remoteAddress: string
}

/** Resolves subjects for one configuration; build once per config with {@link compileSubjects}. */
export interface SubjectResolver {
  resolve(input: SubjectInput): Subject
}

interface CompiledZone {
  readonly entry: ZoneEntry
  readonly cidrs: readonly Cidr[]
}

/** Prepares a resolver. Throws when a zone prefix or key hash is malformed (the config schema checks both first). */
export function compileSubjects(source: SubjectSource): SubjectResolver {
  const keys = source.keys.map((k) => {
    if (!apiKeyHashPattern.test(k.hash)) throw new Error(`key hash '${k.hash}' is not sha256:<64 hex>`)
    return { entry: k, digest: Buffer.from(k.hash.slice(7), 'hex') }
  })
  const zones: CompiledZone[] = source.zones.map((z) => ({
    entry: z,
    cidrs: z.cidrs.map((text) => {
      const parsed = parseCidr(text)
      if (typeof parsed === 'string') throw new Error(`zone ${z.id}: ${parsed}`)
      return parsed
    }),
  }))

  function findZone(remoteAddress: string): ZoneEntry | undefined {
    const address = parseIpAddress(remoteAddress)
    if (!address) return undefined
    // The most specific prefix wins, so a /24 carved out of a /16 zone can be a zone of its own;
    // on equal length the zone listed first wins.
    let best: ZoneEntry | undefined
    let bestPrefix = -1
    for (const zone of zones) {
      for (const cidr of zone.cidrs) {
        if (cidr.prefix > bestPrefix && cidrContains(cidr, address)) {
          best = zone.entry
          bestPrefix = cidr.prefix
        }
      }
    }
    return best
  }

  function findKey(apiKey: string): KeyEntry | undefined {
    const digest = Buffer.from(hashApiKey(apiKey).slice(7), 'hex')
    let found: KeyEntry | undefined
    // No early exit: the time taken does not depend on which stored key (if any) matched.
    for (const k of keys) {
      if (timingSafeEqual(k.digest, digest) && found === undefined) found = k.entry
    }
    return found
  }

  return {
    resolve(input: SubjectInput): Subject {
      const zone = findZone(input.remoteAddress)
      const zoneField = zone === undefined ? {} : { zone: zone.id }
      if (input.apiKey !== undefined && input.apiKey !== '') {
        const key = findKey(input.apiKey)
        if (!key) return { ok: false, reason: 'unknown-key' }
        return {
          ok: true,
          tenant: key.tenant,
          user: key.user,
          groups: key.groups ?? [],
          ...zoneField,
          keyless: false,
        }
      }
      if (zone?.keyless === true && zone.tenant !== undefined) {
        return { ok: true, tenant: zone.tenant, groups: [], zone: zone.id, keyless: true }
      }
      return { ok: false, reason: 'missing-key' }
    },
  }
}

const resolvers = new WeakMap<SubjectSource, SubjectResolver>()

/**
 * Identifies who sent a request: by API key when one is given (an unknown key is refused, never
 * downgraded to the zone), else by a keyless zone the source address lies in. The resolver is built
 * once per configuration object and reused.
 */
export function resolveSubject(source: SubjectSource, input: SubjectInput): Subject {
  let resolver = resolvers.get(source)
  if (!resolver) {
    resolver = compileSubjects(source)
    resolvers.set(source, resolver)
  }
  return resolver.resolve(input)
}
