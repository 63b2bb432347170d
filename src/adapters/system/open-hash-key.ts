import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * The key for keyed-hash redaction: from the environment if given, else `hash.key` in the data
 * directory, created once (mode 0600) so hashes stay linkable across restarts.
 */
export async function openHashKey(dataDir: string, fromEnv: string | undefined): Promise<Uint8Array> {
  if (fromEnv !== undefined) return new TextEncoder().encode(fromEnv)
  const file = join(dataDir, 'hash.key')
  try {
    return new Uint8Array(await readFile(file))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  const key = randomBytes(32)
  try {
    await writeFile(file, key, { mode: 0o600, flag: 'wx' })
    return new Uint8Array(key)
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return new Uint8Array(await readFile(file))
    throw error
  }
}
