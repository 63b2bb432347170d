import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { after, describe, it } from 'node:test'
import {
  openLedgerSigningKey,
  readLedgerPublicKey,
} from '../adapters/ledger-signing/open-ledger-signing-key.ts'
import { ledgerFileIn, openSqliteLedger } from '../adapters/ledger-sqlite/open-sqlite-ledger.ts'
import { isSluiceError } from '../app/errors.ts'
import { sampleDecisionEntry } from '../core/ledger/sample-entry.ts'
import { runLedgerCommand } from './ledger-command.ts'
import { UsageError } from './usage-error.ts'

const root = await mkdtemp(join(tmpdir(), 'sluice-ledger-cli-'))
after(() => rm(root, { recursive: true, force: true }))

let dirNo = 0
async function ledgerWith(n: number): Promise<string> {
  const dir = join(root, `data-${++dirNo}`)
  const store = await openSqliteLedger(ledgerFileIn(dir))
  await store.append(Array.from({ length: n }, (_, i) => sampleDecisionEntry(i)))
  await store.close()
  return dir
}

async function run(
  argv: readonly string[],
  defaultDataDir = join(root, 'default'),
): Promise<{ code: number; out: string }> {
  let out = ''
  const code = await runLedgerCommand(argv, {
    openLedger: (dir) => openSqliteLedger(ledgerFileIn(dir), { create: false }),
    defaultDataDir,
    write: (text) => {
      out += text
    },
  })
  return { code, out }
}

