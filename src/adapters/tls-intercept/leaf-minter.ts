// Per-host server certificates signed by the organisation CA. Every leaf shares ONE P-256 key pair
// generated when the CA is opened (kept in memory only): key generation is the slow part of minting and
// a per-host key buys nothing here, since whoever holds the CA key can mint any certificate anyway.
import { KeyObject, type webcrypto } from 'node:crypto'
import { isIP } from 'node:net'
import { SluiceError } from '../../app/errors.ts'
import { randomSerialHex } from './certificate-serial.ts'
import { LruCache } from './lru-cache.ts'
import { x509 } from './x509-provider.ts'

/** A minted leaf: PEM private key (PKCS#8) and PEM certificate, ready for `tls.createSecureContext`. */
export interface LeafCertificate {
  readonly key: string
  readonly cert: string
  readonly notAfter: Date
}

/** What the minter needs from the CA. */
export interface LeafIssuer {
  readonly name: x509.Name
  readonly signingKey: webcrypto.CryptoKey
  readonly publicKey: webcrypto.CryptoKey
  readonly notBefore: Date
  readonly notAfter: Date
}

const day = 24 * 60 * 60 * 1000
/** Leaves live about a year (Apple caps locally trusted server certificates at 825 days). */
const leafLifetimeMs = 365 * day
/** Backdated a day so a PC whose clock runs slow still accepts a fresh leaf. */
const backdateMs = day
/** A cached leaf this close to expiry is minted again. */
const renewBeforeMs = day
/** DNS names are at most 253 characters; X.520 caps commonName at 64. */
const maxHostLength = 253
const maxCommonNameLength = 64
const dnsName = /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?$/

/**
 * The canonical form of a CONNECT host for minting: lowercase, no trailing dot, IPv6 without brackets.
 * Anything that is neither a DNS name nor an IP literal is refused (INVALID_INPUT).
 */
export function normaliseHost(host: string): string {
  let h = host.trim().toLowerCase()
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1)
  if (h.endsWith('.')) h = h.slice(0, -1)
  if (isIP(h) !== 0) return h
  if (h === '' || h.length > maxHostLength || !dnsName.test(h))
    throw new SluiceError(
      'INVALID_INPUT',
      `cannot mint a certificate for '${host}': not a host name or IP address`,
    )
  return h
}

/** Mints leaves for hosts, caching them (LRU) and minting each host once even under concurrent asks. */
export class LeafMinter {
  readonly #issuer: LeafIssuer
  readonly #cache: LruCache<string, LeafCertificate>
  readonly #inFlight = new Map<string, Promise<LeafCertificate>>()
  readonly #now: () => Date
  #shared: Promise<{ publicKey: x509.PublicKey; keyPem: string; extensions: x509.Extension[] }> | undefined

  constructor(issuer: LeafIssuer, options: { cacheSize: number; now: () => Date }) {
    this.#issuer = issuer
    this.#cache = new LruCache(options.cacheSize)
    this.#now = options.now
  }

  /** The leaf for `host` from the cache, or freshly minted. */
  leafFor(host: string): Promise<LeafCertificate> {
    let name: string
    try {
      name = normaliseHost(host)
    } catch (error) {
      return Promise.reject(error)
    }
    const cached = this.#cache.get(name)
    if (cached !== undefined && cached.notAfter.getTime() - this.#now().getTime() > renewBeforeMs)
      return Promise.resolve(cached)
    const pending = this.#inFlight.get(name)
    if (pending !== undefined) return pending
    const minting = this.#mint(name).then(
      (leaf) => {
        this.#inFlight.delete(name)
        this.#cache.set(name, leaf)
        return leaf
      },
      (error: unknown) => {
        this.#inFlight.delete(name)
        throw error
      },
    )
    this.#inFlight.set(name, minting)
    return minting
  }

  /** The one key pair all leaves share, with the extensions that depend only on keys (computed once). */
  #sharedParts() {
    this.#shared ??= (async () => {
      const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
        'sign',
        'verify',
      ])) as webcrypto.CryptoKeyPair
      const keyPem = KeyObject.from(keys.privateKey).export({ type: 'pkcs8', format: 'pem' }) as string
      const extensions: x509.Extension[] = [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false),
        await x509.AuthorityKeyIdentifierExtension.create(this.#issuer.publicKey, false),
      ]
      // Exported once: handing the generator a CryptoKey would re-export it to SPKI on every mint.
      const publicKey = await x509.PublicKey.create(keys.publicKey)
      return { publicKey, keyPem, extensions }
    })()
    return this.#shared
  }

  async #mint(host: string): Promise<LeafCertificate> {
    const issuer = this.#issuer
    const now = this.#now().getTime()
    if (issuer.notAfter.getTime() <= now + renewBeforeMs)
      throw new SluiceError(
        'CONFIG_INVALID',
        `the organisation CA expires on ${issuer.notAfter.toISOString()}; create a new one with 'sluice ca init --force' and distribute it`,
      )
    const shared = await this.#sharedParts()
    const notBefore = new Date(Math.max(now - backdateMs, issuer.notBefore.getTime()))
    const notAfter = new Date(Math.min(now + leafLifetimeMs, issuer.notAfter.getTime()))
    const altName: x509.JsonGeneralName = { type: isIP(host) === 0 ? 'dns' : 'ip', value: host }
    // Browsers match only the SAN; CN is kept for old tools but only where it fits X.520's 64 characters.
    const subject: x509.JsonName =
      host.length <= maxCommonNameLength ? [{ O: ['Sluice'] }, { CN: [host] }] : [{ O: ['Sluice'] }]
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerialHex(),
      subject,
      issuer: issuer.name,
      notBefore,
      notAfter,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
      publicKey: shared.publicKey,
      signingKey: issuer.signingKey,
      extensions: [...shared.extensions, new x509.SubjectAlternativeNameExtension([altName], false)],
    })
    return { key: shared.keyPem, cert: certificate.toString('pem'), notAfter }
  }
}
