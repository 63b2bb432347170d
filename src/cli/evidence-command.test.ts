import assert from 'node:assert/strict'
import { createHash, generateKeyPairSync } from 'node:crypto'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  openLedgerSigningKey,
  readLedgerPublicKey,
} from '../adapters/ledger-signing/open-ledger-signing-key.ts'
import { ledgerFileIn, openSqliteLedger } from '../adapters/ledger-sqlite/open-sqlite-ledger.ts'
import { canonicalJson } from '../core/ledger/canonical-json.ts'
import { hashCanonicalRecord } from '../core/ledger/chain-hash.ts'
import { sampleDecisionEntry } from '../core/ledger/sample-entry.ts'
import { runEvidenceCommand } from './evidence-command.ts'
import { runLedgerCommand } from './ledger-command.ts'
import { UsageError } from './usage-error.ts'

const root = await mkdtemp(join(tmpdir(), 'sluice-evidence-cli-'))
after(() => rm(root, { recursive: true, force: true }))
const dataDir = join(root, 'data')
const bundle = join(root, 'bundle')

async function evidence(argv: readonly string[]): Promise<{ code: number; out: string }> {
  let out = ''
  const code = await runEvidenceCommand(argv, {
    write: (t) => {
      out += t
    },
  })
  return { code, out }
}

// A tampered copy of the bundle: `edit` changes the named file's text; `manifest` re-hashes it in the
// manifest too, as a forger would.
let copyNo = 0
async function tampered(file: string, edit: (text: string) => string, manifest = false): Promise<string> {
  const dir = join(root, `copy-${++copyNo}`)
  await cp(bundle, dir, { recursive: true })
  const text = edit(await readFile(join(dir, file), 'utf8'))
  await writeFile(join(dir, file), text)
  if (manifest) {
    const m = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'))
    m.files[file] = createHash('sha256').update(text).digest('hex')
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(m))
  }
  return dir
}

before(async () => {
  const store = await openSqliteLedger(ledgerFileIn(dataDir))
  await store.append(Array.from({ length: 90 }, (_, i) => sampleDecisionEntry(i)))
  await store.close()
  let out = ''
  const code = await runLedgerCommand(
    ['export', '--data', dataDir, '--out', bundle, '--recipient', 'Hangzhou DeepSeek'],
    {
      openLedger: (dir) => openSqliteLedger(ledgerFileIn(dir), { create: false }),
      defaultDataDir: dataDir,
      openSigner: openLedgerSigningKey,
      readPublicKey: readLedgerPublicKey,
      write: (t) => {
        out += t
      },
    },
  )
  assert.equal(code, 0, out)
})

describe('sluice evidence verify', () => {
  it('passes an untouched bundle, with the key pinned or not', async () => {
    const plain = await evidence(['verify', bundle])
    assert.equal(plain.code, 0, plain.out)
    assert.match(plain.out, /^ok: 30 records verified against the checkpoint of 90 records/)
    const pinned = await evidence(['verify', bundle, '--public-key', join(dataDir, 'ledger-signing.pub')])
    assert.equal(pinned.code, 0, pinned.out)
    const json = JSON.parse((await evidence(['verify', bundle, '--json'])).out)
    assert.equal(json.ok, true)
    assert.equal(json.recordsVerified, 30)
  })

  it('names the file and line of a changed record byte, even with the manifest re-hashed', async () => {
    const edit = (text: string) => {
      const lines = text.split('\n')
      lines[4] = (lines[4] ?? '').replace(/"action":"([a-z])/, '"action":"X$1')
      return lines.join('\n')
    }
    const plain = await evidence(['verify', await tampered('records.jsonl', edit)])
    assert.equal(plain.code, 1)
    assert.match(plain.out, /records\.jsonl: SHA-256 differs from the manifest/)
    const forged = await evidence(['verify', await tampered('records.jsonl', edit, true)])
    assert.equal(forged.code, 1)
    assert.match(
      forged.out,
      /records\.jsonl, line 5, record #14: record #14: the hash does not match its content/,
    )
  })

  it('catches a record re-hashed by a forger at its inclusion proof', async () => {
    const edit = (text: string) => {
      const lines = text.split('\n')
      const record = JSON.parse(lines[2] ?? '')
      record.entry.tenant = 'someone-else'
      record.hash = hashCanonicalRecord(record.prevHash, record.seq, canonicalJson(record.entry, 'entry'))
      lines[2] = JSON.stringify(record)
      return lines.join('\n')
    }
    const result = await evidence(['verify', await tampered('records.jsonl', edit, true)])
    assert.equal(result.code, 1)
    assert.match(
      result.out,
      /proofs\.jsonl, line 3, record #8: record #8: the inclusion proof does not lead to the signed root/,
    )
  })

  it('names a changed proof line and a changed checkpoint', async () => {
    const flip = (t: string) =>
      t.replace(
        /("proof":\["[0-9a-f]{10})([0-9a-f])/,
        (_, head: string, c: string) => `${head}${c === '0' ? '1' : '0'}`,
      )
    const proof = await evidence(['verify', await tampered('proofs.jsonl', flip, true)])
    assert.equal(proof.code, 1)
    assert.match(proof.out, /proofs\.jsonl, line 1, record #2/)
    const root = await evidence([
      'verify',
      await tampered(
        'checkpoints.json',
        (t) => t.replace(/"rootHash": "([0-9a-f])/, (_, c) => `"rootHash": "${c === 'a' ? 'b' : 'a'}`),
        true,
      ),
    ])
    assert.equal(root.code, 1)
    assert.match(root.out, /checkpoints\.json: the latest checkpoint is not signed by the public key/)
  })

  it('fails for another pinned key, a swapped public key, a missing or an added file', async () => {
    const other = join(root, 'other.pem')
    await writeFile(
      other,
      generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    )
    const pinned = await evidence(['verify', bundle, '--public-key', other])
    assert.equal(pinned.code, 1)
    assert.match(pinned.out, /public-key\.pem: not the pinned public key/)
    const otherText = await readFile(other, 'utf8')
    const swapped = await evidence(['verify', await tampered('public-key.pem', () => otherText, true)])
    assert.equal(swapped.code, 1)
    assert.match(swapped.out, /not signed by the public key/)
    const added = await tampered('summary.html', (t) => t)
    await writeFile(join(added, 'extra.txt'), 'hello')
    assert.match((await evidence(['verify', added])).out, /extra\.txt: not listed in the manifest/)
    const missing = await tampered('summary.html', (t) => t)
    await rm(join(missing, 'proofs.jsonl'))
    assert.match(
      (await evidence(['verify', missing])).out,
      /proofs\.jsonl: listed in the manifest but missing/,
    )
  })

  it('refuses bad usage', async () => {
    assert.equal((await evidence([])).code, 2)
    await assert.rejects(evidence(['check', bundle]), UsageError)
    await assert.rejects(evidence(['verify']), UsageError)
    await assert.rejects(evidence(['verify', bundle, '--public-key', join(root, 'nope.pem')]), UsageError)
  })
})
