import { after, before } from 'node:test'
import { vaultStoreContract } from '../../app/vault/vault-store.contract.ts'
import { createPgTestSchema, type PgTestSchema } from './directive-pg-db.ts'
import { openPostgresVaultStore } from './vault-store.ts'

let db: PgTestSchema
before(async () => {
  db = await createPgTestSchema()
})
after(() => db.drop())

vaultStoreContract('PostgreSQL', () => openPostgresVaultStore(db.pool), { cleanup: () => db.clear() })
