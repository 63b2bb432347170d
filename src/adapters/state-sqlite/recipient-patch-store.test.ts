import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before } from 'node:test'
import { recipientPatchStoreContract } from '../../app/consent/recipient-patch-store.contract.ts'
import { openSqliteRecipientPatchStore } from './recipient-patch-store.ts'

let dir = ''
let round = 0
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-patches-'))
})
after(async () => {
  await rm(dir, { recursive: true, force: true })
})

recipientPatchStoreContract('sqlite', () => openSqliteRecipientPatchStore(join(dir, `case-${round}`)), {
  cleanup: async () => {
    round++
  },
})
