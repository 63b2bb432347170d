import { after, before } from 'node:test'
import { directiveStoreContract } from '../../app/directives/directive-store.contract.ts'
import { createPgTestSchema, type PgTestSchema } from './directive-pg-db.ts'
import { openPostgresDirectiveStore } from './directive-store.ts'

let db: PgTestSchema
before(async () => {
  db = await createPgTestSchema()
})
after(() => db.drop())

directiveStoreContract('PostgreSQL', () => openPostgresDirectiveStore(db.pool), {
  cleanup: () => db.clear(),
})
