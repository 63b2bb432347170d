// The content vault's master key: vault.key in the data directory, 32 random bytes, mode 0600. It
// wraps every data key, so it is refused when other users could read it or when it is not 32 bytes.
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SluiceError } from '../../app/errors.ts'

/** Path of the vault master key in `dataDir`. */
export function vaultKeyFileIn(dataDir: string): string {
  return join(dataDir, 'vault.key')
}

/**
 * Reads the vault master key in `dataDir`, creating it (mode 0600, and the directory 0700) the first
 * time unless `create` is false. Rejects with CONFIG_INVALID when the file is readable by group or
 * others, or is not 32 bytes; NOT_FOUND when it is missing and `create` is false.
 */
export async function openVaultKey(
  dataDir: string,
  options: { readonly create?: boolean } = {},
): Promise<Uint8Array> {
  const file = vaultKeyFileIn(dataDir)
  const existing = await readKey(file)
  if (existing !== undefined) return existing
  if (options.create === false)
    throw new SluiceError('NOT_FOUND', `no vault key at ${file} (check the data directory)`)
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  const key = randomBytes(32)
  try {
    await writeFile(file, key, { mode: 0o600, flag: 'wx' })
    return new Uint8Array(key)
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return (await readKey(file)) as Uint8Array
    throw error
  }
}

async function readKey(file: string): Promise<Uint8Array | undefined> {
  let mode: number
  try {
    mode = (await stat(file)).mode
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new SluiceError(
      'CONFIG_INVALID',
      `${file} is readable by other users (mode ${(mode & 0o777).toString(8)}): run chmod 600 ${file}`,
    )
  }
  const key = new Uint8Array(await readFile(file))
  if (key.length !== 32) {
    throw new SluiceError(
      'CONFIG_INVALID',
      `${file} must hold 32 bytes, it holds ${key.length}: it is damaged`,
    )
  }
  return key
}
