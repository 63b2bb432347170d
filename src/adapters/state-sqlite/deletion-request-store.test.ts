import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after } from 'node:test'
import { deletionRequestStoreContract } from '../../app/directives/deletion-request-store.contract.ts'
import { openSqliteDeletionRequestStore } from './deletion-request-store.ts'
import { stateFileIn } from './directive-sqlite-db.ts'

const dir = join(tmpdir(), `sluice-deletion-requests-${process.pid}-${Date.now()}`)
let run = 0
let file = stateFileIn(join(dir, '0'))
after(() => rm(dir, { recursive: true, force: true }))

deletionRequestStoreContract('SQLite', () => openSqliteDeletionRequestStore(file), {
  cleanup: async () => {
    run += 1
    file = stateFileIn(join(dir, String(run)))
  },
})
