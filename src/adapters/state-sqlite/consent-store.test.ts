import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before } from 'node:test'
import { consentStoreContract } from '../../app/consent/consent-store.contract.ts'
import { openSqliteConsentStore } from './consent-store.ts'

let dir = ''
let round = 0
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-consents-'))
})
after(async () => {
  await rm(dir, { recursive: true, force: true })
})

// Each case gets a fresh data directory: "cleanup" moves to the next one.
consentStoreContract('sqlite', () => openSqliteConsentStore(join(dir, `case-${round}`)), {
  cleanup: async () => {
    round++
  },
})
