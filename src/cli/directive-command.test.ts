import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { openPostgresLedger } from '../adapters/ledger-postgres/open-postgres-ledger.ts'
import { ledgerFileIn, openSqliteLedger } from '../adapters/ledger-sqlite/open-sqlite-ledger.ts'
import { createPgTestSchema } from '../adapters/state-postgres/directive-pg-db.ts'
import { createDirectiveCache } from '../app/directives/directive-cache.ts'
import { isSluiceError } from '../app/errors.ts'
import { verifyLedger } from '../app/verify-ledger.ts'
import { openDirectiveCommandStores, openDirectiveState } from '../compose/directive-state.ts'
import { sampleDecisionEntry } from '../core/ledger/sample-entry.ts'
import { type DirectiveCommandDeps, runDirectiveCommand, timeArg } from './directive-command.ts'
import { UsageError } from './usage-error.ts'

const root = await mkdtemp(join(tmpdir(), 'sluice-directive-cli-'))
after(() => rm(root, { recursive: true, force: true }))
let dirNo = 0
const newDir = () => join(root, `data-${++dirNo}`)

function cli(dataDir: string, now = '2025-04-10T01:00:00.000Z') {
  let n = 0
  const deps = (out: string[]): DirectiveCommandDeps => ({
    openStores: (dir) => openDirectiveCommandStores(dir),
    defaultDataDir: dataDir,
    operator: 'os-user',
    organisation: 'ACME Corp.',
    now: () => new Date(now),
    newId: (prefix) => `${prefix}-${++n}-${randomBytes(2).toString('hex')}`,
    readFile: async (path) => new Uint8Array(await readFile(path)),
    writeFile: (path, text) => writeFile(path, text),
    write: (text) => void out.push(text),
  })
  return async (...argv: string[]) => {
    const out: string[] = []
    const code = await runDirectiveCommand(argv, deps(out))
    return { code, out: out.join('') }
  }
}

