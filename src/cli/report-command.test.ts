import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { builtinCatalogUrl } from '../adapters/catalog/load-builtin-catalog.ts'
import { openSqliteLedger } from '../adapters/ledger-sqlite/open-sqlite-ledger.ts'
import { parseCatalog } from '../core/catalog/catalog-schema.ts'
import type { DecisionEntry } from '../core/ledger/ledger-record.ts'
import { transfersConfigSchema } from '../core/transfers/transfers-config.ts'
import { runReportCommand } from './report-command.ts'
import { UsageError } from './usage-error.ts'

const entries = parseCatalog(JSON.parse(readFileSync(builtinCatalogUrl, 'utf8')))
const deepseek = entries.find((e) => e.id === 'deepseek')
const chain = [
  { name: deepseek?.operator ?? '', country: 'CN' },
  ...(deepseek?.recipients ?? []).map((r) => ({ name: r.name, country: r.country })),
]

function decision(n: number, over: Partial<DecisionEntry>): DecisionEntry {
  return {
    kind: 'decision',
    time: new Date(Date.UTC(2026, 10, 20, 0, 0, n)).toISOString(),
    requestId: `r${n}`,
    tenant: 'acme',
    subject: 'subj_1',
    service: 'deepseek',
    direction: 'request',
    recipients: chain,
    countries: ['CN', 'US'],
    categories: ['personal_identifier'],
    typeCounts: { EMAIL_ADDRESS: 1 },
    action: 'allow',
    rule: 'default',
    ...over,
  }
}

describe('sluice report transfers', () => {
  let dir = ''
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-report-'))
    const ledger = await openSqliteLedger(join(dir, 'ledger.db'))
    await ledger.append([
      decision(1, {
        transfer: {
          origin: 'KR',
          grounds: [
            { recipient: 'Volcano Engine', country: 'CN', basis: 'KR_PIPA_28_8_1_1', consentId: 'cns_1' },
          ],
        },
      }),
      decision(2, { categories: ['device_information', 'credentials'] }),
      decision(3, { action: 'block' }), // refused: nothing left
      decision(4, { tenant: 'other' }),
      decision(5, { action: 'redact' }), // left, but the values were replaced
    ])
    await ledger.close()
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  const transfers = transfersConfigSchema.parse({
    recipients: [{ name: 'Intercom', contact: 'privacy@intercom.example', domesticRepresentative: null }],
    bases: [
      {
        tenant: 'acme',
        recipient: 'OpenAI',
        basis: 'KR_PIPA_28_8_1_3',
        reference: 'DPA-2026-01',
        privacyPolicyVersion: 'v4',
      },
    ],
  })
  const run = async (argv: string[]) => {
    let out = ''
    const code = await runReportCommand(argv, {
      openLedger: (d) => openSqliteLedger(join(d, 'ledger.db'), { create: false }),
      loadTransfers: async () => ({ entries, transfers, dataDir: dir }),
      write: (t) => {
        out += t
      },
      now: () => new Date('2026-11-24T07:00:00Z'),
    })
    return { code, out }
  }

  it('lists each foreign recipient with the items and flows the ledger saw and the bases on file', async () => {
    const { code, out } = await run(['transfers', '--tenant', 'acme', '--format', 'json'])
    assert.equal(code, 0)
    const report = JSON.parse(out) as {
      rows: {
        recipient: string
        country: string
        records: number
        items: { category: string; records: number }[]
        bases: { code: string; records: number; reference: string | null }[]
        contact: string
        timingAndMethod: { en: string }
      }[]
    }
    const volcano = report.rows.find((r) => r.recipient === 'Volcano Engine')
    assert.ok(volcano)
    assert.equal(volcano.country, 'CN')
    assert.equal(
      volcano.records,
      3,
      'allow ×2 and redact ×1 for acme; block and the other tenant do not count',
    )
    assert.deepEqual(
      volcano.items.map((i) => [i.category, i.records]),
      [
        ['personal_identifier', 1],
        ['device_information', 1],
      ],
    )
    assert.deepEqual(
      volcano.bases.map((b) => [b.code, b.records]),
      [['KR_PIPA_28_8_1_1', 1]],
    )
    assert.equal(
      volcano.timingAndMethod.en,
      'at each request, over HTTPS, to the API of DeepSeek (chat app/web and API platform)',
    )
    assert.equal(report.rows.find((r) => r.recipient === 'Intercom')?.contact, 'privacy@intercom.example')
    const openai = report.rows.find((r) => r.recipient === 'OpenAI')
    assert.deepEqual(openai?.bases, [
      { code: 'KR_PIPA_28_8_1_3', article: 'PIPA Art. 28-8(1)3', reference: 'DPA-2026-01', records: 0 },
    ])
    assert.equal(openai?.records, 0)
    assert.equal(report.rows.length, 6, '5 DeepSeek chain members + OpenAI on file')
  })

  it('renders Markdown and escaped HTML with the five items', async () => {
    const md = (await run(['transfers'])).out
    assert.match(md, /^# 개인정보 국외 이전 현황/)
    assert.match(md, /\| Volcano Engine \(sub-processor;/)
    assert.match(md, /KR_PIPA_28_8_1_1 \(PIPA Art\. 28-8\(1\)1\), 1 flows/)
    const html = (await run(['transfers', '--format', 'html'])).out
    assert.match(html, /<td>CN<\/td>/)
    assert.ok(html.includes('Hangzhou DeepSeek Artificial Intelligence Co., Ltd.'))
  })

  it('respects the time range and refuses bad options', async () => {
    const { out } = await run(['transfers', '--format', 'json', '--from', '2026-11-21T00:00:00Z'])
    const rows = (JSON.parse(out) as { rows: { records: number; recipient: string }[] }).rows
    assert.ok(rows.every((r) => r.records === 0))
    await assert.rejects(run(['transfers', '--format', 'pdf']), UsageError)
    await assert.rejects(run(['flows']), UsageError)
    await assert.rejects(run(['transfers', '--from', 'yesterday']), UsageError)
    assert.equal((await run([])).code, 2)
  })
})
