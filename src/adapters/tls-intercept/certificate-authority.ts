// The organisation CA: an ECDSA P-256 key and a self-signed CA certificate in one directory —
// ca.key (PKCS#8 PEM, owner-only), ca.pem and ca.der (the certificate, for distribution to managed PCs).
import { createPrivateKey, KeyObject, type webcrypto, X509Certificate } from 'node:crypto'
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SluiceError } from '../../app/errors.ts'
import { randomSerialHex } from './certificate-serial.ts'
import { type LeafCertificate, LeafMinter } from './leaf-minter.ts'
import { x509 } from './x509-provider.ts'

/** The organisation CA, able to mint server certificates for intercepted hosts. */
export interface CertificateAuthority {
  /** The CA certificate (PEM), what managed PCs trust. */
  readonly certPem: string
  /** The CA private key (PKCS#8 PEM). */
  readonly keyPem: string
  /** A leaf certificate for `host` (DNS name or IP literal), cached per host. */
  leafFor(host: string): Promise<LeafCertificate>
  /** True when this call created the CA; false when an existing one was loaded. */
  readonly created: boolean
  /** SHA-256 fingerprint of the CA certificate, colon-separated hex (as browsers and certutil show it). */
  readonly fingerprintSha256: string
  /** The CA certificate's subject, e.g. `CN=Sluice Organisation CA, O=Ministry`. */
  readonly subject: string
  readonly notAfter: Date
  /** Where the files are. */
  readonly files: { readonly key: string; readonly pem: string; readonly der: string }
}

/** Options of {@link loadOrCreateCa}. */
export interface LoadOrCreateCaOptions {
  /** Create the CA when the directory has none (default false: a missing CA is an error). */
  readonly create?: boolean
  /** Replace an existing CA with a new one (implies create). Previously minted leaves stop being trusted. */
  readonly force?: boolean
  /** The organisation name, the certificate's O= (default "Sluice"). */
  readonly subject?: string
  /** How many host leaves to keep (default 1,000). */
  readonly leafCacheSize?: number
  /** Clock, for tests of expiry. */
  readonly now?: () => Date
}

const caCommonName = 'Sluice Organisation CA'
const caLifetimeMs = 10 * 365.25 * 24 * 60 * 60 * 1000
const defaultLeafCacheSize = 1000

/** The paths of the CA files in `dir`. */
export function caFiles(dir: string): { key: string; pem: string; der: string } {
  return { key: join(dir, 'ca.key'), pem: join(dir, 'ca.pem'), der: join(dir, 'ca.der') }
}

/**
 * Opens the organisation CA in `dir`; with `create`, makes one when none exists; with `force`, always
 * makes a new one. Refuses a key file that group or others can access, a key that does not match the
 * certificate, a certificate that is not a CA, and an expired CA (CONFIG_INVALID, naming the fix).
 */
export async function loadOrCreateCa(
  dir: string,
  options: LoadOrCreateCaOptions = {},
): Promise<CertificateAuthority> {
  const files = caFiles(dir)
  const now = options.now ?? (() => new Date())
  const present = await Promise.all([exists(files.key), exists(files.pem)])
  if (options.force !== true && present[0] && present[1]) return openCa(files, options, now, false)
  if (options.force !== true && (present[0] || present[1]))
    throw new SluiceError(
      'CONFIG_INVALID',
      `incomplete CA in ${dir}: ${present[0] ? files.pem : files.key} is missing; restore it, or replace the CA with 'sluice ca init --force'`,
    )
  if (options.create !== true && options.force !== true)
    throw new SluiceError(
      'CONFIG_INVALID',
      `no organisation CA in ${dir}; create one with 'sluice ca init --dir ${dir}'`,
    )
  await createCaFiles(dir, files, options.subject ?? 'Sluice', now())
  return openCa(files, options, now, true)
}

