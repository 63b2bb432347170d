// The README's quick start as a user meets it: `sluice serve` on the embedded default, in an empty
// directory, prints two curl lines; the first is blocked by the kr-ministry preset, the second redacts.
import assert from 'node:assert/strict'
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'

const bin = join(import.meta.dirname, '..', '..', 'bin', 'sluice.js')
const run = promisify(execFile)

describe('quick start', () => {
  let dir: string
  let child: ChildProcess
  let printed = ''
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-quick-'))
    const env = { ...process.env }
    for (const name of ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'DEEPSEEK_API_KEY', 'SLUICE_PORT'])
      delete env[name]
    child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--workers', '1'], { cwd: dir, env })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no try-it lines in 20 s:\n${printed}`)), 20_000)
      child.stderr?.on('data', (d) => {
        printed += d
        if (printed.includes('/v1/redact') && printed.includes('mode":"tag"}\'')) {
          clearTimeout(timer)
          resolve()
        }
      })
      child.once('exit', (code) => reject(new Error(`sluice exited ${code}:\n${printed}`)))
    })
  })
  after(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await once(child, 'exit')
    }
    await rm(dir, { recursive: true, force: true })
  })

  // The printed command, continuation lines joined, as a shell would run it.
  function commandAfter(comment: RegExp): string {
    const lines = printed.split('\n')
    const at = lines.findIndex((l) => comment.test(l))
    assert.ok(at >= 0, printed)
    return `${lines[at + 1]?.trim().replace(/\\$/, '')} ${lines[at + 2]?.trim()}`
  }

  it('prints a blocked line that is blocked, with the rule', async () => {
    const { stdout } = await run('sh', ['-c', commandAfter(/# blocked/)])
    const body = JSON.parse(stdout) as { error: { type: string; rule: string } }
    assert.equal(body.error.type, 'sluice_policy_block')
    assert.equal(body.error.rule, 'M03')
  })

  it('prints a redacted line that redacts, and keeps its data in ./data', async () => {
    const { stdout } = await run('sh', ['-c', commandAfter(/# redacted/)])
    const body = JSON.parse(stdout) as { text: string }
    assert.equal(body.text, '주민등록번호 <KR_RRN> 확인 부탁드립니다')
    assert.ok(existsSync(join(dir, 'data', 'ledger.db')))
  })
})
