import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { builtinCatalogUrl } from '../../adapters/catalog/load-builtin-catalog.ts'
import { openSqliteRecipientPatchStore } from '../../adapters/state-sqlite/recipient-patch-store.ts'
import { parseCatalog } from '../../core/catalog/catalog-schema.ts'
import { transfersConfigSchema } from '../../core/transfers/transfers-config.ts'
import { isSluiceError } from '../errors.ts'
import { createTransfersState } from './transfers-state.ts'

const entries = parseCatalog(JSON.parse(readFileSync(builtinCatalogUrl, 'utf8')))

describe('transfers state', () => {
  let dir = ''
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-tstate-'))
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('applies config patches, then stored patches, and keeps them across restarts', async () => {
    const settings = transfersConfigSchema.parse({
      recipients: [
        { name: 'Intercom', contact: 'config@intercom.example' },
        { name: 'Nobody Inc', contact: 'x' },
      ],
    })
    const store = await openSqliteRecipientPatchStore(dir)
    const state = await createTransfersState(entries, settings, store)
    assert.equal(state.current().register.find('Intercom')?.contact, 'config@intercom.example')
    assert.deepEqual(state.unmatched(), ['Nobody Inc'])
    await state.patch(
      { name: 'Intercom', contact: 'stored@intercom.example' },
      'dpo',
      '2026-11-24T07:00:00.000Z',
    )
    assert.equal(state.current().register.find('Intercom')?.contact, 'stored@intercom.example')
    await assert.rejects(
      state.patch({ name: 'Intercom', colour: 'red' }, 'dpo', '2026-11-24T07:00:00.000Z'),
      (e) => isSluiceError(e) && e.code === 'INVALID_INPUT',
    )
    await assert.rejects(
      state.patch({ name: 'Typo Corp', contact: 'x' }, 'dpo', '2026-11-24T07:00:00.000Z'),
      (e) => isSluiceError(e) && e.code === 'NOT_FOUND',
    )
    await store.close()
    const reopened = await openSqliteRecipientPatchStore(dir)
    const again = await createTransfersState(entries, settings, reopened)
    assert.equal(again.current().register.find('Intercom')?.contact, 'stored@intercom.example')
    assert.equal((await reopened.list()).length, 1, 'refused patches were not stored')
    await again.reload(entries, transfersConfigSchema.parse({}))
    assert.deepEqual(again.unmatched(), [])
    await reopened.close()
  })
})