async function createCaFiles(
  dir: string,
  files: { key: string; pem: string; der: string },
  organisation: string,
  now: Date,
): Promise<void> {
  const org = organisation.trim()
  if (org === '' || org.length > 64)
    throw new SluiceError('INVALID_INPUT', 'the CA subject (organisation name) must be 1–64 characters')
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair
  const name: x509.JsonName = [{ O: [org] }, { CN: [caCommonName] }]
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialHex(),
    name,
    notBefore: new Date(now.getTime() - 60 * 60 * 1000),
    notAfter: new Date(now.getTime() + caLifetimeMs),
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    keys,
    extensions: [
      // pathLen 0: this CA signs leaves only, never another CA.
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false),
    ],
  })
  const keyPem = KeyObject.from(keys.privateKey).export({ type: 'pkcs8', format: 'pem' }) as string
  await mkdir(dir, { recursive: true })
  // Each file is written beside its final name and renamed, so a crash never leaves half a key, and the
  // key is created 0600 from the start (never briefly readable by others).
  await writeAtomically(files.key, keyPem, 0o600)
  await writeAtomically(files.pem, certificate.toString('pem'), 0o644)
  await writeAtomically(files.der, Buffer.from(certificate.rawData), 0o644)
}

async function openCa(
  files: { key: string; pem: string; der: string },
  options: LoadOrCreateCaOptions,
  now: () => Date,
  created: boolean,
): Promise<CertificateAuthority> {
  await checkKeyFileMode(files.key)
  const [keyPem, certPem] = await Promise.all([readFile(files.key, 'utf8'), readFile(files.pem, 'utf8')])
  let keyObject: KeyObject
  let certificate: X509Certificate
  try {
    keyObject = createPrivateKey(keyPem)
    certificate = new X509Certificate(certPem)
  } catch (error) {
    throw new SluiceError(
      'CONFIG_INVALID',
      `cannot read the CA in ${files.key} / ${files.pem}: ${(error as Error).message}`,
      {
        cause: error,
      },
    )
  }
  if (keyObject.asymmetricKeyType !== 'ec' || keyObject.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    throw new SluiceError(
      'CONFIG_INVALID',
      `${files.key} is not an ECDSA P-256 key; recreate the CA with 'sluice ca init --force'`,
    )
  if (!certificate.ca)
    throw new SluiceError(
      'CONFIG_INVALID',
      `${files.pem} is not a CA certificate (basicConstraints CA:false)`,
    )
  if (!certificate.checkPrivateKey(keyObject))
    throw new SluiceError('CONFIG_INVALID', `${files.key} does not belong to the certificate in ${files.pem}`)
  const notBefore = new Date(certificate.validFrom)
  const notAfter = new Date(certificate.validTo)
  if (notAfter.getTime() <= now().getTime())
    throw new SluiceError(
      'CONFIG_INVALID',
      `the organisation CA in ${files.pem} expired on ${notAfter.toISOString()}; create a new one with 'sluice ca init --force' and distribute it`,
    )
  // ca.der is only for distribution; rebuild it from ca.pem when someone deleted it.
  if (!(await exists(files.der))) await writeAtomically(files.der, certificate.raw, 0o644)
  const peculiarCert = new x509.X509Certificate(certPem)
  const signingKey = await keyObject.toCryptoKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])
  const publicKey = await peculiarCert.publicKey.export({ name: 'ECDSA', namedCurve: 'P-256' }, ['verify'])
  const minter = new LeafMinter(
    { name: new x509.Name(peculiarCert.subject), signingKey, publicKey, notBefore, notAfter },
    { cacheSize: options.leafCacheSize ?? defaultLeafCacheSize, now },
  )
  return {
    certPem,
    keyPem,
    created,
    fingerprintSha256: certificate.fingerprint256,
    subject: peculiarCert.subject,
    notAfter,
    files,
    leafFor: (host) => minter.leafFor(host),
  }
}

/** A private key readable by group or others is refused: whoever reads it can impersonate any site. */
async function checkKeyFileMode(path: string): Promise<void> {
  if (process.platform === 'win32') return // NTFS ACLs are not mode bits; nothing meaningful to check
  const mode = (await stat(path)).mode & 0o777
  if ((mode & 0o077) !== 0)
    throw new SluiceError(
      'CONFIG_INVALID',
      `the CA private key ${path} has mode ${mode.toString(8).padStart(4, '0')}: it must be readable by its owner only; run 'chmod 600 ${path}'`,
    )
}

async function writeAtomically(path: string, data: string | Buffer, mode: number): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`
  // 'wx' so the mode applies: a leftover temporary file from a crash is removed, never reused.
  await rm(temporary, { force: true })
  await writeFile(temporary, data, { mode, flag: 'wx' })
  await rename(temporary, path)
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw error
  }
}
