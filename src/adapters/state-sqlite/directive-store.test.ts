import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after } from 'node:test'
import { directiveStoreContract } from '../../app/directives/directive-store.contract.ts'
import { stateFileIn } from './directive-sqlite-db.ts'
import { openSqliteDirectiveStore } from './directive-store.ts'

const dir = join(tmpdir(), `sluice-directives-${process.pid}-${Date.now()}`)
let run = 0
let file = stateFileIn(join(dir, '0'))
after(() => rm(dir, { recursive: true, force: true }))

directiveStoreContract('SQLite', () => openSqliteDirectiveStore(file), {
  cleanup: async () => {
    run += 1
    file = stateFileIn(join(dir, String(run)))
  },
})
