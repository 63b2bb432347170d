import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { describe, it } from 'node:test'
import {
  checkpointMessage,
  checkpointProblem,
  checkpointSignatureValid,
  signCheckpoint,
} from './checkpoint.ts'

const pair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  }
}
const body = { treeSize: 42, rootHash: 'ab'.repeat(32), time: '2026-11-24T07:00:00.000Z' }

describe('checkpoint', () => {
  it('signs the labelled message and verifies with the public key only', () => {
    const keys = pair()
    assert.equal(
      checkpointMessage(body).toString(),
      `sluice/ledger/v1/checkpoint\n42\n${'ab'.repeat(32)}\n2026-11-24T07:00:00.000Z\n`,
    )
    const cp = signCheckpoint(body, keys.privateKeyPem)
    assert.equal(checkpointProblem(cp), undefined)
    assert.equal(checkpointSignatureValid(cp, keys.publicKeyPem), true)
    // Ed25519 is deterministic: the same body signs the same.
    assert.equal(signCheckpoint(body, keys.privateKeyPem).signature, cp.signature)
  })

  it('fails for any changed field, another key, or junk', () => {
    const keys = pair()
    const cp = signCheckpoint(body, keys.privateKeyPem)
    assert.equal(checkpointSignatureValid({ ...cp, treeSize: 41 }, keys.publicKeyPem), false)
    assert.equal(checkpointSignatureValid({ ...cp, rootHash: 'cd'.repeat(32) }, keys.publicKeyPem), false)
    assert.equal(
      checkpointSignatureValid({ ...cp, time: '2026-11-24T07:00:01.000Z' }, keys.publicKeyPem),
      false,
    )
    assert.equal(checkpointSignatureValid(cp, pair().publicKeyPem), false)
    assert.equal(checkpointSignatureValid(cp, 'not a key'), false)
    assert.equal(checkpointSignatureValid({ ...cp, extra: 1 }, keys.publicKeyPem), false)
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    })
    assert.equal(checkpointSignatureValid(cp, rsa.toString()), false)
    assert.match(checkpointProblem({ ...cp, rootHash: 'AB' }) ?? '', /rootHash/)
    assert.match(checkpointProblem({ ...cp, treeSize: -1 }) ?? '', /treeSize/)
    assert.match(checkpointProblem({ ...cp, time: 'yesterday' }) ?? '', /time/)
  })
})