describe('sluice ledger verify', () => {
  it('reports an intact ledger with its record count and head', async () => {
    const dir = await ledgerWith(30)
    const store = await openSqliteLedger(ledgerFileIn(dir))
    const head = await store.head()
    await store.close()
    assert.deepEqual(await run(['verify', '--data', dir]), {
      code: 0,
      out: `ok: 30 records, head ${head.hash}\n`,
    })
    assert.deepEqual(await run(['verify'], dir), { code: 0, out: `ok: 30 records, head ${head.hash}\n` })
    const json = await run(['verify', '--data', dir, '--json'])
    assert.equal(json.code, 0)
    assert.deepEqual(JSON.parse(json.out), { ok: true, count: 30, headSeq: 30, headHash: head.hash })
  })

  it('names the first broken record and exits 1', async () => {
    const dir = await ledgerWith(30)
    const db = new DatabaseSync(ledgerFileIn(dir))
    db.prepare(
      `UPDATE ledger SET entry = replace(entry, '"action":"block"', '"action":"allow"') WHERE seq = 19`,
    ).run()
    db.prepare('DELETE FROM ledger WHERE seq = 25').run()
    db.close()
    const text = await run(['verify', '--data', dir])
    assert.equal(text.code, 1)
    assert.match(text.out, /^BROKEN at record #19: hash-mismatch \(.+\); 18 records before it are intact\n$/)
    const json = await run(['verify', '--data', dir, '--json'])
    assert.equal(json.code, 1)
    assert.deepEqual(JSON.parse(json.out).firstBroken.seq, 19)
  })

  it('fails with NOT_FOUND for a data directory without a ledger, creating nothing', async () => {
    await assert.rejects(
      run(['verify', '--data', join(root, 'nowhere')]),
      (e: unknown) => isSluiceError(e) && e.code === 'NOT_FOUND',
    )
    await assert.rejects(
      run(['verify', '--data', join(root, 'nowhere')]),
      (e: unknown) => isSluiceError(e) && e.code === 'NOT_FOUND',
    )
  })
})

describe('sluice ledger tail', () => {
  it('prints the last records, oldest first, metadata only', async () => {
    const dir = await ledgerWith(12)
    const { code, out } = await run(['tail', '-n', '3', '--data', dir])
    assert.equal(code, 0)
    const lines = out.trimEnd().split('\n')
    assert.equal(lines.length, 3)
    assert.deepEqual(
      lines.map((l) => l.split('  ')[0]),
      ['#10', '#11', '#12'],
    )
    const e = sampleDecisionEntry(11)
    assert.equal(
      lines[2],
      `#12  ${e.time}  ${e.tenant}  ${e.subject}  ${e.direction} → ${e.service} [${e.countries.join(',')}]  ${e.action}  rule ${e.rule}  EMAIL_ADDRESS×1 KR_RRN×2 PHONE_NUMBER×1  req ${e.requestId}`,
    )
  })

  it('prints records as JSON lines, and all of them when fewer than asked', async () => {
    const dir = await ledgerWith(4)
    const { out } = await run(['tail', '--json', '--data', dir])
    const records = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
    assert.deepEqual(
      records.map((r) => r.seq),
      [1, 2, 3, 4],
    )
    assert.deepEqual(records[3].entry, sampleDecisionEntry(3))
    assert.match(records[3].hash, /^[0-9a-f]{64}$/)
  })

  it('prints nothing for an empty ledger', async () => {
    const dir = await ledgerWith(0)
    assert.deepEqual(await run(['tail', '--data', dir]), { code: 0, out: '' })
  })
})

describe('sluice ledger usage', () => {
  it('prints help, and refuses unknown actions and bad counts', async () => {
    assert.equal((await run(['--help'])).code, 0)
    assert.match((await run([])).out, /^usage: sluice ledger verify/)
    assert.equal((await run([])).code, 2)
    for (const argv of [
      ['export'],
      ['tail', '-n', '0'],
      ['tail', '-n', 'x'],
      ['tail', '-n', '1.5'],
      ['verify', '-n', '3'],
      ['verify', 'extra'],
    ]) {
      await assert.rejects(run(argv), UsageError, argv.join(' '))
    }
  })
})

describe('sluice ledger verify with checkpoints', () => {
  const withKeys = async (argv: readonly string[]) => {
    let out = ''
    const code = await runLedgerCommand(argv, {
      openLedger: (dir) => openSqliteLedger(ledgerFileIn(dir), { create: false }),
      defaultDataDir: join(root, 'default'),
      readPublicKey: readLedgerPublicKey,
      openSigner: openLedgerSigningKey,
      extraFiles: async ({ filter }) => [
        { name: 'directives.json', content: `${JSON.stringify({ filter })}\n` },
      ],
      now: () => new Date('2026-11-24T08:00:00.000Z'),
      write: (text) => {
        out += text
      },
    })
    return { code, out }
  }

  it('checks the signed checkpoint and catches records cut off the end', async () => {
    const dir = await ledgerWith(40)
    assert.match((await withKeys(['verify', '--data', dir])).out, /\ncheckpoints: none yet\n$/)
    // An export checkpoints the ledger first.
    const out = join(root, `bundle-${dirNo}`)
    const exported = await withKeys(['export', '--data', dir, '--out', out])
    assert.equal(exported.code, 0, exported.out)
    const ok = await withKeys(['verify', '--data', dir])
    assert.equal(ok.code, 0)
    assert.match(
      ok.out,
      /checkpoints: 1 ok, latest covers 40 records, root [0-9a-f]{64}, signed 2026-11-24T08:00:00.000Z\n$/,
    )
    const db = new DatabaseSync(ledgerFileIn(dir))
    db.prepare('DELETE FROM ledger WHERE seq > 35').run()
    db.close()
    const cut = await withKeys(['verify', '--data', dir])
    assert.equal(cut.code, 1)
    assert.match(
      cut.out,
      /^ok: 35 records, head [0-9a-f]{64}\nCHECKPOINT FAILED \(truncated\) at 40 records: /,
    )
    const json = JSON.parse((await withKeys(['verify', '--data', dir, '--json'])).out)
    assert.equal(json.checkpoints.status, 'truncated')
  })

  it('exports a time range with extra files, and refuses a non-empty output directory', async () => {
    const dir = await ledgerWith(50)
    const out = join(root, `bundle-${dirNo}`)
    const from = sampleDecisionEntry(10).time
    const to = sampleDecisionEntry(20).time
    const result = await withKeys(['export', '--data', dir, '--out', out, '--from', from, '--to', to])
    assert.equal(result.code, 0, result.out)
    assert.match(result.out, /^wrote 10 records with proofs against the checkpoint of 50 records/)
    const records = (await readFile(join(out, 'records.jsonl'), 'utf8')).trimEnd().split('\n')
    assert.deepEqual(
      records.map((l) => JSON.parse(l).seq),
      [11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
    )
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'))
    assert.deepEqual(Object.keys(manifest.files).sort(), [
      'checkpoints.json',
      'directives.json',
      'proofs.jsonl',
      'public-key.pem',
      'records.jsonl',
      'summary.html',
    ])
    assert.match(
      await readFile(join(out, 'summary.html'), 'utf8'),
      /<strong>10<\/strong> ledger records \(#11 to #20\)/,
    )
    await assert.rejects(withKeys(['export', '--data', dir, '--out', out]), UsageError)
    await assert.rejects(
      withKeys(['export', '--data', dir, '--out', join(root, 'x'), '--from', 'soon']),
      (e: unknown) => isSluiceError(e) && e.code === 'INVALID_INPUT',
    )
    await assert.rejects(withKeys(['verify', '--data', dir, '--recipient', 'x']), UsageError)
  })
})
