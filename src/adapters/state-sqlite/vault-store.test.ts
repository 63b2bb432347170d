import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after } from 'node:test'
import { vaultStoreContract } from '../../app/vault/vault-store.contract.ts'
import { stateFileIn } from './directive-sqlite-db.ts'
import { openSqliteVaultStore } from './vault-store.ts'

const dir = join(tmpdir(), `sluice-vault-${process.pid}-${Date.now()}`)
let run = 0
let file = stateFileIn(join(dir, '0'))
after(() => rm(dir, { recursive: true, force: true }))

vaultStoreContract('SQLite', () => openSqliteVaultStore(file), {
  cleanup: async () => {
    run += 1
    file = stateFileIn(join(dir, String(run)))
  },
})
