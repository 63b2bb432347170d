// The ledger's checkpoint signing key: an Ed25519 pair in the data directory, made on first use.
// `ledger-signing.key` (PKCS#8 PEM, mode 0600) never leaves this machine; `ledger-signing.pub`
// (SPKI PEM) is what auditors and evidence bundles carry.
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto'
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { CheckpointSigner } from '../../app/checkpoint-port.ts'
import { SluiceError } from '../../app/errors.ts'
import { signCheckpoint } from '../../core/ledger/checkpoint.ts'

/** The private key's file name in the data directory. */
export const signingKeyFileName = 'ledger-signing.key'
/** The public key's file name in the data directory. */
export const publicKeyFileName = 'ledger-signing.pub'

/**
 * The checkpoint signer of `dataDir`: loads `ledger-signing.key`, or creates the pair when it is
 * missing (the directory too, mode 0700). Fails with CONFIG_INVALID when the key file is readable by
 * others than its owner, is not an Ed25519 private key, or the public key file does not match it.
 */
export async function openLedgerSigningKey(dataDir: string): Promise<CheckpointSigner> {
  const keyFile = join(dataDir, signingKeyFileName)
  const pubFile = join(dataDir, publicKeyFileName)
  let privateKeyPem: string
  try {
    privateKeyPem = await readFile(keyFile, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw cannot(keyFile, error)
    await mkdir(dataDir, { recursive: true, mode: 0o700 })
    const pair = generateKeyPairSync('ed25519')
    privateKeyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    // 'wx': two instances starting at once must not overwrite each other's fresh key.
    try {
      await writeFile(keyFile, privateKeyPem, { mode: 0o600, flag: 'wx' })
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw cannot(keyFile, raced)
      privateKeyPem = await readFile(keyFile, 'utf8')
    }
  }
  const mode = (await stat(keyFile)).mode & 0o777
  if ((mode & 0o077) !== 0) {
    throw new SluiceError(
      'CONFIG_INVALID',
      `${keyFile} is readable by others (mode ${mode.toString(8)}); run chmod 600 on it`,
    )
  }
  let publicKeyPem: string
  try {
    const key = createPrivateKey(privateKeyPem)
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`a ${key.asymmetricKeyType} key, not Ed25519`)
    publicKeyPem = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString()
  } catch (error) {
    throw new SluiceError('CONFIG_INVALID', `${keyFile} is not an Ed25519 private key: ${messageOf(error)}`)
  }
  const existing = await readFile(pubFile, 'utf8').catch(() => undefined)
  if (existing === undefined) {
    await writeFile(pubFile, publicKeyPem, { mode: 0o644 })
    await chmod(pubFile, 0o644)
  } else if (existing.trim() !== publicKeyPem.trim()) {
    throw new SluiceError('CONFIG_INVALID', `${pubFile} is not the public key of ${keyFile}`)
  }
  return { publicKeyPem, sign: (body) => signCheckpoint(body, privateKeyPem) }
}

/** The public key (SPKI PEM) in `dataDir`, or undefined when there is none yet. */
export async function readLedgerPublicKey(dataDir: string): Promise<string | undefined> {
  try {
    return await readFile(join(dataDir, publicKeyFileName), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw cannot(join(dataDir, publicKeyFileName), error)
  }
}

function cannot(file: string, error: unknown): SluiceError {
  return new SluiceError('CONFIG_INVALID', `cannot read ${file}: ${messageOf(error)}`, { cause: error })
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
