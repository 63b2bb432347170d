// `sluice serve --workers 2` as a user runs it: both workers serve, every decision lands in one
// unbroken chain in order, and one /metrics scrape counts the requests of both workers.
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type StandInUpstream, startStandInUpstream } from '../support/stand-in-upstream.ts'
import { testConfig, testKey } from './gateway-harness.ts'
import { runSluice } from './run-sluice.ts'

const bin = join(import.meta.dirname, '..', '..', 'bin', 'sluice.js')
const total = 200

describe('sluice serve with two worker processes', () => {
  let dir: string
  let provider: StandInUpstream
  let child: ChildProcess
  let url: string
  let stderr = ''
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-cluster-'))
    provider = await startStandInUpstream()
    const config = join(dir, 'sluice.yaml')
    await writeFile(config, testConfig(provider.url, provider.url, join(dir, 'data')))
    child = spawn(process.execPath, [bin, 'serve', '--workers', '2', '--config', config], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line in 20 s:\n${stderr}`)), 20_000)
      child.stderr?.on('data', (d) => {
        stderr += d
        const m = /\(2 workers\) listening on (http:\/\/\S+)/.exec(stderr)
        if (m?.[1]) {
          clearTimeout(timer)
          resolve(m[1])
        }
      })
      child.once('exit', (code) => reject(new Error(`sluice exited ${code}:\n${stderr}`)))
    })
  })
  after(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await once(child, 'exit')
    }
    await provider.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('records every decision once, chained in order, across both workers', async () => {
    const send = (i: number) =>
      fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${testKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: i % 4 === 0 ? 'deepseek-chat' : 'gpt-4o-mini',
          messages: [{ role: 'user', content: i % 3 === 0 ? `주민번호 900101-1234568 (${i})` : `질문 ${i}` }],
        }),
      }).then(async (r) => {
        await r.arrayBuffer()
        return r.status
      })
    const statuses: number[] = []
    // 20 at a time, bounded: 200 requests in all.
    for (let i = 0; i < total; i += 20) {
      statuses.push(...(await Promise.all(Array.from({ length: 20 }, (_, j) => send(i + j)))))
    }
    assert.equal(statuses.filter((s) => s === 403).length, total / 4)
    assert.equal(statuses.filter((s) => s === 200).length, (total * 3) / 4)

    const metrics = await (await fetch(`${url}/metrics`)).text()
    const served = [...metrics.matchAll(/^sluice_requests_total\{[^}]*\} (\d+)$/gm)].reduce(
      (sum, m) => sum + Number(m[1]),
      0,
    )
    assert.equal(served, total, 'one scrape sums both workers')

    child.kill('SIGTERM')
    await once(child, 'exit')
    const verify = await runSluice(dir, ['ledger', 'verify', '--data', join(dir, 'data'), '--json'])
    assert.equal(verify.code, 0, verify.stdout + verify.stderr)
    assert.equal((JSON.parse(verify.stdout) as { count: number }).count, total)
    const tail = await runSluice(dir, [
      'ledger',
      'tail',
      '-n',
      String(total),
      '--data',
      join(dir, 'data'),
      '--json',
    ])
    const pids = new Set(
      tail.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { seq: number }).seq),
    )
    assert.equal(pids.size, total, 'every record has its own sequence number')
  })
})
