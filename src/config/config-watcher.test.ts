import assert from 'node:assert/strict'
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { watchConfig } from './config-watcher.ts'
import type { SluiceConfig } from './sluice-config-schema.ts'

const configText = (port: number) => `server: { port: ${port} }
tenants:
  acme: { name: Acme, policy: { preset: kr-enterprise } }
`

type Event = { kind: 'change'; config: SluiceConfig } | { kind: 'error'; problems: readonly string[] }

// Collects watcher reports and lets a test wait (bounded) for the next one.
function recorder() {
  const events: Event[] = []
  let wake: (() => void) | undefined
  return {
    onChange(config: SluiceConfig) {
      events.push({ kind: 'change', config })
      wake?.()
    },
    onError(problems: readonly string[]) {
      events.push({ kind: 'error', problems })
      wake?.()
    },
    async next(): Promise<Event> {
      const deadline = Date.now() + 5000
      while (events.length === 0) {
        if (Date.now() > deadline) throw new Error('no report from the watcher within 5 s')
        await new Promise<void>((resolve) => {
          wake = resolve
          setTimeout(resolve, 100)
        })
      }
      return events.shift() as Event
    },
    get pending() {
      return events.length
    },
  }
}

describe('watchConfig', () => {
  const dirs: string[] = []
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  })

  it('hands over valid changes, keeps the running config on an invalid file and says why', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sluice-watch-'))
    dirs.push(dir)
    const file = join(dir, 'sluice.yaml')
    await writeFile(file, configText(8080))
    const r = recorder()
    const watch = watchConfig(file, { ...r, debounceMs: 100, initialText: configText(8080) })
    try {
      await writeFile(file, configText(8081))
      const first = await r.next()
      assert.equal(first.kind, 'change')
      assert.equal(first.kind === 'change' && first.config.server.port, 8081)

      await writeFile(file, 'server: { port: 8082\ntenants: {}\n')
      const broken = await r.next()
      assert.equal(broken.kind, 'error')
      assert.match(broken.kind === 'error' ? (broken.problems[0] ?? '') : '', /^line \d+, column \d+/)

      await writeFile(file, `server: { port: 99999 }\n${configText(1).split('\n').slice(1).join('\n')}`)
      const invalid = await r.next()
      assert.deepEqual(invalid.kind === 'error' && invalid.problems, [
        'server.port: Too big: expected number to be <=65535',
      ])

      // Editors and deploy tools replace the file by renaming a new one over it.
      const temp = join(dir, '.sluice.yaml.tmp')
      await writeFile(temp, configText(8083))
      await rename(temp, file)
      const replaced = await r.next()
      assert.equal(replaced.kind === 'change' && replaced.config.server.port, 8083)
    } finally {
      watch.close()
    }
  })

  it('reports nothing after close', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sluice-watch-'))
    dirs.push(dir)
    const file = join(dir, 'sluice.yaml')
    await writeFile(file, configText(8080))
    const r = recorder()
    const watch = watchConfig(file, { ...r, debounceMs: 30 })
    watch.close()
    await writeFile(file, configText(8090))
    await new Promise((resolve) => setTimeout(resolve, 300))
    assert.equal(r.pending, 0)
  })
})
