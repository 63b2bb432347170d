import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { runSluice } from './run-sluice.ts'

const key = 'test-fingerprint-key-0123456789abcdef'
let dir: string

const sluice = (args: readonly string[], env: Record<string, string> = {}) => runSluice(dir, args, { env })

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-fp-'))
  await writeFile(
    join(dir, 'customers.csv'),
    'name,phone,note\n홍길동,010-1234-5678,\n김영희,010-9876-5432,\n',
  )
  await writeFile(join(dir, 'prompt.txt'), '고객 홍길동님 번호는 01012345678 입니다. 이순신님은 아닙니다.\n')
  await writeFile(join(dir, 'terms.txt'), '# project code names\n프로젝트 오로라\nBLUE HERON\n')
  await writeFile(join(dir, 'memo.txt'), '프로젝트 오로라는 blue heron 팀이 맡습니다')
})
after(() => rm(dir, { recursive: true, force: true }))

describe('sluice fingerprint build / scan --fingerprints', () => {
  it('builds a file without plaintext and finds exact occurrences with the same key', async () => {
    const built = await sluice(
      [
        'fingerprint',
        'build',
        '--name',
        'customers',
        '--columns',
        'name,phone',
        '--out',
        'c.fp.json',
        'customers.csv',
      ],
      {
        SLUICE_FINGERPRINT_KEY: key,
      },
    )
    assert.equal(built.code, 0, built.stderr)
    const file = await readFile(join(dir, 'c.fp.json'), 'utf8')
    for (const value of ['홍길동', '김영희', '010-1234-5678', '01012345678', key])
      assert.ok(!file.includes(value), value)
    const scan = await sluice(
      ['scan', '--format', 'json', '--types', 'EXACT_DATA', '--fingerprints', 'c.fp.json', 'prompt.txt'],
      {
        SLUICE_FINGERPRINT_KEY: key,
      },
    )
    assert.equal(scan.code, 0, scan.stderr)
    const rows = JSON.parse(scan.stdout) as { start: number; end: number; subtype: string }[]
    const text = await readFile(join(dir, 'prompt.txt'), 'utf8')
    assert.deepEqual(
      rows.map((r) => text.slice(r.start, r.end)),
      ['홍길동', '01012345678'],
    )
    assert.ok(rows.every((r) => r.subtype === 'customers'))
  })

  it('refuses to scan with a different key', async () => {
    const scan = await sluice(['scan', '--fingerprints', 'c.fp.json', 'prompt.txt'], {
      SLUICE_FINGERPRINT_KEY: `${key}-other`,
    })
    assert.equal(scan.code, 2)
    assert.match(scan.stderr, /not the key this file was built with/)
  })

  it('reports an all-empty column as having no values', async () => {
    const built = await sluice(
      ['fingerprint', 'build', '--name', 'notes', '--columns', 'note', '--out', 'n.fp.json', 'customers.csv'],
      {
        SLUICE_FINGERPRINT_KEY: key,
      },
    )
    assert.equal(built.code, 2)
    assert.match(built.stderr, /no values to fingerprint/)
  })

  it('finds dictionary terms from a file, with particles attached and in any ASCII case', async () => {
    const scan = await sluice([
      'scan',
      '--format',
      'json',
      '--types',
      'DICTIONARY_TERM',
      '--dictionary',
      'terms.txt',
      'memo.txt',
    ])
    const rows = JSON.parse(scan.stdout) as { start: number; end: number; subtype: string }[]
    const text = await readFile(join(dir, 'memo.txt'), 'utf8')
    assert.deepEqual(
      rows.map((r) => text.slice(r.start, r.end)),
      ['프로젝트 오로라', 'blue heron'],
    )
    assert.equal(rows[0]?.subtype, 'terms')
  })
})