describe('sluice directive', () => {
  it('issues, lists and revokes a suspension, recording each in the ledger', async () => {
    const dir = newDir()
    const run = cli(dir)
    const issued = await run(
      'issue',
      '--kind',
      'suspend-transfers',
      '--recipient',
      'Volcano Engine',
      '--from',
      '2025-04-10',
      '--order',
      'PIPC 2025-04 DeepSeek',
      '--by',
      'CPO kim',
    )
    assert.equal(issued.code, 0)
    assert.match(
      issued.out,
      /^issued (dir-\S+) {2}\[in force\] {2}suspend-transfers {2}Volcano Engine {2}from 2025-04-10T00:00:00.000Z {2}order PIPC 2025-04 DeepSeek \(PIPA Art\. 28-9\) {2}by CPO kim/,
    )
    const id = /issued (\S+)/.exec(issued.out)?.[1] as string

    const listed = await run('list', '--json')
    const [row] = listed.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    assert.equal(row.id, id)
    assert.equal(row.state, 'in force')

    const revoked = await cli(dir, '2025-04-28T00:00:00.000Z')('revoke', id)
    assert.match(revoked.out, /\[revoked\].*revoked 2025-04-28T00:00:00.000Z by os-user/)

    const ledger = await openSqliteLedger(ledgerFileIn(dir), { create: false })
    const entries = (await ledger.read(1, 10)).map((r) => r.entry)
    assert.deepEqual(
      entries.map((e) => (e.kind === 'directive' ? [e.action, e.by] : [])),
      [
        ['issue', 'CPO kim'],
        ['revoke', 'os-user'],
      ],
    )
    await ledger.close()
  })

  it('a directive issued by the CLI in another process binds this process within a second', async () => {
    const dir = newDir()
    const state = await openDirectiveState(dir, { vault: 'never' })
    const cache = await createDirectiveCache(state.directives, { refreshMs: 500 })
    const request = {
      tenant: 'acme',
      service: 'deepseek',
      recipients: [{ name: 'Volcano Engine', country: 'CN' }],
      time: '2025-04-11T00:00:00.000Z',
      personalData: true,
    }
    assert.equal(cache.check(request).blocked, false)
    const script = `
      import { runDirectiveCommand } from ${JSON.stringify(join(import.meta.dirname, 'directive-command.ts'))}
      import { openDirectiveCommandStores } from ${JSON.stringify(join(import.meta.dirname, '../compose/directive-state.ts'))}
      const code = await runDirectiveCommand(process.argv.slice(1), {
        openStores: (d) => openDirectiveCommandStores(d), defaultDataDir: ${JSON.stringify(dir)},
        now: () => new Date(), newId: (p) => p + '-child', readFile: async () => new Uint8Array(),
        writeFile: async () => {}, write: () => {},
      })
      process.exitCode = code`
    await promisify(execFile)(process.execPath, [
      '--input-type=module',
      '-e',
      script,
      '--',
      'issue',
      '--kind',
      'suspend-transfers',
      '--recipient',
      'Volcano Engine',
      '--from',
      '2025-04-10',
      '--order',
      'PIPC 2025-04 DeepSeek',
      '--by',
      'CPO kim',
    ])
    const done = performance.now()
    let elapsed = Number.POSITIVE_INFINITY
    for (let i = 0; i < 200; i++) {
      if (cache.check(request).blocked) {
        elapsed = performance.now() - done
        break
      }
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    cache.close()
    await state.close()
    assert.ok(elapsed < 1000, `seen after ${elapsed} ms`)
  })

  it('delete-data erases the vault copies, writes the letter, and confirm attaches the reply', async () => {
    const dir = newDir()
    // A gateway with the vault on has kept two prompts sent to Volcano and one to OpenAI.
    const gateway = await openDirectiveState(dir, { vault: 'always' })
    const ledger = await openSqliteLedger(ledgerFileIn(dir))
    const sent = [
      {
        requestId: 'r1',
        time: '2025-01-20T01:00:00.000Z',
        recipient: { name: 'Volcano Engine', country: 'CN' },
      },
      {
        requestId: 'r2',
        time: '2025-02-15T23:00:00.000Z',
        recipient: { name: 'Volcano Engine', country: 'CN' },
      },
      {
        requestId: 'r3',
        time: '2025-01-20T02:00:00.000Z',
        recipient: { name: 'OpenAI, L.L.C.', country: 'US' },
      },
    ]
    for (const [i, s] of sent.entries()) {
      await ledger.append([
        sampleDecisionEntry(i * 5, {
          requestId: s.requestId,
          time: s.time,
          recipients: [s.recipient],
          direction: 'request',
          action: 'allow',
        }),
      ])
      await gateway.vault?.putContent({
        requestId: s.requestId,
        recipient: s.recipient.name,
        time: s.time,
        content: `prompt ${s.requestId}`,
      })
    }
    await ledger.close()

    const run = cli(dir, '2025-04-24T09:00:00.000Z')
    const letterFile = join(dir, 'letter.txt')
    const result = await run(
      'delete-data',
      '--recipient',
      'Volcano Engine',
      '--from',
      '2025-01-15',
      '--to',
      '2025-02-15',
      '--order',
      'PIPC 2025-04 DeepSeek',
      '--by',
      'CPO kim',
      '--out',
      letterFile,
    )
    assert.equal(result.code, 0)
    assert.match(result.out, /vault: 2 contents erased, 2 keys destroyed, 0 keys replaced/)
    assert.match(result.out, /ledger: erasure record #5; 2 transfer records listed/)
    const requestId = /deletion request (del-\S+)/.exec(result.out)?.[1] as string
    const letter = await readFile(letterFile, 'utf8')
    assert.match(letter, /개인정보 파기 요청/)
    assert.match(letter, /Request for deletion of personal data/)
    assert.ok(letter.includes('  r1  ') && letter.includes('  r2  ') && !letter.includes('  r3  '))
    assert.doesNotMatch(letter, /prompt r1/)
    assert.equal(await gateway.vault?.getContent('r1'), undefined)
    assert.equal(await gateway.vault?.getContent('r3'), 'prompt r3')

    const reopened = await openSqliteLedger(ledgerFileIn(dir), { create: false })
    assert.equal((await verifyLedger(reopened)).ok, true)
    await reopened.close()

    const reply = join(dir, 'confirmation.pdf')
    await writeFile(reply, Buffer.from('%PDF-1.7 deletion confirmed'))
    const confirmed = await run('confirm', requestId, '--file', reply)
    assert.match(confirmed.out, new RegExp(`confirmed ${requestId}: Volcano Engine, sha256 [0-9a-f]{64}`))
    const requests = await run('requests')
    assert.match(
      requests.out,
      new RegExp(
        `${requestId} {2}confirmed {2}Volcano Engine .* 2 records .*confirmed 2025-04-24T09:00:00.000Z by os-user \\(confirmation.pdf\\)`,
      ),
    )
    assert.deepEqual(
      await gateway.deletionRequests.attachment(requestId),
      new Uint8Array(Buffer.from('%PDF-1.7 deletion confirmed')),
    )
    await assert.rejects(
      run('confirm', requestId, '--text', 'again'),
      (e) => isSluiceError(e) && e.code === 'INVALID_INPUT',
    )
    await gateway.close()
  })

  it('works the same on PostgreSQL: issue, delete-data with the vault, the ledger verifies', async () => {
    const db = await createPgTestSchema()
    const url = `postgres://postgres@127.0.0.1:5432/test?options=${encodeURIComponent(`-c search_path=${db.schema}`)}`
    try {
      const dir = newDir()
      const gateway = await openDirectiveState(dir, { postgresUrl: url, vault: 'always' })
      await gateway.vault?.putContent({
        requestId: 'r1',
        recipient: 'Volcano Engine',
        time: '2025-01-20T01:00:00.000Z',
        content: 'p1',
      })
      await gateway.vault?.putContent({
        requestId: 'r2',
        recipient: 'Volcano Engine',
        time: '2025-03-01T01:00:00.000Z',
        content: 'p2',
      })
      let n = 0
      const out: string[] = []
      const deps: DirectiveCommandDeps = {
        openStores: (d) => openDirectiveCommandStores(d, { postgresUrl: url }),
        defaultDataDir: dir,
        now: () => new Date('2025-04-24T09:00:00.000Z'),
        newId: (prefix) => `${prefix}-pg-${++n}`,
        readFile: async () => new Uint8Array(),
        writeFile: (path, text) => writeFile(path, text),
        write: (text) => void out.push(text),
      }
      const issue = [
        'issue',
        '--kind',
        'block-service',
        '--service',
        'deepseek',
        '--from',
        '2025-04-10',
        '--order',
        'Board 2025-7',
        '--by',
        'CISO park',
      ]
      assert.equal(await runDirectiveCommand(issue, deps), 0)
      const erase = [
        'delete-data',
        '--recipient',
        'Volcano Engine',
        '--from',
        '2025-01-01',
        '--to',
        '2025-01-31',
        '--order',
        'PIPC 2025-04 DeepSeek',
        '--by',
        'CPO kim',
        '--out',
        join(dir, 'letter.txt'),
      ]
      assert.equal(await runDirectiveCommand(erase, deps), 0)
      assert.match(out.join(''), /vault: 1 contents erased, 1 keys destroyed/)
      assert.equal(await gateway.vault?.getContent('r1'), undefined)
      assert.equal(await gateway.vault?.getContent('r2'), 'p2')
      assert.deepEqual(
        (await gateway.directives.list()).map((d) => d.kind),
        ['block-service', 'delete-data'],
      )
      const ledger = await openPostgresLedger(url)
      assert.deepEqual(
        (await ledger.read(1, 10)).map((r) => r.entry.kind),
        ['directive', 'directive', 'erasure'],
      )
      assert.equal((await verifyLedger(ledger)).ok, true)
      await ledger.close()
      await gateway.close()
    } finally {
      await db.drop()
    }
  })

  it('refuses bad calls before opening anything', async () => {
    const run = cli(newDir())
    const cases: [string[], RegExp][] = [
      [['issue', '--kind', 'freeze', '--from', '2025-04-10', '--order', 'x'], /--kind must be/],
      [['issue', '--kind', 'block-service', '--order', 'x'], /--from is required/],
      [['issue', '--kind', 'block-service', '--from', '10 April', '--order', 'x'], /--from: '10 April'/],
      [['revoke'], /takes one id/],
      [['confirm', 'del-1'], /--file PATH or as --text/],
      [['delete-data', '--recipient', 'X', '--from', '2025-01-01', '--order', 'x'], /--to is required/],
      [
        [
          'delete-data',
          '--recipient',
          'X',
          '--from',
          '2025-01-01',
          '--to',
          '2025-01-02',
          '--order',
          'x',
          '--tenant',
          'a',
        ],
        /binds every tenant/,
      ],
      [['pause'], /unknown directive action/],
    ]
    for (const [argv, pattern] of cases)
      await assert.rejects(run(...argv), (e) => e instanceof UsageError && pattern.test(e.message))
    // A directive the shape check refuses (block-service without a service) is INVALID_INPUT.
    await assert.rejects(
      run('issue', '--kind', 'block-service', '--from', '2025-04-10', '--order', 'x'),
      (e) => isSluiceError(e) && /block-service needs the service/.test(e.message),
    )
    assert.equal((await run()).code, 2)
  })

  it('reads a bare day as a whole UTC day', () => {
    assert.equal(timeArg('--from', '2025-02-15', 'start'), '2025-02-15T00:00:00.000Z')
    assert.equal(timeArg('--to', '2025-02-15', 'end'), '2025-02-16T00:00:00.000Z')
    assert.equal(timeArg('--to', '2025-02-15T09:00:00+09:00', 'end'), '2025-02-15T00:00:00.000Z')
  })
})
