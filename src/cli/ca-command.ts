import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { UsageError } from './usage-error.ts'

/** Help text of `sluice ca`. */
export const caUsage = `usage: sluice ca init [--dir DIR] [--subject NAME] [--force]
  Creates the organisation CA that signs the certificates Sluice shows for intercepted HTTPS sites:
  ca.key (private key, mode 0600 — keep it on this server only), ca.pem and ca.der (the certificate,
  to install as a trusted root on managed PCs).
  --dir DIR       where to put the files (default: SLUICE_DATA_DIR or ./data)
  --subject NAME  the organisation name in the certificate, e.g. "Ministry of Examples" (default Sluice)
  --force         replace an existing CA; every PC must then be given the new certificate
`

/** What `sluice ca init` reports about the CA it made or found (a subset of the adapter's CA). */
export interface CaSummary {
  readonly certPem: string
  readonly created: boolean
  readonly fingerprintSha256: string
  readonly subject: string
  readonly notAfter: Date
  readonly files: { readonly key: string; readonly pem: string; readonly der: string }
}

/** What `runCaCommand` needs from the composition root. */
export interface CaCommandDeps {
  loadOrCreateCa(dir: string, options: { create: true; force: boolean; subject?: string }): Promise<CaSummary>
  readonly defaultDataDir: string
  /** Where output goes (default stdout). */
  readonly write?: (text: string) => void
}

/** Runs `sluice ca init`; resolves with the exit code (1 when a CA exists and --force was not given). */
export async function runCaCommand(argv: readonly string[], deps: CaCommandDeps): Promise<number> {
  const write = deps.write ?? ((text: string) => void process.stdout.write(text))
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      subject: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help || positionals.length === 0) {
    write(caUsage)
    return values.help ? 0 : 2
  }
  const [action, ...extra] = positionals
  if (action !== 'init') throw new UsageError(`unknown ca action '${action}'; use 'init'`)
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`)
  if (values.subject !== undefined && values.subject.trim() === '')
    throw new UsageError('--subject needs an organisation name')
  const dir = resolve(values.dir ?? deps.defaultDataDir)
  const ca = await deps.loadOrCreateCa(dir, {
    create: true,
    force: values.force,
    ...(values.subject === undefined ? {} : { subject: values.subject }),
  })
  if (!ca.created) {
    write(
      `a CA already exists in ${dir} (${ca.subject}, SHA-256 ${ca.fingerprintSha256}); not replaced.\n` +
        `use --force to replace it — every PC must then be given the new certificate.\n`,
    )
    return 1
  }
  write(describeCa(ca))
  return 0
}

function describeCa(ca: CaSummary): string {
  const { key, pem, der } = ca.files
  return `created the organisation CA: ${ca.subject}, valid until ${ca.notAfter.toISOString().slice(0, 10)}
  private key   ${key}   (mode 0600: never copy it off this server)
  certificate   ${pem}   (PEM)
                ${der}   (DER)
  SHA-256       ${ca.fingerprintSha256}
install the certificate as a trusted root on managed PCs (check the fingerprint after import):
  Windows (GPO)    Computer Configuration > Policies > Windows Settings > Security Settings > Public Key Policies > Trusted Root Certification Authorities > Import ${der}
  Windows (one PC) certutil -addstore -f Root ${der}
  macOS            sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${pem}
  Debian/Ubuntu    sudo cp ${pem} /usr/local/share/ca-certificates/sluice-ca.crt && sudo update-ca-certificates
  Firefox          policies.json: {"policies": {"Certificates": {"ImportEnterpriseRoots": true, "Install": ["${pem}"]}}}
  Node.js tools    NODE_EXTRA_CA_CERTS=${pem}
`
}
