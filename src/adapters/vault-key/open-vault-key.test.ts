import assert from 'node:assert/strict'
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { isSluiceError } from '../../app/errors.ts'
import { openVaultKey, vaultKeyFileIn } from './open-vault-key.ts'

const dirs: string[] = []
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'sluice-vault-key-'))
  dirs.push(d)
  return d
}

describe('openVaultKey', () => {
  it('creates a 32-byte key with mode 0600 once, then reads the same key', async () => {
    const dir = join(await tempDir(), 'data')
    const key = await openVaultKey(dir)
    assert.equal(key.length, 32)
    assert.equal((await stat(vaultKeyFileIn(dir))).mode & 0o777, 0o600)
    assert.deepEqual(await openVaultKey(dir), key)
  })

  it('refuses a key others can read, a damaged key, and a missing key when not creating', async () => {
    const dir = await tempDir()
    await assert.rejects(
      openVaultKey(dir, { create: false }),
      (e) => isSluiceError(e) && e.code === 'NOT_FOUND',
    )
    await openVaultKey(dir)
    await chmod(vaultKeyFileIn(dir), 0o644)
    await assert.rejects(openVaultKey(dir), (e) => isSluiceError(e) && /chmod 600/.test(e.message))
    await writeFile(vaultKeyFileIn(dir), 'short', { mode: 0o600 })
    await chmod(vaultKeyFileIn(dir), 0o600)
    await assert.rejects(openVaultKey(dir), (e) => isSluiceError(e) && /32 bytes/.test(e.message))
  })
})
