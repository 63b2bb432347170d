// Certificates for local stand-in HTTPS servers in tests and benches: a throwaway CA and leaves it signs
// (ECDSA P-256, SANs), made with the openssl command line. Nothing here is the product's CA (that is
// src/adapters/tls-intercept); this CA plays the public web PKI that the stand-in servers sit in.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** A PEM certificate and its PEM private key. */
export interface PemPair {
  readonly certPem: string
  readonly keyPem: string
}

/** A test CA that can sign leaf certificates. */
export interface TestCa extends PemPair {
  /** Signs a leaf for the given DNS names (the first is the subject CN), plus IP SAN 127.0.0.1. */
  issue(hosts: readonly string[]): Promise<PemPair>
}

async function openssl(args: readonly string[]): Promise<void> {
  try {
    await run('openssl', args, { timeout: 20_000 })
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? ''
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || (error as Error).message}`)
  }
}

async function inTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'sluice-test-cert-'))
  try {
    return await work(dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const hostPattern = /^[a-z0-9.-]+$/

/** Creates a self-signed ECDSA P-256 CA named `name`, valid for 30 days. */
export async function createTestCa(name: string): Promise<TestCa> {
  if (!/^[A-Za-z0-9 .-]+$/.test(name)) throw new Error(`test CA name must be plain words: ${name}`)
  const ca = await inTempDir(async (dir) => {
    const key = join(dir, 'ca.key')
    const cert = join(dir, 'ca.pem')
    // biome-ignore format: one option and its value per pair
    await openssl([
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
      '-keyout', key, '-out', cert, '-days', '30', '-subj', `/CN=${name}`,
      '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:0',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ])
    return { certPem: await readFile(cert, 'utf8'), keyPem: await readFile(key, 'utf8') }
  })
  return {
    ...ca,
    issue: (hosts) =>
      inTempDir(async (dir) => {
        const bad = hosts.find((h) => !hostPattern.test(h))
        if (hosts.length === 0 || bad !== undefined) throw new Error(`not a host name: ${bad ?? '(none)'}`)
        const caKey = join(dir, 'ca.key')
        const caCert = join(dir, 'ca.pem')
        const key = join(dir, 'leaf.key')
        const csr = join(dir, 'leaf.csr')
        const cert = join(dir, 'leaf.pem')
        const ext = join(dir, 'leaf.ext')
        await writeFile(caKey, ca.keyPem, { mode: 0o600 })
        await writeFile(caCert, ca.certPem)
        await writeFile(
          ext,
          [
            'basicConstraints=critical,CA:FALSE',
            'keyUsage=critical,digitalSignature',
            'extendedKeyUsage=serverAuth',
            `subjectAltName=${[...hosts.map((h) => `DNS:${h}`), 'IP:127.0.0.1'].join(',')}`,
            '',
          ].join('\n'),
        )
        // biome-ignore format: one option and its value per pair
        await openssl([
          'req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
          '-keyout', key, '-out', csr, '-subj', `/CN=${hosts[0]}`,
        ])
        // biome-ignore format: one option and its value per pair
        await openssl([
          'x509', '-req', '-in', csr, '-CA', caCert, '-CAkey', caKey, '-CAcreateserial',
          '-days', '29', '-sha256', '-extfile', ext, '-out', cert,
        ])
        return { certPem: await readFile(cert, 'utf8'), keyPem: await readFile(key, 'utf8') }
      }),
  }
}
