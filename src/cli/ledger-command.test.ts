import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { after, describe, it } from 'node:test'
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
