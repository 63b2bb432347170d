// PostgreSQL plumbing shared by the directive, vault and deletion-request stores: schema creation
// serialised across processes, transactions on one pooled client, and test schemas.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { SluiceError } from '../../app/errors.ts'

/** A pool the stores borrow clients from; the composition root owns it (and ends it). */
export type PgPool = pg.Pool

/** A client inside a transaction. */
export type PgClient = pg.PoolClient

/**
 * Runs `schema` (CREATE … IF NOT EXISTS statements) once, under a transaction-scoped advisory lock so
 * two processes starting together do not race on creating the same tables.
 */
export async function ensurePgSchema(pool: PgPool, lockName: string, schema: string): Promise<void> {
  try {
    await inPgTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockName])
      await client.query(schema)
    })
  } catch (error) {
    if (error instanceof SluiceError) throw error
    throw new SluiceError(
      'CONFIG_INVALID',
      `cannot prepare the PostgreSQL tables (${lockName}): ${messageOf(error)}`,
      {
        cause: error,
      },
    )
  }
}

/** Runs `work` in BEGIN … COMMIT on one pooled client, rolling back when it throws. */
export async function inPgTransaction<T>(pool: PgPool, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

/** A throw-away schema for one test run, and a pool whose connections use it. */
export interface PgTestSchema {
  readonly pool: PgPool
  readonly schema: string
  /** Drops every table of the schema (the next store opening recreates them). */
  clear(): Promise<void>
  /** Drops the schema and ends the pool. */
  drop(): Promise<void>
}

/**
 * Creates `sluice_test_<random>` on the test server (default 127.0.0.1:5432, user postgres, database
 * test, or SLUICE_TEST_PG_URL) and a pool bound to it. Fails when the server is not there: a missing
 * PostgreSQL is a test failure, never a skip.
 */
export async function createPgTestSchema(): Promise<PgTestSchema> {
  const url = process.env.SLUICE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const schema = `sluice_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    await admin.query(`CREATE SCHEMA ${schema}`)
  } finally {
    await admin.end()
  }
  const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 10 })
  return {
    pool,
    schema,
    async clear() {
      await pool.query(`DROP SCHEMA ${schema} CASCADE; CREATE SCHEMA ${schema}`)
    },
    async drop() {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`)
      await pool.end()
    },
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
