import { randomBytes } from 'node:crypto'
import { after, before } from 'node:test'
import pg from 'pg'
import { recipientPatchStoreContract } from '../../app/consent/recipient-patch-store.contract.ts'
import { openPostgresRecipientPatchStore } from './recipient-patch-store.ts'

// PostgreSQL must be running (127.0.0.1:5432, user postgres, database test): its absence fails the run.
const url = process.env.SLUICE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const schema = `sluice_test_${randomBytes(6).toString('hex')}`
const admin = new pg.Client({ connectionString: url })

before(async () => {
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
})
after(async () => {
  await admin.query(`DROP SCHEMA ${schema} CASCADE`)
  await admin.end()
})

recipientPatchStoreContract('postgres', () => openPostgresRecipientPatchStore({ url, schema }), {
  cleanup: async () => {
    await admin.query(`DROP TABLE IF EXISTS ${schema}.sluice_recipient_patches`)
  },
})
