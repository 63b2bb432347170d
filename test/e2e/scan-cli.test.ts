import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type CliRun, runSluice } from './run-sluice.ts'

let dir: string

/** Runs the CLI in the test's directory. */
const sluice = (args: readonly string[], input?: string, env: Record<string, string> = {}): Promise<CliRun> =>
  runSluice(dir, args, input === undefined ? { env } : { input, env })

const prompt =
  '담당자 연락처 010-1234-5678로, 메일 hong@example.com\nkey sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ\n'

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-cli-'))
  await writeFile(join(dir, 'prompt.txt'), prompt)
})
after(() => rm(dir, { recursive: true, force: true }))

describe('sluice scan', () => {
  it('prints a table with masked values and line:column locations', async () => {
    const r = await sluice(['scan', 'prompt.txt'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /FILE\s+LOCATION\s+TYPE\s+VALUE\s+SCORE/)
    assert.match(r.stdout, /prompt\.txt\s+1:9\s+PHONE_NUMBER/)
    assert.ok(!r.stdout.includes('010-1234-5678'), 'values are masked in the table')
  })

  it('prints JSON rows with type, category and offsets', async () => {
    const r = await sluice(['scan', '--format', 'json', '--types', 'EMAIL_ADDRESS', 'prompt.txt'])
    const rows = JSON.parse(r.stdout) as { type: string; category: string; start: number; end: number }[]
    assert.equal(rows.length, 1)
    assert.equal(rows[0]?.category, 'personal_identifier')
    assert.equal(prompt.slice(rows[0]?.start, rows[0]?.end), 'hong@example.com')
  })

  it('answers --jsonl line for line with exactly id and findings', async () => {
    const input = `${JSON.stringify({ id: 'a', text: '전화 010-1234-5678' })}\n${JSON.stringify({ id: 7, text: 'nothing' })}\n`
    const r = await sluice(['scan', '--jsonl', '-'], input)
    assert.equal(r.code, 0, r.stderr)
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    const first = lines[0] as {
      id: string
      findings: { type: string; start: number; end: number; score: number }[]
    }
    assert.equal(first.id, 'a')
    assert.equal(first.findings.length, 1)
    assert.deepEqual(Object.keys(first.findings[0] ?? {}), ['type', 'start', 'end', 'score'])
    assert.deepEqual(
      { ...first.findings[0], score: 0 },
      { type: 'PHONE_NUMBER', start: 3, end: 16, score: 0 },
    )
    assert.deepEqual(Object.keys(lines[0] ?? {}), ['id', 'findings'])
    assert.deepEqual(lines[1], { id: 7, findings: [] })
  })

  it('reports a bad JSONL line in place and exits 2 without losing the others', async () => {
    const r = await sluice(['scan', '--jsonl', '-'], `not json\n${JSON.stringify({ id: 1, text: 'x' })}\n`)
    assert.equal(r.code, 2)
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: unknown; error?: unknown })
    assert.equal(lines.length, 2)
    assert.ok(lines[0]?.error)
    assert.equal(lines[1]?.id, 1)
    assert.match(r.stderr, /-:1: not valid JSON/)
  })

  it('redacts with tags from standard input', async () => {
    const r = await sluice(['scan', '--redact', 'tag', '-'], '전화 010-1234-5678로 주세요')
    assert.equal(r.stdout, '전화 <PHONE_NUMBER>로 주세요')
  })

  it('pseudonymises to a private token table and restores from it', async () => {
    const r = await sluice([
      'scan',
      '--redact',
      'pseudonymise',
      '--pseudonyms',
      'p.json',
      '--out',
      'out.txt',
      'prompt.txt',
    ])
    assert.equal(r.code, 0, r.stderr)
    const out = await readFile(join(dir, 'out.txt'), 'utf8')
    assert.match(out, /<PHONE_NUMBER_1>로/)
    assert.ok(!out.includes('hong@example.com'))
    assert.equal((await stat(join(dir, 'p.json'))).mode & 0o777, 0o600)
    const back = await sluice(['restore', '--pseudonyms', 'p.json', 'out.txt'])
    assert.equal(back.stdout, prompt)
  })

  it('exits 1 with --fail-on when a finding of that category exists, 0 when none', async () => {
    assert.equal((await sluice(['scan', '--fail-on', 'credentials', 'prompt.txt'])).code, 1)
    assert.equal((await sluice(['scan', '--fail-on', 'classified', 'prompt.txt'])).code, 0)
  })

  const userErrors: [string, string[], RegExp][] = [
    ['a missing file', ['scan', 'nope.txt'], /cannot read .*nope\.txt: no such file/],
    ['an unknown type', ['scan', '--types', 'SSN', 'prompt.txt'], /--types: unknown type or category: SSN/],
    [
      'a bad score',
      ['scan', '--min-score', '2', 'prompt.txt'],
      /--min-score must be a number between 0 and 1/,
    ],
    ['an unknown command', ['scna'], /unknown command 'scna'/],
    ['hash without a key', ['scan', '--redact', 'hash', 'prompt.txt'], /SLUICE_HASH_KEY/],
  ]
  for (const [name, args, message] of userErrors) {
    it(`reports ${name} in one line with exit 2`, async () => {
      const r = await sluice(args, undefined, { SLUICE_HASH_KEY: '' })
      assert.equal(r.code, 2)
      assert.match(r.stderr, message)
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr)
      assert.ok(!r.stderr.includes('    at '), 'no stack trace')
    })
  }

  it('handles a file with more findings than a call stack can hold arguments', async () => {
    await writeFile(join(dir, 'many.txt'), 'mail a@example.com\n'.repeat(150_000))
    const table = await sluice(['scan', 'many.txt'])
    assert.equal(table.code, 0, table.stderr)
    assert.match(table.stdout, /150000 findings\n$/)
    const json = await sluice(['scan', '--format', 'json', 'many.txt'])
    assert.equal((JSON.parse(json.stdout) as unknown[]).length, 150_000)
  })

  it('refuses a binary file with a clear message', async () => {
    await writeFile(join(dir, 'blob.bin'), Buffer.from([0, 159, 146, 150, 0, 1, 2, 3]))
    const r = await sluice(['scan', 'blob.bin'])
    assert.equal(r.code, 2)
    assert.match(r.stderr, /^sluice: .*(unsupported|not a supported|format)/i)
  })
})
