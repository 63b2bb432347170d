import assert from 'node:assert/strict'
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { isSluiceError } from '../../app/errors.ts'
import { checkpointSignatureValid } from '../../core/ledger/checkpoint.ts'
import { openLedgerSigningKey, readLedgerPublicKey } from './open-ledger-signing-key.ts'

const root = await mkdtemp(join(tmpdir(), 'sluice-signing-'))
after(() => rm(root, { recursive: true, force: true }))
const body = { treeSize: 3, rootHash: 'ab'.repeat(32), time: '2026-11-24T07:00:00Z' }
const isConfigInvalid = (e: unknown) => isSluiceError(e) && e.code === 'CONFIG_INVALID'

describe('openLedgerSigningKey', () => {
  it('creates the pair on first use (key 0600), then reuses it', async () => {
    const dir = join(root, 'fresh', 'data')
    assert.equal(await readLedgerPublicKey(dir), undefined)
    const signer = await openLedgerSigningKey(dir)
    assert.equal((await stat(join(dir, 'ledger-signing.key'))).mode & 0o777, 0o600)
    const pub = await readLedgerPublicKey(dir)
    assert.equal(pub, signer.publicKeyPem)
    assert.match(pub ?? '', /BEGIN PUBLIC KEY/)
    const cp = signer.sign(body)
    assert.equal(checkpointSignatureValid(cp, pub ?? ''), true)
    const again = await openLedgerSigningKey(dir)
    assert.equal(again.publicKeyPem, signer.publicKeyPem)
    assert.equal(again.sign(body).signature, cp.signature)
  })

  it('refuses a key others can read, a public key of another pair, and junk', async () => {
    const dir = join(root, 'checks')
    await openLedgerSigningKey(dir)
    await chmod(join(dir, 'ledger-signing.key'), 0o644)
    await assert.rejects(openLedgerSigningKey(dir), isConfigInvalid)
    await chmod(join(dir, 'ledger-signing.key'), 0o600)
    const other = join(root, 'other')
    await openLedgerSigningKey(other)
    await writeFile(join(dir, 'ledger-signing.pub'), await readFile(join(other, 'ledger-signing.pub')))
    await assert.rejects(openLedgerSigningKey(dir), isConfigInvalid)
    await writeFile(join(dir, 'ledger-signing.key'), 'not a key', { mode: 0o600 })
    await assert.rejects(openLedgerSigningKey(dir), isConfigInvalid)
  })
})
