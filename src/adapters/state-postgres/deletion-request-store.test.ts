import { after, before } from 'node:test'
import { deletionRequestStoreContract } from '../../app/directives/deletion-request-store.contract.ts'
import { openPostgresDeletionRequestStore } from './deletion-request-store.ts'
import { createPgTestSchema, type PgTestSchema } from './directive-pg-db.ts'

let db: PgTestSchema
before(async () => {
  db = await createPgTestSchema()
})
after(() => db.drop())

deletionRequestStoreContract('PostgreSQL', () => openPostgresDeletionRequestStore(db.pool), {
  cleanup: () => db.clear(),
})
